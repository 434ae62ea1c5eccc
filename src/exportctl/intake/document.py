"""Loading a document: plain text or HTML (trafilatura), from a file or a URL, refusing junk clearly.

English, Japanese and Korean are read (METI and MOTIE releases and the Japanese and Korean press report
the measures first); other languages are refused in one line rather than read as nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import ipaddress
import re
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exportctl.errors import InputError

if TYPE_CHECKING:
    import httpx

ENGLISH = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "with", "as", "said", "was", "by", "its"}
WORD = re.compile(r"[A-Za-z]+")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")


@dataclass
class Document:
    source: str
    text: str
    published: dt.date | None
    sha256: str
    language: str = "en"


def _english(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text[:20_000])]
    if len(words) < 8:
        return False
    return sum(w in ENGLISH for w in words) / len(words) > 0.08


def language(text: str) -> str | None:
    """ "en", "ja" or "ko" by script and function words, or None for anything else.

    Kana only occur in Japanese and Hangul only in Korean, so their share of the letters decides, however
    short the text (a one-line METI notice or headline is Japanese, not junk); a handful is the floor so a
    stray kana in a Chinese text does not make it Japanese. Chinese (Han characters without kana) and
    German (Latin letters without English function words) are None.
    """
    head = text[:20_000]
    letters = max(1, len(re.findall(r"\w", head)))
    if len(HANGUL.findall(head)) >= max(5, 0.1 * letters):
        return "ko"
    if len(KANA.findall(head)) >= max(5, 0.05 * letters):
        return "ja"
    return "en" if _english(head) else None


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


# --- Fetching a URL -------------------------------------------------------------------------------------------------
#
# intake reads URLs that users paste from the news, so a URL must not be a way to reach what only this machine can
# reach (loopback services, a cloud's metadata endpoint at 169.254.169.254, the office network), nor to tie it up
# (an endless or slow body, a redirect loop). Every refusal is an InputError of one line.

URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
ALLOW_HINT = "use --allow-private-addresses to allow"
MIB = 1024 * 1024
# NAT64's well-known prefix (RFC 6052): 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), 6to4 (2002::/16) or NAT64."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_kind(ip: IPAddress) -> str | None:
    """What makes ``ip`` unfit to fetch from ("loopback", "link-local"...), or None for a public address.

    An IPv6 address that stands for an IPv4 one (mapped, 6to4, NAT64) is judged by that IPv4 address, so
    ``::ffff:127.0.0.1`` is loopback like ``127.0.0.1``.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return address_kind(inner)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),  # e.g. 100.64.0.0/10, shared address space
    )
    return next((kind for kind, hit in checks if hit), None)


@dataclass(frozen=True)
class FetchPolicy:
    """What fetching a URL may do.

    ``allow_private_addresses`` lets a URL reach any address (the CLI's ``--allow-private-addresses``);
    ``allowed_networks`` lets it reach only these non-public networks (e.g. a test server on 127.0.0.0/8, or an
    intranet news feed) while every other non-public address stays refused. The limits hold for the whole fetch,
    redirects included: ``max_bytes`` of body (after content decoding), ``timeout`` seconds in total (name
    resolution, connecting, every redirect and the whole body), ``max_redirects`` redirects.
    """

    allow_private_addresses: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    max_bytes: int = 5 * MIB
    timeout: float = 20.0
    max_redirects: int = 5

    def refusal(self, ip: IPAddress) -> str | None:
        """Why ``ip`` may not be fetched from (its kind, as :func:`address_kind`), or None when it may."""
        if self.allow_private_addresses:
            return None
        kind = address_kind(ip)
        if kind is None:
            return None
        candidates: list[IPAddress] = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and (inner := _embedded_ipv4(ip)) is not None:
            candidates.append(inner)
        if any(a.version == net.version and a in net for a in candidates for net in self.allowed_networks):
            return None
        return kind


def _size(n: int) -> str:
    for unit, factor in (("MiB", MIB), ("KiB", 1024)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"


def _one_line(text: str) -> str:
    return " ".join(text.split())


async def _check_target(url: httpx.URL, policy: FetchPolicy, shown: str) -> None:
    """Refuse ``url`` unless it is http(s) and every address its host resolves to is allowed by ``policy``.

    Limitation (DNS rebinding): httpx resolves the host name again when it connects, so a name server that answers
    a public address here and a private one a moment later defeats this check. Checking before every request
    (redirects included) narrows that window but does not close it; closing it needs connecting to the very
    address checked here. Likewise, behind an HTTP proxy (HTTP_PROXY...) the proxy resolves and connects, and only
    the name as resolved here is checked.
    """
    if url.scheme not in ("http", "https"):
        raise InputError(f"refusing to fetch {shown}: only http and https URLs are allowed, not {url.scheme or '?'}")
    host = url.raw_host.decode("ascii")  # IDNA-encoded; an IPv6 literal comes without its brackets
    if not host:
        raise InputError(f"refusing to fetch {shown}: no host name")
    if policy.allow_private_addresses:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        # socket.getaddrinfo, run in the loop's executor so the total timeout also bounds a slow name server.
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot fetch {shown}: cannot resolve host {host}: {_one_line(str(exc))}") from None
    addresses = [
        ipaddress.ip_address(str(sockaddr[0]))
        for family, _, _, _, sockaddr in infos
        if family in (socket.AF_INET, socket.AF_INET6)
    ]
    if not addresses:
        raise InputError(f"cannot fetch {shown}: host {host} has no IPv4 or IPv6 address")
    for ip in addresses:  # any of them may be the one connected to, so all must pass
        kind = policy.refusal(ip)
        if kind is not None:
            raise InputError(f"refusing to fetch {shown}: {kind} address {ip} ({ALLOW_HINT})")


async def _fetch(url: str, policy: FetchPolicy) -> bytes:
    import httpx

    async with httpx.AsyncClient(follow_redirects=False, timeout=policy.timeout) as client:
        try:
            request = client.build_request("GET", url)
        except httpx.InvalidURL as exc:
            raise InputError(f"refusing to fetch {url}: not a valid URL: {_one_line(str(exc))}") from None
        for hop in range(policy.max_redirects + 1):
            shown = url if hop == 0 else f"{request.url} (redirected from {url})"
            await _check_target(request.url, policy, shown)
            try:
                response = await client.send(request, stream=True)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch {shown}: {_one_line(str(exc)) or type(exc).__name__}") from None
            try:
                if response.next_request is not None:  # a redirect: its target is checked like the first URL
                    request = response.next_request
                    continue
                if not response.is_success:
                    raise InputError(f"cannot fetch {shown}: HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise InputError(
                        f"refusing to fetch {shown}: its body of {declared} bytes is over the "
                        f"{_size(policy.max_bytes)} limit"
                    )
                chunks, size = [], 0
                # Decoded bytes, so the cap also holds for compressed bodies; httpx inflates one received chunk at a
                # time, so a compression bomb can overshoot the cap by what one chunk inflates to before it stops.
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > policy.max_bytes or response.num_bytes_downloaded > policy.max_bytes:
                        raise InputError(
                            f"refusing to fetch {shown}: its body is over the {_size(policy.max_bytes)} limit"
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch {shown}: {_one_line(str(exc)) or type(exc).__name__}") from None
            finally:
                await response.aclose()
        raise InputError(f"refusing to fetch {url}: more than {policy.max_redirects} redirects")


async def _fetch_in_time(url: str, policy: FetchPolicy) -> bytes:
    import httpx

    try:
        async with asyncio.timeout(policy.timeout):
            return await _fetch(url, policy)
    except (TimeoutError, httpx.TimeoutException):
        raise InputError(f"cannot fetch {url}: not complete within the {policy.timeout:g} s time limit") from None


def _run_fetch(url: str, policy: FetchPolicy) -> bytes:
    # An event loop of its own, whose executor (name resolution: ours and httpx's) is shut down without waiting:
    # a name server that hangs past the deadline must not hold up the error (asyncio.run would wait for it).
    loop = asyncio.new_event_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=4, thread_name_prefix="exportctl-fetch"))
    try:
        return loop.run_until_complete(_fetch_in_time(url, policy))
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()  # shuts the executor down with wait=False


def fetch_url(url: str, policy: FetchPolicy | None = None) -> bytes:
    """The body of ``url``, fetched under ``policy``; an :class:`InputError` of one line for anything refused.

    http and https only; the host must resolve only to public addresses (unless the policy allows otherwise); at
    most ``max_redirects`` redirects, each target checked like the first URL; at most ``max_bytes`` of body, read as
    it streams and abandoned as soon as it is over; all within ``timeout`` seconds in total.
    """
    policy = policy or FetchPolicy()
    try:
        asyncio.get_running_loop()
        in_async_code = True
    except RuntimeError:
        in_async_code = False
    if not in_async_code:
        return _run_fetch(url, policy)
    # Called from async code: the fetch gets a thread (and event loop) of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run_fetch, url, policy).result()


UTF8_BOM = b"\xef\xbb\xbf"
#: Legacy encodings of Japanese and Korean text, each tried for its own language: Windows saves
#: Japanese as CP932 (Shift_JIS) and Korean as CP949 (EUC-KR), the encodings ``screen`` detects.
LEGACY = (("cp932", "ja", "CP932 (Shift_JIS)"), ("cp949", "ko", "CP949 (EUC-KR)"))


def _decode(data: bytes, ref: str) -> str:
    """The text of a file or page: UTF-8, else Japanese in CP932 or Korean in CP949, else Latin-1
    when that reads as English (an old English web page), else a refusal naming what was tried.

    Why: a Japanese article saved in Shift_JIS was read as Latin-1 and refused as "does not look
    like English, Japanese or Korean", sending the user to look at the language, not the
    encoding. A legacy codec is taken only when the text it gives is in its own language: CP949
    decodes much Shift_JIS as Hangul, while Korean in CP932 reads as half-width katakana, which
    no Japanese text is written in, so each is checked by the script it should produce.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec, lang, _name in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if language(text) == lang:
            return text
    text = data.decode("latin-1")
    if language(text) == "en":
        return text
    tried = ", ".join(["UTF-8", *(name for _c, _l, name in LEGACY)])
    raise InputError(f"{ref} is not UTF-8 text, and reads as no supported language in {tried} either; save it as UTF-8")


#: A page's markup: a document type, or the page's own outer elements.
PAGE_MARKUP = re.compile(r"<!doctype\s+html|<(?:html|head|body)\b", re.I)
#: Block markup that a text copy may carry (a caption kept as ``<div dir="auto">…</div>``) or a page is made of.
BLOCK_MARKUP = re.compile(r"<(?:p|div|article)\b", re.I)
#: Any element's tag, to count the lines that carry markup.
ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
#: Inline and block tags a text copy kept from its page, dropped from a text; ``<br>`` stays (a line break, LINE_BREAK).
INLINE_MARKUP = re.compile(
    r"</?(?:a|abbr|b|blockquote|cite|div|em|figcaption|figure|font|h[1-6]|i|img|li|ol|p|small|span|strong|sub|sup|u|ul)"
    r"\b[^<>]*>",
    re.I,
)


def _is_page(raw: str) -> bool:
    """Whether a file is an HTML page, to be read by its main text, or a text.

    Why: a copy kept as text may carry a stray fragment of its page (a photo caption kept as
    ``<div dir="auto">…</div>`` above the story); read as a page, its main text was not found and
    the whole article was refused. A page is a file with a document type or ``<html>``, ``<head>``
    or ``<body>``, or one whose lines mostly carry markup (a page saved without its outer
    elements, ``<p>…</p><p>…</p>``); a text keeps its words and loses only the tags.
    """
    head = raw[:5000]
    if PAGE_MARKUP.search(head):
        return True
    if not BLOCK_MARKUP.search(head):
        return False
    lines = [line for line in raw.splitlines() if line.strip()]
    return 2 * sum(1 for line in lines if ANY_TAG.search(line)) >= len(lines)


def load_document(ref: str, published: dt.date | None = None, policy: FetchPolicy | None = None) -> Document:
    """Read ``ref`` (a path or an http(s) URL); ``published`` overrides any date found in it.

    A URL is fetched under ``policy`` (default: :class:`FetchPolicy`'s defaults), see :func:`fetch_url`.
    """
    if URL_SCHEME.match(ref):
        data = fetch_url(ref, policy)
    else:
        path = Path(ref)
        if path.is_dir():  # not "no such file": it is there, and is a folder
            raise InputError(f"{ref} is a folder, not a file; give the files in it (for example {path / '*.txt'})")
        if not path.is_file():
            raise InputError(f"no such file: {ref}")
        data = path.read_bytes()
    if not data.removeprefix(UTF8_BOM).strip():  # a byte order mark alone is no text either
        raise InputError(f"{ref} is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{ref} is a binary file, not text or HTML")
    raw = _decode(data, ref)
    found = None
    if _is_page(raw):
        raw, found = _from_html(raw)
        if not raw.strip():
            raise InputError(f"{ref}: no main text found in the HTML")
    else:
        raw = INLINE_MARKUP.sub("", raw)
    lang = language(raw)
    if lang is None:
        raise InputError(
            f"{ref} does not look like English, Japanese or Korean text; only English, Japanese and Korean are supported"
        )
    return Document(
        source=ref, text=raw, published=published or found, sha256=hashlib.sha256(data).hexdigest(), language=lang
    )


#: A sentence ends at . ! ? before a capital (not after an initial: "The U.S. Commerce Department", nor a company's
#: "Co., Ltd. (Huawei)", "Inc.", a time before its day "12:01 p.m. Thursday"), a quote or a bracket (English), before a Hangul or Han
#: character (Korean "…했다. 산업부는", also where a copy lost the space: "…실패했다.산업통상자원부는"), or at 。！？
#: (Japanese), or at the end of the line.
SENTENCE = re.compile(
    r".+?(?:(?<!\b[A-Z])(?<!\bLtd)(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<![ap]\.m)[.!?](?=\s+[A-Z\"“(\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
    # after a time the sentence goes on only into its day ("12:01 p.m. Thursday"); "… from 10 a.m. China banned …" ends
    r"|(?<=[ap]\.m)\.(?=\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
    r"[A-Z\"“(])"
    r"|(?<=[다요])\.(?=\s*[\d\uac00-\ud7af])|[.!?]$|[。！？]|$)"
)


#: A line: up to a newline or an HTML line break a copy kept as text ("…됐습니다.<br /><br />지난 2년"), so the
#: sentences either side are not read as one.
LINE_BREAK = re.compile(r"\n|<br\s*/?>", re.I)
#: A line break between a word and a lowercase word: the same sentence, wrapped.
WRAPPED = re.compile(r"[a-z,]\n[a-z]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as (start, end) character offsets into ``text``."""
    spans = []
    pos = 0
    # a wire copy's hard-wrapped lines ("Zimbabwe has imposed a ban on\nthe export of …") are one sentence: a break
    # inside a line of words, before a lowercase word, is no line of its own
    breaks = [b for b in LINE_BREAK.finditer(text) if not WRAPPED.search(text, max(0, b.start() - 1), b.end() + 1)]
    for brk in [*breaks, None]:
        start, end = pos, (brk.start() if brk else len(text))
        pos = brk.end() if brk else len(text)
        chunk = text[start:end].replace("\n", " ")  # (only wrapped lines are left inside; offsets unchanged)
        for m in SENTENCE.finditer(chunk):
            s, e = m.start(), m.end()
            piece = chunk[s:e]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                spans.append((start + s + lead, start + e))
    return [(s, e) for s, e in spans if e > s]
