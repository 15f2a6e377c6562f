"""The learner tools as a learner uses them, in Debian's Chromium: self-assessment, journey planner,
quiz player; their data stays in the browser and can be exported, imported and deleted."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import pytest

from browser import axe_violations, chromium, static_server
from conftest import FIXTURES
from oerkit.build import build_all
from oerkit.locales import load_catalogue

KEY = "oerkit:mini"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("tools") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    assert build_all(root) == 0
    return root / "site"


@pytest.fixture(scope="module")
def origin(site):
    with static_server(site) as url:
        yield url


@pytest.fixture
def page(origin):
    with chromium() as browser:
        context = browser.new_context()
        p = context.new_page()
        p.errors = []
        p.requests = []
        p.on("pageerror", lambda e: p.errors.append(str(e)))
        p.on("request", lambda r: p.requests.append(r.url))
        yield p
        assert p.errors == []
        foreign = [u for u in p.requests if urlsplit(u).netloc != urlsplit(origin).netloc
                   and not u.startswith(("data:", "blob:"))]
        assert foreign == []
        context.close()


def stored(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def answer_a1_quiz(page, origin, correct: bool):
    page.goto(f"{origin}/modules/A1-first-steps/quiz.html", wait_until="networkidle")
    items = page.locator(".oerkit-item")
    assert items.count() == 3
    items.nth(0).get_by_label("The ability to recover" if correct else "A type of concrete").check()
    items.nth(0).get_by_role("button", name="Check").click()
    items.nth(1).get_by_label("True" if correct else "False", exact=True).check()
    items.nth(1).get_by_role("button", name="Check").click()
    items.nth(2).get_by_label("Blank 1").fill("2030" if correct else "2025")
    items.nth(2).get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Finish the quiz").click()
    return page.locator(".oerkit-results").inner_text()


def test_assessment_plan_quiz_adapt_and_delete(page, origin):
    page.goto(f"{origin}/self-assessment.html", wait_until="networkidle")
    assert "0 of 2 competences rated" in page.locator(".oerkit-progress").inner_text()
    page.get_by_label("Hours you can study per week:").fill("2")
    page.get_by_label("Hours you can study per week:").dispatch_event("change")
    page.locator('[data-competence="C1"] input[type=radio][value="0"]').check()
    page.locator('[data-competence="C2"] input[type=radio][value="0"]').check()
    assert "2 of 2 competences rated" in page.locator(".oerkit-progress").inner_text()
    # a knowledge check gives instant feedback and counts as evidence
    check = page.locator(".oerkit-item").first
    check.get_by_label("The ability to recover").check()
    check.get_by_role("button", name="Check").click()
    assert "Correct." in check.locator(".oerkit-feedback").inner_text()
    results = page.locator("#oerkit-results")
    assert results.locator("svg[role=img] title").text_content() == "Current and target level per competence"
    ranked = results.locator(".oerkit-ranked li")
    assert ranked.first.get_attribute("data-competence") == "C1"
    assert results.locator("table tbody tr").count() == 2
    state = stored(page)
    assert state["assessment"]["ratings"] == {"C1": 0, "C2": 0}
    assert state["assessment"]["profile"]["weeklyHours"] == 2

    page.get_by_role("link", name="Plan my learning journey").click()
    page.wait_for_selector(".oerkit-modules li")
    assert page.locator(".oerkit-modules > li").evaluate_all("els => els.map(e => e.dataset.module)") == ["A1", "A2"]
    weeks = page.locator(".oerkit-schedule tbody tr")
    assert weeks.count() == 3  # 5 hours at 2 hours a week
    page.reload(wait_until="networkidle")
    assert page.locator(".oerkit-schedule tbody tr").count() == 3

    assert "Score: 100 %" in answer_a1_quiz(page, origin, correct=True)
    page.goto(f"{origin}/journey-planner.html", wait_until="networkidle")
    a1 = page.locator('.oerkit-modules > li[data-module="A1"]')
    assert "oerkit-status-done" in a1.get_attribute("class")
    assert page.locator(".oerkit-schedule tbody tr").count() == 2  # only A2's 3 hours are left

    assert "Score: 0 %" in answer_a1_quiz(page, origin, correct=False)
    page.goto(f"{origin}/journey-planner.html", wait_until="networkidle")
    a1 = page.locator('.oerkit-modules > li[data-module="A1"]')
    assert "revisit" in a1.inner_text() and "A1-LO1" in a1.locator(".oerkit-revisit").inner_text()

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data").click()
    assert stored(page) is None
    assert "No modules to plan yet" in page.locator(".oerkit-plan").inner_text()


def test_order_that_breaks_a_prerequisite_is_refused(page, origin):
    page.goto(f"{origin}/journey-planner.html", wait_until="networkidle")
    page.locator("details summary").click()
    page.get_by_label("C1 Competence one").check()
    page.get_by_label("C2 Competence two").check()
    page.get_by_role("button", name="Move A2 earlier").click()
    assert "A2 Second steps needs A1 First steps first" in page.locator(".oerkit-status").inner_text()
    assert page.locator(".oerkit-modules > li").evaluate_all("els => els.map(e => e.dataset.module)") == ["A1", "A2"]
    page.get_by_role("button", name="Skip A1").click()
    assert "A2 Second steps needs A1 First steps, which you skipped." in page.locator(".oerkit-plan").inner_text()


def test_share_link_carries_the_plan(page, origin):
    page.goto(f"{origin}/journey-planner.html", wait_until="networkidle")
    page.locator("details summary").click()
    page.get_by_label("C2 Competence two").check()
    page.get_by_role("button", name="Make a share link").click()
    link = page.locator("#oerkit-share-link").input_value()
    assert "#plan=" in link
    page.evaluate("localStorage.clear()")
    page.goto(link, wait_until="networkidle")
    page.reload(wait_until="networkidle")
    assert "A2" in page.locator(".oerkit-modules").inner_text()


def test_hostile_import_is_refused_and_never_executed(page, origin, tmp_path):
    page.goto(f"{origin}/journey-planner.html", wait_until="networkidle")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"version": 1, "plan": {"pinned": ["<img src=x onerror=window.pwned=1>"]}}))
    page.set_input_files("#oerkit-import-file", str(hostile))
    page.wait_for_function("document.querySelector('.oerkit-status').textContent.length > 0")
    assert "not imported" in page.locator(".oerkit-status").inner_text()
    assert page.evaluate("window.pwned") is None
    assert stored(page) is None or stored(page)["plan"]["pinned"] == []
    huge = tmp_path / "huge.json"
    huge.write_text("[" + "1," * 150000 + "1]")
    page.set_input_files("#oerkit-import-file", str(huge))
    page.wait_for_function("document.querySelector('.oerkit-status').textContent.includes('KB')")


def test_import_of_exported_data_restores_it(page, origin, tmp_path):
    page.goto(f"{origin}/self-assessment.html", wait_until="networkidle")
    page.locator('[data-competence="C1"] input[type=radio][value="2"]').check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / "mine.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["assessment"]["ratings"] == {"C1": 2}
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    page.set_input_files("#oerkit-import-file", str(saved))
    page.wait_for_function("document.querySelector('[data-competence=\"C1\"] input[value=\"2\"]').checked")


def test_quiz_items_work_with_the_keyboard(page, origin):
    page.goto(f"{origin}/modules/A2-second-steps/quiz.html", wait_until="networkidle")
    ordering = page.locator(".oerkit-item-ordering")
    before = ordering.locator("li").evaluate_all("els => els.map(e => e.dataset.element)")
    ordering.locator("li").first.locator("[data-dir=down]").focus()
    page.keyboard.press("Enter")
    after = ordering.locator("li").evaluate_all("els => els.map(e => e.dataset.element)")
    assert after == [before[1], before[0]]
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    if after != ["a", "b"]:
        page.keyboard.press("Enter")
    ordering.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    assert "Correct." in ordering.locator(".oerkit-feedback").inner_text()
    matching = page.locator(".oerkit-item-matching")
    matching.get_by_label("Shock").select_option(label="Sudden")
    matching.get_by_label("Stress").select_option(label="Chronic")
    matching.get_by_role("button", name="Check").click()
    assert "Correct." in matching.locator(".oerkit-feedback").inner_text()
    page.reload(wait_until="networkidle")
    assert "Answered 2 of 3 questions." in page.locator(".oerkit-progress").inner_text()


def test_tool_pages_have_no_accessibility_violations(page, origin):
    problems = {}
    for path in ("self-assessment.html", "journey-planner.html", "modules/A1-first-steps/quiz.html"):
        page.goto(f"{origin}/{path}", wait_until="networkidle")
        if path == "self-assessment.html":
            page.locator('[data-competence="C1"] input[type=radio][value="0"]').check()
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("lang", ["el", "de", "pt"])
def test_tools_speak_the_readers_language(page, origin, lang):
    expected = load_catalogue(lang)["assess.progress"].split("{")[0].strip() or load_catalogue(lang)["assess.progress"]
    page.goto(f"{origin}/{lang}/self-assessment.html", wait_until="networkidle")
    text = page.locator(".oerkit-progress").inner_text()
    assert "competences rated" not in text
    assert page.locator("html").get_attribute("lang") == lang
    assert any(word in text for word in load_catalogue(lang)["assess.progress"].replace("{rated}", "").replace(
        "{total}", "").split()), (text, expected)
