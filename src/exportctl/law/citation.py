"""Citations: the legal basis of a value, kept apart from the evidence that reports it.

Why this shape (docs/design.md, "Citations"): a compliance answer rests on the official text of
the law, located by article, paragraph and item and quoted in its own language. Press reports,
law-firm notes and commentary help find and date that text, but they are *evidence*, never the
basis. So a :class:`Source` holds an :class:`OfficialText` (the citation of record) and a list of
:class:`Evidence`; where the official text could not be reached it says so (``unreached``), and
answers resting on it warn. Forums, wikis and content farms are refused outright: they may not
even appear as evidence.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, model_validator

from exportctl.law.record import Record

Confidence = Literal["confirmed", "single", "inferred", "unverified"]

#: Hosts that publish the official text of Japanese and Korean law, or of the WTO and the UN.
#: A subdomain of one of these counts too (``www.meti.go.jp``).
OFFICIAL_HOSTS: frozenset[str] = frozenset(
    {
        # Japan
        "laws.e-gov.go.jp",
        "elaws.e-gov.go.jp",
        "japaneselawtranslation.go.jp",
        "meti.go.jp",
        "kanpo.go.jp",
        "kantei.go.jp",
        "cas.go.jp",
        "mofa.go.jp",
        "mof.go.jp",  # the Ministry of Finance: FEFTA payments and capital measures, joint statements
        "customs.go.jp",
        "mod.go.jp",  # the Ministry of Defense: the Three Principles on Transfer of Defense Equipment
        "shugiin.go.jp",
        "sangiin.go.jp",
        "e-gov.go.jp",
        # Korea
        "law.go.kr",
        "elaw.klri.re.kr",
        "motie.go.kr",
        "korea.kr",
        "mofa.go.kr",
        "mnd.go.kr",
        "yestrade.go.kr",
        "kosti.or.kr",
        "assembly.go.kr",
        # International
        "wto.org",
        "un.org",
        "wassenaar.org",
    }
)

#: Forums, user-edited wikis and content farms: never a source for anything in this data.
REFUSED_HOSTS: frozenset[str] = frozenset(
    {
        "5ch.net",
        "2ch.net",
        "nicovideo.jp",
        "wikipedia.org",
        "namu.wiki",
        "tellerreport.com",
        "fluoridealert.org",
        "hatenablog.com",
        "jimdofree.com",
        "tistory.com",
        "newsrebeat.com",
        "123deta.com",
        "fdocument.pub",
        "pdfslide.net",
    }
)

EvidenceKind = Literal[
    "press",
    "law_firm",
    "university",
    "industry_body",
    "government_agency",
    "official_mirror",
    "academic",
    "dataset",
    "commentary",
]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _under(host: str, suffixes: frozenset[str]) -> bool:
    return any(host == s or host.endswith("." + s) for s in suffixes)


def is_official(url: str) -> bool:
    return _under(host_of(url), OFFICIAL_HOSTS)


def is_refused(url: str) -> bool:
    return _under(host_of(url), REFUSED_HOSTS)


class Locator(Record):
    """Where in an instrument: article, paragraph, item (Japanese 条・項・号; Korean 조・항・호),
    or an appended table, its row, or an annex. Rendered the way lawyers write it."""

    article: str | None = None
    paragraph: str | None = None
    item: str | None = None
    table: str | None = None
    row: str | None = None
    annex: str | None = None
    part: str | None = Field(None, description="Anything finer or other, in words (e.g. 'right-hand column')")

    def __str__(self) -> str:
        out = []
        if self.article:
            a = f"Art. {self.article}"
            if self.paragraph:
                a += f"({self.paragraph})"
            if self.item:
                a += f"({self.item})" if self.paragraph else f", item {self.item}"
            out.append(a)
        if self.table:
            out.append(self.table + (f", row {self.row}" if self.row else ""))
        elif self.row:
            out.append(f"row {self.row}")
        if self.annex:
            out.append(self.annex)
        if self.part:
            out.append(self.part)
        return "; ".join(out)


class OfficialText(Record):
    """The citation of record: the official publication of the provision, quoted."""

    url: str = Field(description="The official location (e-Gov, law.go.kr, METI, MOTIE, Official Gazette, WTO)")
    read_via: str | None = Field(None, description="Where the text was actually read, when not at the official URL")
    quote: str | None = Field(None, description="The provision's words in the original language, verbatim")
    lang: Literal["ja", "ko", "en"] = "ja"
    translation: str | None = None
    translation_by: Literal["official", "exportctl"] | None = None
    checked_on: dt.date = Field(description="The day someone read this text")

    @model_validator(mode="after")
    def _official(self) -> OfficialText:
        if not is_official(self.url):
            raise ValueError(f"official text URL {self.url!r} is not on an official host (see citation.OFFICIAL_HOSTS)")
        if self.read_via and not self.read_via.startswith(("https://", "http://")):
            raise ValueError(f"read_via must be the URL of the copy read, not {self.read_via!r}")
        if self.read_via and is_refused(self.read_via):
            raise ValueError(f"{self.read_via!r} is a forum, wiki or content farm: never a source")
        if self.translation and not self.translation_by:
            raise ValueError("say who translated the quote (translation_by: official | exportctl)")
        return self


class Evidence(Record):
    """A report of the law (press, law firm, university, agency): helps date and find it."""

    url: str
    publisher: str
    kind: EvidenceKind
    date: dt.date | None = None
    says: str | None = None
    checked_on: dt.date | None = Field(
        None, description="The day someone read it; absent = not re-read since the first research pass"
    )

    @model_validator(mode="after")
    def _allowed(self) -> Evidence:
        if is_refused(self.url):
            raise ValueError(f"{self.url!r} is a forum, wiki or content farm: never a source, not even evidence")
        return self


class Source(Record):
    """A typed citation: the legal basis (instrument and locator, official text) and evidence.

    ``confirmed`` needs the official text read; reports, however many, make a source ``single`` at
    most. Without the official text, ``unreached`` says why, and every answer resting on it says so too.
    """

    id: str | None = None
    instrument: str = Field(description="Instrument id (see instruments.yaml)")
    locator: Locator = Field(default_factory=Locator)
    official: OfficialText | None = None
    official_url: str | None = Field(
        None, description="Where the official text is published, when it could not be read (see unreached)"
    )
    unreached: str | None = Field(None, description="Why the official text could not be read")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="after")
    def _grounded(self) -> Source:
        if self.official_url is not None and not is_official(self.official_url):
            raise ValueError(f"official_url {self.official_url!r} is not on an official host")
        if self.official is not None and self.official_url is not None:
            raise ValueError("official_url is for sources whose text was not read; use official.url")
        if self.official is None and not self.unreached:
            raise ValueError("a source without official text must say why (unreached: ...)")
        if self.official is None and not self.evidence:
            raise ValueError("a source with neither official text nor evidence cites nothing")
        if self.confidence == "confirmed" and self.official is None:
            # Press and commentary are evidence, never the basis: however many report a value, it is
            # confirmed only by the official text read (legal review 93, R93-1).
            raise ValueError("confirmed needs the official text read (official: ...); reports alone are at most single")
        return self

    @property
    def article(self) -> str:
        return str(self.locator)

    @property
    def official_location(self) -> str | None:
        """The official URL, whether or not its text was read here."""
        return self.official.url if self.official is not None else self.official_url

    @property
    def url(self) -> str:
        """The URL to read first: the official text, else where it is published, else the first report."""
        return self.official_location or self.evidence[0].url

    @property
    def also(self) -> list[str]:
        return [e.url for e in self.evidence if e.url != self.url]
