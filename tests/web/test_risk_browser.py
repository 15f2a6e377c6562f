"""The risk systemicity questionnaire as a group uses it: name the raters, rate scenarios (with the mouse and the
keyboard), read the scores, the awareness score, the scenarios to discuss and the policies to consider; add raters
from members' files; download, delete and import the answers; refuse a hostile file; print the results."""

from __future__ import annotations

import json

import pytest

from browser import axe_violations, toolkit_site, watched_page

PAGE = "tools/risk-systemicity/index.html"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    with toolkit_site(tmp_path_factory, "risk") as url:
        yield url


@pytest.fixture
def page(origin):
    with watched_page(origin) as p:
        yield p


def scenario(page, sid):
    return page.locator(f'.oerkit-risk-scenario[data-scenario="{sid}"]')


def ranked_row(page, sid):
    return page.locator(f'.oerkit-risk-ranked tr[data-scenario="{sid}"]')


def theme_row(page, theme):
    return page.locator(f'.oerkit-risk-themes tr[data-theme="{theme}"]')


def status_says(page, text: str) -> bool:
    """Wait until the status line shows `text` (reading a chosen file is asynchronous)."""
    page.wait_for_function("text => document.querySelector('.oerkit-status').textContent.includes(text)", arg=text,
                           timeout=5000)
    return True


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('oerkit:mini')"))


def test_a_group_rates_scenarios_and_reads_scores_awareness_and_policies(page, origin):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    assert "Inspired by the Risk Systemicity Questionnaire of the SMR project" in page.inner_text("article")
    assert "R = 100 × (m / 4) × (w / W)" in page.inner_text("article")
    assert scenario(page, "CI1").get_by_role("img", name="Diagram of scenario CI1: 3 risk factors in a vicious cycle").count() == 1
    assert scenario(page, "CI2").get_by_role("img", name="Diagram of scenario CI2: a chain of 4 risk factors").count() == 1
    assert "back to: Maintenance of ageing assets is postponed" in scenario(page, "CI1").locator("figcaption").inner_text()
    assert "Rate at least one scenario" in page.locator(".oerkit-results").inner_text()

    # the first rater names themself and answers; a second rater joins and answers differently
    page.get_by_label("Name or role of Rater 1").fill("Engineer")
    page.keyboard.press("Tab")
    scenario(page, "CI1").get_by_label("4 Very likely or already happening").check()
    page.get_by_role("button", name="Add a rater").click()
    assert page.evaluate("document.activeElement.id") == "oerkit-risk-name-r2", "focus moves to the new rater's name"
    page.keyboard.type("Nurse")
    page.keyboard.press("Tab")
    assert page.get_by_label("Answering as:").locator("option:checked").inner_text() == "Nurse"
    assert "(answer of Nurse)" in scenario(page, "CI1").locator("legend").inner_text()
    assert not scenario(page, "CI1").get_by_label("4 Very likely or already happening").is_checked(), "each rater has own answers"
    scenario(page, "CI1").get_by_label("2 Possible").check()
    scenario(page, "CC3").get_by_label("4 Very likely or already happening").check()
    scenario(page, "SD2").get_by_label("Don't know").check()

    results = page.locator(".oerkit-results")
    assert "Answers given: 4 of 30 (2 raters × 15 scenarios)." in results.inner_text()
    assert "Awareness score of the whole questionnaire: 75%." in results.inner_text()
    # CC3: a vicious cycle of 4 factors (the largest weight) answered 4: 100
    assert ranked_row(page, "CC3").locator("td").nth(0).inner_text() == "1"
    assert ranked_row(page, "CC3").locator("td").nth(3).inner_text() == "100"
    # CI1: mean 3, weight 1.5 of 1.875: 100 × 3/4 × 0.8 = 60; 4 and 2 differ by 2 points
    ci1 = ranked_row(page, "CI1").locator("td")
    assert [ci1.nth(i).inner_text() for i in (0, 2, 3)] == ["2", "3", "60"]
    assert "Answers differ by 2 points" in ci1.nth(5).inner_text()
    assert "Engineer: 4 Very likely" in ci1.nth(4).inner_text() and "Nurse: 2 Possible" in ci1.nth(4).inner_text()
    assert theme_row(page, "climate-change").locator("td").nth(0).inner_text() == "100"
    assert theme_row(page, "social-dynamics").locator("td").all_inner_texts() == ["–", "0%", "0 of 3"]
    assert "SD2" in results.inner_text().split("Not rated yet:")[1].split("\n")[0]

    priorities = page.locator(".oerkit-risk-priorities > li")
    assert priorities.count() == 2, "only scenarios with a score above 0 and at most three"
    assert priorities.first.inner_text().startswith("CC3 Floodwater cuts the power to the pumps (risk score 100)")
    link = priorities.first.get_by_role("link", name="I1M1 Map interdependencies between infrastructures")
    assert link.get_attribute("href") == "../resilience-policies/index.html#policy-i1m1"

    # the answers survive a reload; the other rater's answers come back when chosen
    page.reload(wait_until="networkidle")
    page.get_by_label("Answering as:").select_option(label="Engineer")
    assert scenario(page, "CI1").get_by_label("4 Very likely or already happening").is_checked()
    raters = stored(page)["tools"]["risk"]["raters"]
    assert raters == [{"id": "r1", "name": "Engineer", "ratings": {"CI1": 4}},
                      {"id": "r2", "name": "Nurse", "ratings": {"CI1": 2, "CC3": 4, "SD2": "dk"}}]
    assert axe_violations(page) == []

    # removing a rater removes their answers from the results
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Remove Nurse").click()
    assert "Nurse and their answers were removed." in page.locator(".oerkit-status").inner_text()
    assert ranked_row(page, "CC3").count() == 0
    assert ranked_row(page, "CI1").locator("td").nth(3).inner_text() == "80"
    page.goto(f"{origin}/tools/resilience-policies/index.html#policy-i1m1", wait_until="networkidle")
    assert page.locator("#policy-i1m1").count() == 1, "the policy link points at an existing case"


def test_rating_with_the_keyboard_only(page, origin):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    first = scenario(page, "CI2").locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    assert stored(page)["tools"]["risk"]["raters"][0]["ratings"] == {"CI2": 0}
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert scenario(page, "CI2").get_by_label("2 Possible").is_checked()
    assert stored(page)["tools"]["risk"]["raters"][0]["ratings"] == {"CI2": 2}
    # "Add a rater" and the rater's name by keyboard
    page.get_by_role("button", name="Add a rater").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Police")
    page.keyboard.press("Enter")
    assert stored(page)["tools"]["risk"]["raters"][1]["name"] == "Police"
    assert ranked_row(page, "CI2").locator("td").nth(2).inner_text() == "2"


def test_raters_from_members_files_join_the_group(page, origin, tmp_path):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    files = []
    for name, value in (("Planner", 4), ("Firefighter", 1)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"version": 1, "assessment": {"ratings": {}},
                                    "tools": {"risk": {"raters": [{"id": "r1", "name": name, "ratings": {"CY3": value}}]}}}))
        files.append(path)
    page.set_input_files("#oerkit-risk-files", [str(f) for f in files])
    assert status_says(page, "Raters added from the files: 2.")
    names = [page.locator(f"#oerkit-risk-name-{r}").input_value() for r in ("r1", "r2")]
    assert names == ["Planner", "Firefighter"], "the empty first rater made way for the members"
    row = ranked_row(page, "CY3").locator("td")
    assert row.nth(2).inner_text() == "2.5" and "Answers differ by 3 points" in row.nth(5).inner_text()
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"version": 1}))
    page.set_input_files("#oerkit-risk-files", str(empty))
    assert status_says(page, "The files hold no answers to this questionnaire.")


def test_download_delete_import_and_a_hostile_file(page, origin, tmp_path):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    scenario(page, "PH1").get_by_label("3 Likely").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / "mine.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text())["tools"]["risk"]["raters"][0]["ratings"] == {"PH1": 3}
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data").click()
    assert "Rate at least one scenario" in page.locator(".oerkit-results").inner_text()
    assert not scenario(page, "PH1").get_by_label("3 Likely").is_checked()
    page.set_input_files("#oerkit-import-file", str(saved))
    assert status_says(page, "Your data has been imported.")
    assert scenario(page, "PH1").get_by_label("3 Likely").is_checked()
    assert ranked_row(page, "PH1").count() == 1

    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"version": 1, "tools": {"risk": {"raters": [
        {"id": "r1", "name": "<img src=x onerror=alert(1)>", "ratings": {"PH1": 9}}]}}}))
    page.set_input_files("#oerkit-import-file", str(hostile))
    assert status_says(page, "The file was not imported: the field tools.risk.raters.0.ratings.PH1 has a value that is not allowed.")
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"version": 1, "tools": {"risk": {"raters": [{"id": "r1", "ratings": {"ZZ9": 1}}]}}}))
    page.set_input_files("#oerkit-import-file", str(unknown))
    assert status_says(page, "ZZ9 in tools.risk.raters.0.ratings is not part of this curriculum.")
    assert stored(page)["tools"]["risk"]["raters"][0]["ratings"] == {"PH1": 3}, "refused files change nothing"


def test_results_print_without_the_questionnaire(page, origin):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    scenario(page, "CC1").get_by_label("3 Likely").check()
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".oerkit-results").is_visible()
    assert ranked_row(page, "CC1").is_visible()
    assert not page.locator(".oerkit-risk-questionnaire").is_visible()
    assert not page.locator(".oerkit-risk-raters").is_visible()
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()


@pytest.mark.parametrize("lang", ["el", "de"])
def test_translated_pages_are_localised_and_accessible(page, origin, lang):
    page.goto(f"{origin}/{lang}/{PAGE}", wait_until="networkidle")
    texts = {"el": ("Ερωτηματολόγιο συστημικότητας των κινδύνων", "Πιθανό", "Υποδομές ζωτικής σημασίας"),
             "de": ("Fragebogen zur Risikosystemik", "Wahrscheinlich", "Kritische Infrastruktur")}[lang]
    assert page.locator("h1").inner_text().rstrip("¶") == texts[0]
    assert "W = 1,875" in page.inner_text("article")
    scenario(page, "CC2").get_by_label(f"3 {texts[1]}", exact=True).check()
    assert texts[2] in page.locator(".oerkit-risk-themes").inner_text()
    weight = ranked_row(page, "CC2").locator("td").nth(1).inner_text()
    assert weight.startswith("1,5"), "numbers are written with a decimal comma"
    assert axe_violations(page) == []
