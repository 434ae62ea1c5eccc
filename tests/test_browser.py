"""The web page in a real browser: Playwright driving Debian's Chromium against a live server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def test_check_timeline_and_diff_in_chromium(tmp_path: Path) -> None:
    errors: list[str] = []
    shots = Path(os.environ.get("EXPORTCTL_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with live_server(f"sqlite:///{tmp_path / 'web.db'}") as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        page.on(
            "console",
            lambda msg: (
                errors.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" and not msg.text.startswith("Failed to load resource")
                else None
            ),
        )
        bad: list[str] = []
        page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status == 404 or r.status >= 500 else None)
        page.goto(base + "/")
        page.select_option("#exporter", "JP")
        page.fill("#destination", "KR")
        page.fill("#item", "hydrogen")
        page.wait_for_function("document.querySelectorAll('#item-suggestions option').length > 0")
        assert page.locator("#item-suggestions option").first.get_attribute("value") == "jp:3(1)"
        page.fill("#item", "hydrogen fluoride")
        page.fill("#on", "2020-01-15")
        page.click("#check-button")
        page.wait_for_selector(".verdict")
        assert page.inner_text(".verdict") == "Licence required"
        routes = page.locator(".route").all_inner_texts()
        assert routes == ["individual"]
        trace = page.inner_text("ol.trace")
        assert "jp.2019.three-items.individual-only" in trace and "jp:B#KR" in trace
        assert page.locator("ol.trace a[href^='http']").count() >= 3
        page.screenshot(path=str(shots / "check.png"), full_page=True)

        page.click("#tab-timeline")
        page.wait_for_selector("#timeline-chart .main-svg")
        table = page.inner_text("#timeline-table")
        assert "jp-2019-kr-table3-removal" in table and "kr-2019-ga2-japan" in table
        page.screenshot(path=str(shots / "timeline.png"), full_page=True)

        page.click("button[data-tab='diff']")
        page.click("#diff-form button[type=submit]")
        page.wait_for_selector("#diff-result table")
        assert "jp-2019-kr-table3-removal" in page.inner_text("#diff-result")

        page.click("button[data-tab='check']")
        page.fill("#destination", "Narnia")
        page.click("#check-button")
        page.wait_for_selector("#result .error")
        assert "unknown country" in page.inner_text("#result .error")
        browser.close()
    assert errors == [], errors
    assert bad == [], bad
    assert (shots / "check.png").stat().st_size > 10_000
