"""The web page in a real browser: Playwright driving Debian's Chromium against a live server.

One server and one browser for the module; each test opens a fresh page. Screenshots go to
``EXPORTCTL_SCREENSHOTS`` (default ``/tmp/shots``) so a person can look at them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live import live_server

CHROMIUM = os.environ.get("EXPORTCTL_CHROMIUM", "/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:  # pragma: no cover - CI installs it
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("EXPORTCTL_SCREENSHOTS", "/tmp/shots"))
DESKTOP = {"width": 1300, "height": 1000}
PHONE = {"width": 400, "height": 850}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any, Path]]:
    """The live server's address, the browser, and the database path (for minting a key)."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with live_server(f"sqlite:///{db}") as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield base, browser, db
        browser.close()


class Watched:
    """A page whose script errors, console errors and failed requests are collected."""

    def __init__(self, browser: Any, viewport: dict[str, int], locale: str = "en-US") -> None:
        self.context = browser.new_context(viewport=viewport, locale=locale, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on(
            "console",
            lambda msg: (
                self.errors.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" and not msg.text.startswith("Failed to load resource")
                else None
            ),
        )
        self.page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status == 404 or r.status >= 500 else None,
        )
        self.outside: list[str] = []
        self.page.on(
            "request",
            lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else self.outside.append(r.url),
        )

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


def _no_page_overflow(page: Any) -> None:
    """Nothing wider than the window: wide tables scroll inside their own box."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


@pytest.mark.parametrize(
    ("locale", "verdict"), [("en-US", "Licence required"), ("ja-JP", "許可が必要"), ("ko-KR", "허가 필요")]
)
def test_check_in_each_language_and_its_permalink_on_a_phone(
    site: tuple[str, Any, Path], locale: str, verdict: str
) -> None:
    """At desktop width the form is filled by hand; the answer's permalink then opens on a phone."""
    base, browser, _db = site
    lang = locale[:2]
    w = Watched(browser, DESKTOP, locale)
    page = w.page
    page.goto(base + "/")  # the browser's language picks the page's
    assert page.evaluate("document.documentElement.lang") == lang
    page.select_option("#exporter", "JP")
    page.fill("#destination", "KR")
    page.fill("#item", "hydrogen")
    page.wait_for_function("document.querySelectorAll('#item-suggestions option').length > 0")
    assert page.locator("#item-suggestions option").first.get_attribute("value") == "jp:3(1)"
    page.fill("#item", "hydrogen fluoride")
    page.fill("#on", "2020-01-15")
    page.click("#check-button")
    page.wait_for_selector(".verdict")
    assert page.inner_text(".verdict") == verdict
    assert page.locator(".route").all_inner_texts() == ["individual"]
    trace = page.inner_text("ol.trace")
    assert "jp.2019.three-items.individual-only" in trace and "jp:B#KR" in trace
    assert page.locator("ol.trace a[href^='http']").count() >= 3
    link = page.input_value(".permalink-url")
    assert page.url == link and "item=hydrogen+fluoride" in link and "on=2020-01-15" in link
    page.screenshot(path=str(SHOTS / f"check-{lang}-desktop.png"), full_page=True)
    page.click("#tab-diff")
    page.click("#diff-form button[type=submit]")
    page.wait_for_selector("#diff-result table")
    assert "jp-2019-kr-table3-removal" in page.inner_text("#diff-result")
    assert "view=diff" in page.input_value("#diff-result .permalink-url") and "from=2019-01-01" in page.url
    page.click("#tab-check")
    page.fill("#destination", "Narnia")
    page.click("#check-button")
    page.wait_for_selector("#result .error")
    assert "unknown country" in page.inner_text("#result .error")  # the server's words, as they are
    w.close()

    w = Watched(browser, PHONE, locale)
    page = w.page
    page.goto(link)  # the permalink alone reproduces the answer
    page.wait_for_selector(".verdict")
    assert page.inner_text(".verdict") == verdict
    assert page.locator(".route").all_inner_texts() == ["individual"]
    assert page.input_value("#item") == "hydrogen fluoride"
    _no_page_overflow(page)
    page.screenshot(path=str(SHOTS / f"check-{lang}-phone.png"), full_page=True)
    w.close()


def _opened(site: tuple[str, Any, Path], viewport: dict[str, int], path: str, ready: str) -> Watched:
    """A page in English at ``path``, once ``ready`` is shown."""
    base, browser, _db = site
    w = Watched(browser, viewport, "en-US")
    w.page.goto(base + path)
    w.page.wait_for_selector(ready)
    return w


def test_an_approval_needed_as_well_is_shown_apart_from_the_usable_licences(site: tuple[str, Any, Path]) -> None:
    """Legal review 22 (F2): listed goods to Russia need METI's approval and the licence; the page
    listed both as "usable licence types", which reads as a choice (failed before: one line)."""
    w = _opened(site, PHONE, "/?view=check&exporter=JP&destination=RU&item=jp:7(1)&on=2026-12-12", ".verdict")
    page = w.page
    routes = page.inner_text("p.routes")
    assert "Needed as well: approval" in routes and "Licence types to apply for: individual" in routes
    # Session review S25-12: the approval is not granted in principle, which the headline says.
    assert page.inner_text(".verdict") == "Licence and approval required · Not granted in principle (approval)"
    _no_page_overflow(page)
    # Newcomer review 22 (L1): where the approval is all that is needed, it is no "usable" type either.
    page.goto(page.url.split("?")[0] + "?view=check&exporter=JP&destination=RU&item=catch-all&on=2026-12-12")
    page.wait_for_function("document.querySelector('p.routes')?.textContent.includes('Needed: approval')")
    assert "Usable" not in page.inner_text("p.routes")
    w.close()


def test_the_timeline_page_says_how_an_ambiguous_name_was_read(site: tuple[str, Any, Path]) -> None:
    """Review 22 (L9) gave the timeline a warning for "Korea" read as KR; the page showed none (failed
    before: no warnings box under the chart)."""
    w = _opened(site, DESKTOP, "/?view=timeline&exporter=JP&country=Korea", "#timeline-table .warnings")
    page = w.page
    assert "KR" in page.inner_text("#timeline-table .warnings")
    w.close()


def test_measures_and_groups_views_on_a_phone_in_japanese(site: tuple[str, Any, Path]) -> None:
    base, browser, _db = site
    w = Watched(browser, PHONE, "ja-JP")
    page = w.page
    page.goto(base + "/?view=measures&exporter=JP&q=three")
    page.wait_for_selector("table.measures")
    table = page.inner_text("table.measures")
    assert "jp-2019-07-three-items" in table and "2019-07-04" in table and "jp-2009-kp-total-ban" not in table
    assert "措置" in page.inner_text(".measures-count")
    _no_page_overflow(page)
    page.screenshot(path=str(SHOTS / "measures-ja-phone.png"), full_page=True)
    page.click("#tab-groups")
    page.fill("#g-on", "2020-01-15")
    page.click("#groups-form button[type=submit]")
    page.wait_for_function(
        "document.querySelector('#groups-result .groups-summary')?.textContent.includes('2020-01-15')"
    )
    row = page.locator("table.groups tr", has_text="jp:B").inner_text()
    assert "KR 韓国" in row  # the country's name in the reader's language, from the browser
    assert "view=groups" in page.url and "on=2020-01-15" in page.url
    _no_page_overflow(page)
    page.screenshot(path=str(SHOTS / "groups-ja-phone.png"), full_page=True)
    page.select_option("#lang", "ko")  # the switcher keeps the view and its query
    page.wait_for_function("document.documentElement.lang === 'ko'")
    page.wait_for_selector("#groups-result .groups-summary")
    assert "lang=ko" in page.url and "on=2020-01-15" in page.url
    assert "기준 그룹" in page.inner_text("#groups-result") and "KR 대한민국" in page.inner_text("table.groups")
    w.close()


def test_timeline_has_licensing_and_dispute_markers_up_to_today(site: tuple[str, Any, Path]) -> None:
    base, browser, _db = site
    for locale, viewport, name in (("en-US", DESKTOP, "desktop"), ("ko-KR", PHONE, "phone")):
        w = Watched(browser, viewport, locale)
        page = w.page
        page.goto(base + "/?view=timeline&exporter=JP&country=KR&both=1")
        page.wait_for_selector("#timeline-chart .main-svg")
        page.wait_for_selector("ol.key")
        licensing = page.locator("ol.key li.marker-licensing").all_inner_texts()
        assert any("2019-07-04" in t and "jp-2019-07-three-items" in t for t in licensing), licensing
        assert any("jp-2023-03-three-items-sgb" in t for t in licensing)
        disputes = page.locator("ol.key li.marker-dispute").all_inner_texts()
        assert any("kr-2023-03-ds590-withdrawn" in t and "KR → JP" in t for t in disputes), disputes
        table = page.inner_text("#timeline-table table")
        assert "jp-2019-kr-table3-removal" in table and "kr-2019-ga2-japan" in table
        today = page.evaluate("new Date().toISOString().slice(0, 10)")
        chart = page.evaluate(
            "(() => { const c = document.getElementById('timeline-chart'); return {"
            " end: c.layout.xaxis.range[1], today: c.layout.shapes[0].x0,"
            " markers: c.data.filter((t) => t.type === 'scatter').map((t) => t.x.length) }; })()"
        )
        assert chart["end"][:10] > today and chart["today"] == today, chart
        assert len(chart["markers"]) == 2 and all(n > 0 for n in chart["markers"])
        if name == "phone":
            _no_page_overflow(page)
        page.screenshot(path=str(SHOTS / f"timeline-{locale[:2]}-{name}.png"), full_page=True)
        w.close()


def test_screen_a_file_with_progress_pages_and_downloads(site: tuple[str, Any, Path], tmp_path: Path) -> None:
    from exportctl.store import db
    from exportctl.store.keys import create_key

    base, browser, database = site
    _, token = create_key(db.make_engine(f"sqlite:///{database}"), "browser", "read")
    rows = [f"{n},JP,KR,hydrogen fluoride,2020-01-15" for n in range(1, 60)] + ["=2+2,JP,KR,resist,2024-01-01"]
    upload = tmp_path / "shipments.csv"
    upload.write_text(
        "line_id,exporter,destination,item,ship_date\n" + "\n".join(rows) + "\nbad,JP,Narnia,HF,2020-01-15\n"
    )
    for locale, viewport, name in (("ko-KR", PHONE, "phone"), ("ja-JP", DESKTOP, "desktop")):
        w = Watched(browser, viewport, locale)
        page = w.page
        page.goto(base + "/?view=screen")
        page.set_input_files("#screen-file", str(upload))
        page.click("#screen-button")
        assert page.inner_text("#screen-result .error") in (
            "일괄 판정에는 API 키가 필요합니다.",
            "一括判定には API キーが必要です。",
        )
        page.fill("#screen-key", token)
        page.evaluate(
            "window.seen = []; new MutationObserver(() => window.seen.push(document.getElementById('screen-status')"
            ".textContent)).observe(document.getElementById('screen-status'), {childList: true, subtree: true})"
        )
        page.click("#screen-button")
        page.wait_for_selector(".screen-summary")
        assert page.is_visible("#screen-progress")
        seen = page.evaluate("window.seen")  # what the bar said while the file went up and was screened
        assert any(w in t for t in seen for w in ("업로드 중", "판정 중", "アップロード中", "判定中")), seen
        assert "60" in page.inner_text(".screen-summary") and page.inner_text(".cite").endswith("✓")
        assert page.locator("#screen-table tr").count() == 51  # a page of 50 and its header
        page.click("#screen-table .next")
        assert page.locator("#screen-table tr").count() == 11
        assert "'=2+2" not in page.inner_text("#screen-table")  # the page shows it as it is
        assert "Narnia" in page.inner_text("#screen-rejects")
        with page.expect_download() as got:
            page.click("#download-csv")
        text = Path(got.value.path()).read_bytes().decode("utf-8")
        assert text.startswith("\ufeffline_id,") and text.count("\r\n") == 61
        assert "\r\n'=2+2,JP,KR,resist," in text  # a spreadsheet will not run it
        assert "individual" in text and "Narnia" not in text
        with page.expect_download() as got:  # the rejected line has a file of its own (S27-3)
            page.click("#download-rejects")
        assert got.value.suggested_filename == "shipments.rejects.csv"
        assert "Narnia" in Path(got.value.path()).read_bytes().decode("utf-8")
        if name == "desktop":  # Excel comes from the server, checked against the digest shown
            with page.expect_download() as got:
                page.click("#download-xlsx")
            assert got.value.suggested_filename == "shipments.screened.xlsx"
            assert Path(got.value.path()).read_bytes()[:2] == b"PK"
        if name == "phone":
            _no_page_overflow(page)
        page.screenshot(path=str(SHOTS / f"screen-{locale[:2]}-{name}.png"), full_page=True)
        w.close()


def test_api_docs_render_offline(site: tuple[str, Any, Path]) -> None:
    """Swagger UI and ReDoc draw the API from local files only (``Watched`` fails on any other host)."""
    base, browser, _db = site
    w = Watched(browser, DESKTOP)
    page = w.page
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "exportctl" in page.inner_text(".swagger-ui .info .title")
    assert page.is_visible(".swagger-ui .btn.authorize")  # the key scheme is declared
    page.screenshot(path=str(SHOTS / "docs.png"))
    page.goto(base + "/redoc")
    page.wait_for_selector("redoc .api-info h1, [role=main] h1", timeout=20_000)
    assert "exportctl" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "redoc.png"))
    w.close()


def test_the_diff_view_shows_the_groups_held_in_between(site: tuple[str, Any, Path]) -> None:
    """Review 22, L18: fails before the fix: the page showed Korea over 2019-01-01 -> 2023-08-01 as
    jp:A -> jp:A, without the jp:B years between (the CLI's "in between" column)."""
    base, browser, _db = site
    w = Watched(browser, DESKTOP)
    page = w.page
    page.goto(base + "/?view=diff&exporter=JP&from=2019-01-01&to=2023-08-01")
    page.wait_for_selector("#diff-result table")
    header = page.inner_text("#diff-result table >> nth=0")
    assert "in between" in header
    cells = (
        page.locator("#diff-result table >> nth=0").locator("tr", has_text="KR").first.locator("td").all_inner_texts()
    )
    assert cells[0].startswith("KR") and cells[1] == "jp:A" and cells[3] == "jp:A"
    assert "2019-08-28: jp:B" in cells[2] and "2023-07-21: jp:A" in cells[2]
    w.close()
