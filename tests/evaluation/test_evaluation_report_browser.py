"""The evaluation report in a browser: opens from the file system without fetching anything, passes axe
(WCAG 2.1 AA) in English and Greek, and its contents links work from the keyboard."""

from urllib.parse import urlsplit

import pytest
from synthetic import evaluate

from browser import axe_violations, chromium


@pytest.mark.parametrize("lang", ["en", "el"])
def test_report_is_accessible_and_self_contained(cohort, lang):
    run = evaluate(cohort, "--out", str(cohort.path("report")), "--lang", lang, "--salt", "s")
    assert run.returncode == 0, run.stderr
    url = cohort.path("report/report.html").as_uri()
    with chromium() as browser:
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="load")
        assert [u for u in requests if urlsplit(u).scheme != "file"] == [] and errors == []
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").count() == 1 and page.locator("main h2").count() == 7
        assert axe_violations(page) == []
        # keyboard: the first link of the contents leads to the summary
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#summary"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#summary"
