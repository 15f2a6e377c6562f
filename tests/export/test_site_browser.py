"""The built site in a real browser: nothing loads from another host, axe-core finds no violation,
search answers in the reader's language, and the site works from file://."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from browser import axe_violations, chromium, static_server
from conftest import FIXTURES
from oerkit.build import build_all

PAGES = ["index.html", "programme.html", "competences.html", "outcomes.html", "coverage.html", "glossary.html",
         "modules/A1-first-steps/index.html", "modules/A1-first-steps/introduction.html",
         "el/modules/A1-first-steps/details.html", "el/index.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    assert build_all(root) == 0
    return root / "site"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_pages_request_nothing_from_other_hosts(site, browser):
    with static_server(site) as origin:
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        for path in PAGES:
            page.goto(f"{origin}/{path}", wait_until="networkidle")
        page.close()
    foreign = [u for u in requests if urlsplit(u).netloc != urlsplit(origin).netloc and not u.startswith("data:")]
    assert requests and foreign == []


def test_axe_finds_no_violations(site, browser):
    with static_server(site) as origin:
        page = browser.new_page()
        problems = {}
        for path in PAGES:
            page.goto(f"{origin}/{path}", wait_until="networkidle")
            found = axe_violations(page)
            if found:
                problems[path] = found
        page.close()
    assert problems == {}


def _search(page, query: str) -> list[str]:
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


def test_search_answers_in_the_readers_language(site, browser):
    with static_server(site) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/el/index.html", wait_until="networkidle")
        links = _search(page, "ανθεκτικότητα")
        assert links and all("/el/" in link for link in links), links
        page.goto(f"{origin}/index.html", wait_until="networkidle")
        links = _search(page, "checklist")
        assert links and not any("/el/" in link or "/de/" in link for link in links), links
        page.close()


def test_site_works_from_file_urls(site, browser):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "modules/A1-first-steps/index.html").as_uri(), wait_until="load")
    assert "First steps" in page.title()
    page.click("text=Introduction")
    assert "Introduction" in page.title()
    links = _search(page, "resilience")
    assert links and links[0].startswith("file://")
    page.close()
    assert all(u.startswith(("file://", "data:", "blob:")) for u in requests), requests
