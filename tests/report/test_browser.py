"""The report of a failing run, as a person sees it in headless Chromium with scripts off and no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Route, sync_playwright

from conformance._redact import Redactor
from conformance._results import RunReport
from conformance.report import write_report

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.browser
def test_a_failing_runs_report_shows_score_matrix_and_curl_in_chromium(tmp_path: Path, failing_run: RunReport) -> None:
    files = write_report(failing_run, tmp_path / "report", Redactor())
    requested: list[str] = []

    def record(route: Route) -> None:
        requested.append(route.request.url)
        if route.request.url == files.html.as_uri():
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(java_script_enabled=False, viewport={"width": 1280, "height": 900})
            page.route("**/*", record)
            page.goto(files.html.as_uri())

            verdict = page.locator("#verdict h1")
            score = page.locator("#score-sailpoint-v2025")
            matrix = page.locator("#matrix-sailpoint-v2025")
            failed_cell = matrix.locator("td.failed")
            curl = page.locator("#api-sailpoint-v2025 pre.curl").first
            assert verdict.is_visible() and verdict.inner_text() == "NOT CONFORMANT"
            assert score.is_visible() and score.inner_text() == "85.7%"
            assert matrix.is_visible()
            assert matrix.locator("tbody tr").count() == 4
            assert matrix.locator("thead th").count() == 4
            assert failed_cell.is_visible() and failed_cell.inner_text() == "fail"
            assert matrix.locator("td.skipped").first.get_attribute("title") == "write operations need --allow-writes"

            failed_cell.locator("a").click()  # the matrix links to the failure, which holds the curl command
            assert curl.is_visible()
            assert curl.inner_text().startswith("curl -X GET 'http://127.0.0.1:8765/v2025/task-status/2c91808a'")
            assert page.locator("#api-sailpoint-v2025 svg.latency").is_visible()

            screenshot = tmp_path / "report.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert requested == [files.html.as_uri()]  # the page loaded nothing but itself
