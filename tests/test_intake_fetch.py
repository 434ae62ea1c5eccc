"""Intake's URL fetching: schemes, addresses, redirects, body size and total time, against a real local server.

Nothing leaves loopback: addresses that are not 127.0.0.1 (169.254.169.254, ::1...) only ever appear as targets that
must be refused before any connection is made.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from exportctl.cli import app
from exportctl.errors import InputError
from exportctl.intake.document import FetchPolicy, address_kind, fetch_url, load_document

TEXT = (
    b"Japan removed South Africa from its list of preferred trading partners on Monday, the trade ministry said. "
    b"The change takes effect on March 1, officials added. Exporters are reviewing their licences."
)
LOOPBACK = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
BIG = 1024 * 1024 * 1024  # what the endless body would send if nobody stopped reading


@dataclass
class Served:
    """What the server saw: request paths, and bytes of body sent by /endless."""

    paths: list[str] = field(default_factory=list)
    sent: int = 0
    endless_done: threading.Event = field(default_factory=threading.Event)


class Handler(BaseHTTPRequestHandler):
    served: Served  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self, data: bytes, delay: float) -> None:
        deadline = time.monotonic() + 5  # never outlive the test by much
        for i in range(len(data)):
            if time.monotonic() > deadline:
                return
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            time.sleep(delay)

    def do_GET(self) -> None:
        self.served.paths.append(self.path)
        url = urlsplit(self.path)
        try:
            if url.path in ("/doc", "/hop/0"):
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(TEXT)))
                self.end_headers()
                self.wfile.write(TEXT)
            elif url.path.startswith("/hop/"):  # /hop/N: N redirects, then the document
                self._redirect(f"/hop/{int(url.path.rsplit('/', 1)[1]) - 1}")
            elif url.path == "/to":
                self._redirect(parse_qs(url.query)["url"][0])
            elif url.path == "/endless":  # no Content-Length: the body ends when the connection does
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    while self.served.sent < BIG:
                        self.wfile.write(chunk)
                        self.served.sent += len(chunk)
                finally:
                    self.served.endless_done.set()
            elif url.path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Length", str(BIG))
                self.end_headers()
                self.wfile.write(b"x" * 1024)
                self.wfile.flush()
                time.sleep(2)
            elif url.path == "/trickle":  # each byte comes quickly, the whole body does not
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self._trickle(b"x" * 1000, 0.02)
            elif url.path == "/trickle-headers":
                self._trickle(b"HTTP/1.0 200 OK\r\n" + b"X-Slow: " + b"y" * 1000 + b"\r\n\r\n", 0.02)
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Served]]:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)  # the local server is reached directly
    served = Served()
    handler = type("BoundHandler", (Handler,), {"served": served})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def refused(url: str, policy: FetchPolicy | None, needle: str) -> str:
    with pytest.raises(InputError, match=needle) as info:
        fetch_url(url, policy)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_loopback_is_refused_by_default_before_any_request(server: tuple[str, Served]) -> None:
    base, served = server
    message = refused(f"{base}/doc", None, "loopback")
    assert (
        message == f"refusing to fetch {base}/doc: loopback address 127.0.0.1 (use --allow-private-addresses to allow)"
    )
    port = base.rsplit(":", 1)[1]
    refused(f"http://localhost:{port}/doc", None, "loopback address")  # judged after resolving the name
    refused(f"http://[::1]:{port}/doc", None, "loopback address ::1")
    refused(f"http://[::ffff:127.0.0.1]:{port}/doc", None, "loopback address ::ffff:7f00:1")
    assert served.paths == []


def test_allowed_loopback_is_fetched(server: tuple[str, Served]) -> None:
    base, served = server
    assert fetch_url(f"{base}/doc", FetchPolicy(allow_private_addresses=True)) == TEXT
    assert fetch_url(f"{base}/doc", LOOPBACK) == TEXT
    doc = load_document(f"{base}/doc", policy=LOOPBACK)
    assert doc.source == f"{base}/doc" and "South Africa" in doc.text
    assert served.paths == ["/doc", "/doc", "/doc"]


def test_cli_flag(server: tuple[str, Served]) -> None:
    base, _ = server
    runner = CliRunner()
    r = runner.invoke(app, ["intake", f"{base}/doc", "--json", "--no-propose"])
    assert r.exit_code == 2 and "loopback address 127.0.0.1" in r.stderr and "--allow-private-addresses" in r.stderr
    r = runner.invoke(app, ["intake", f"{base}/doc", "--json", "--no-propose", "--allow-private-addresses"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["documents"][0]["document"] == f"{base}/doc"


def test_http_errors_are_one_line(server: tuple[str, Served]) -> None:
    base, _ = server
    refused(
        f"{base}/to?url=/missing", LOOPBACK, r"^cannot fetch .*/missing \(redirected from .*\): HTTP 404 Not Found$"
    )


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/notice.txt", "gopher://example.org/"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="only http and https URLs are allowed"):
        load_document(url, policy=FetchPolicy(allow_private_addresses=True))


def test_redirect_to_another_scheme_is_refused(server: tuple[str, Served]) -> None:
    base, _ = server
    refused(f"{base}/to?url=file:///etc/passwd", LOOPBACK, "only http and https URLs are allowed, not file")


def test_oversize_body_is_refused_without_reading_it_all(server: tuple[str, Served]) -> None:
    base, served = server
    start = time.monotonic()
    refused(f"{base}/endless", FetchPolicy(allow_private_addresses=True, max_bytes=65536), "over the 64 KiB limit")
    assert time.monotonic() - start < 2
    assert served.endless_done.wait(3)  # the server's writes fail once the client has hung up...
    assert served.sent < 64 * 1024 * 1024  # ...long before the whole body (socket buffers hold a few MiB)


def test_declared_oversize_body_is_refused_at_once(server: tuple[str, Served]) -> None:
    base, _ = server
    start = time.monotonic()
    refused(f"{base}/declared-huge", LOOPBACK, f"body of {BIG} bytes is over the 5 MiB limit")
    assert time.monotonic() - start < 1


def test_redirects_are_bounded(server: tuple[str, Served]) -> None:
    base, served = server
    assert fetch_url(f"{base}/hop/3", FetchPolicy(allow_private_addresses=True, max_redirects=3)) == TEXT
    served.paths.clear()
    refused(f"{base}/hop/3", FetchPolicy(allow_private_addresses=True, max_redirects=2), "more than 2 redirects")
    assert served.paths == ["/hop/3", "/hop/2", "/hop/1"]  # the third redirect is not followed
    refused(f"{base}/hop/100", LOOPBACK, "more than 5 redirects")


def test_redirect_to_a_refused_address_is_refused(server: tuple[str, Served]) -> None:
    base, served = server
    metadata = "http://169.254.169.254/latest/meta-data/"
    message = refused(f"{base}/to?url={metadata}", LOOPBACK, "link-local address 169.254.169.254")
    assert message.startswith(f"refusing to fetch {metadata} (redirected from {base}/to?url=")
    refused(f"{base}/to?url=http://[::ffff:10.0.0.1]/", LOOPBACK, "private address")
    only_one = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
    refused(f"{base}/to?url=http://[::1]:1/", only_one, "loopback address ::1")
    assert len(served.paths) == 3  # only the first URLs were requested


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_total_timeout(server: tuple[str, Served], path: str) -> None:
    base, _ = server
    start = time.monotonic()
    refused(f"{base}{path}", FetchPolicy(allow_private_addresses=True, timeout=0.5), "within the 0.5 s time limit")
    assert time.monotonic() - start < 1.5


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("169.254.169.254", "link-local"),
        ("::ffff:169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("64:ff9b::10.0.0.1", "private"),  # NAT64 of 10.0.0.1
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("100.64.0.1", "non-public"),
        ("93.184.215.14", None),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
        ("::ffff:93.184.215.14", None),
        ("64:ff9b::93.184.215.14", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_allowed_networks_cover_mapped_addresses() -> None:
    assert LOOPBACK.refusal(ipaddress.ip_address("::ffff:127.0.0.1")) is None
    assert LOOPBACK.refusal(ipaddress.ip_address("::1")) == "loopback"
    assert LOOPBACK.refusal(ipaddress.ip_address("169.254.169.254")) == "link-local"
