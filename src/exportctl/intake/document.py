"""Loading a document: plain text or HTML (trafilatura), from a file or a URL, refusing junk clearly."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from exportctl.errors import InputError

ENGLISH = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "with", "as", "said", "was", "by", "its"}
WORD = re.compile(r"[A-Za-z]+")


@dataclass
class Document:
    source: str
    text: str
    published: dt.date | None
    sha256: str


def _english(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text[:20_000])]
    if len(words) < 8:
        return False
    return sum(w in ENGLISH for w in words) / len(words) > 0.08


def _from_html(raw: str) -> tuple[str, dt.date | None]:
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(raw)
    published = None
    if meta is not None and meta.date:
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return text, published


def load_document(ref: str, published: dt.date | None = None) -> Document:
    """Read ``ref`` (a path or an http(s) URL); ``published`` overrides any date found in it."""
    if re.match(r"https?://", ref):
        import httpx

        try:
            response = httpx.get(ref, timeout=20, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise InputError(f"cannot fetch {ref}: {exc}") from exc
        data = response.content
    else:
        path = Path(ref)
        if not path.is_file():
            raise InputError(f"no such file: {ref}")
        data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{ref} is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{ref} is a binary file, not text or HTML")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("latin-1")
    found = None
    if re.search(r"<(html|body|p|div|article)\b", raw[:5000], re.I):
        raw, found = _from_html(raw)
        if not raw.strip():
            raise InputError(f"{ref}: no main text found in the HTML")
    if not _english(raw):
        raise InputError(f"{ref} does not look like English text; only English is supported")
    return Document(source=ref, text=raw, published=published or found, sha256=hashlib.sha256(data).hexdigest())


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as (start, end) character offsets into ``text``."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        for m in re.finditer(r".+?(?:[.!?](?=\s+[A-Z\"“(])|[.!?]$|$)", chunk):
            s, e = m.start(), m.end()
            piece = chunk[s:e]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                spans.append((start + s + lead, start + e))
    return [(s, e) for s, e in spans if e > s]
