"""The resilience toolkit as a person uses it: mark the city's policies in the maturity model, read the
estimated stages and the next policies; filter the policy portfolio; export and delete the data."""

from __future__ import annotations

import json

import pytest

from browser import axe_violations, toolkit_site, watched_page


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    with toolkit_site(tmp_path_factory, "toolkit") as url:
        yield url


@pytest.fixture
def page(origin):
    with watched_page(origin) as p:
        yield p


def row(page, sub):
    return page.locator(f'.oerkit-results tr[data-subdimension="{sub}"]')


def test_marking_policies_moves_the_stage_and_lists_the_next_ones(page, origin):
    page.goto(f"{origin}/tools/maturity-model/index.html", wait_until="networkidle")
    assert "Not yet Starting" in row(page, "L1").inner_text()
    assert "L1S1" in row(page, "L1").locator("td").nth(1).inner_text()
    page.get_by_label("L1S1", exact=False).first.check()
    assert "Starting" in row(page, "L1").locator("td").first.inner_text()
    assert "L1M1" in row(page, "L1").locator("td").nth(1).inner_text()
    page.get_by_label("L1M1", exact=False).first.check()
    assert row(page, "L1").locator("td").first.inner_text() == "Moderate"
    # P1 Starting needs both P1S1 and P1S2 (the SMR policy)
    page.get_by_label("P1S1", exact=False).first.check()
    assert "Not yet Starting" in row(page, "P1").inner_text() and "P1S2" in row(page, "P1").inner_text()
    link = row(page, "P1").get_by_role("link")
    assert "resilience-policies/index.html#policy-p1s2" in link.get_attribute("href")
    page.reload(wait_until="networkidle")
    assert row(page, "L1").locator("td").first.inner_text() == "Moderate"
    stored = json.loads(page.evaluate("localStorage.getItem('oerkit:mini')"))
    assert stored["tools"]["maturity"]["inPlace"] == ["L1M1", "L1S1", "P1S1"]
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data").click()
    assert "Not yet Starting" in row(page, "L1").inner_text()
    assert axe_violations(page) == []


def test_policy_portfolio_filters_by_dimension_stage_and_stakeholder(page, origin):
    page.goto(f"{origin}/tools/resilience-policies/index.html#policy-p1s2", wait_until="networkidle")
    total = page.locator(".oerkit-policy").count()
    assert total >= 50
    assert f"{total} of {total}" in page.locator(".oerkit-progress").inner_text()
    page.get_by_label("Dimension:").select_option("P")
    page.get_by_label("Stage:").select_option("S")
    visible = page.locator(".oerkit-policy:visible h2").all_inner_texts()
    assert visible and all(t.startswith(("P1S", "P2S")) for t in visible)
    assert any(t.startswith("P1S2") for t in visible)
    case = page.locator("#policy-p1s2")
    assert "Context." in case.inner_text() and "illustrative case" in case.inner_text()
    page.get_by_label("Search:").fill("drills")
    assert page.locator(".oerkit-policy:visible h2").all_inner_texts()[0].startswith("P2S1")
    assert axe_violations(page) == []


def test_a_full_export_from_the_planner_imports_on_a_toolkit_page(page, origin, tmp_path):
    # a toolkit page knows no modules: it checks the plan's form, not its ids, and keeps it
    backup = tmp_path / "all-my-data.json"
    backup.write_text(json.dumps({"version": 1, "plan": {"pinned": ["A2"], "order": ["A1", "A2"]},
                                  "tools": {"maturity": {"inPlace": ["L1S1"]}}}))
    page.goto(f"{origin}/tools/maturity-model/index.html", wait_until="networkidle")
    page.set_input_files("#oerkit-import-file", str(backup))
    page.wait_for_function("document.querySelector('.oerkit-status').textContent.length > 0")
    assert "not imported" not in page.locator(".oerkit-status").inner_text()
    assert row(page, "L1").locator("td").first.inner_text() == "Starting"
    stored = json.loads(page.evaluate("localStorage.getItem('oerkit:mini')"))
    assert stored["plan"]["pinned"] == ["A2"] and stored["plan"]["order"] == ["A1", "A2"]


@pytest.mark.parametrize("tool", ["maturity-model", "resilience-policies", "risk-systemicity", "city-dynamics",
                                  "information-portal"])
def test_a_fresh_tool_page_shows_no_placeholder_values(page, origin, tool):
    # a view that hands null, undefined or NaN to the page shows them as words: a learner would see "null"
    page.goto(f"{origin}/tools/{tool}/index.html", wait_until="networkidle")
    words = set(page.locator("#oerkit-app").inner_text().split())
    assert not words & {"null", "undefined", "NaN", "[object"}
