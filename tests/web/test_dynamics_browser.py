"""The city dynamics teaching model as a person uses it: choose policies with the keyboard, put them in order, compare
the run with the maturity order and with no policies, change an assumption, read the charts' text alternatives, keep
the plan across reloads, export, delete and import it, and print the results."""

from __future__ import annotations

import json

import pytest

from browser import axe_violations, toolkit_site, watched_page

STARTING = ["L1S1", "P1S2", "P2S1", "C1S1"]


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    with toolkit_site(tmp_path_factory, "dynamics") as url:
        yield url


@pytest.fixture
def page(origin):
    with watched_page(origin) as p:
        yield p


def open_tool(page, origin, lang=""):
    page.goto(f"{origin}/{lang}tools/city-dynamics/index.html", wait_until="networkidle")


def plan(page) -> list[str]:
    return page.locator(".oerkit-dyn-list li").evaluate_all("items => items.map(li => li.dataset.policy)")


def summary(page, row: str) -> list[str]:
    """The two values (your plan, the other run) of one row of the results table."""
    return page.locator(".oerkit-dyn-summary tr", has_text=row).locator("td").all_inner_texts()


def number(text: str) -> float:
    return float(text.replace(",", "."))


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('oerkit:mini')"))["tools"]["dynamics"]


def test_a_plan_out_of_order_pays_off_less_than_the_maturity_order(page, origin):
    open_tool(page, origin)
    assert "No policies chosen yet" in page.locator(".oerkit-dyn-plan").inner_text()
    assert "both runs are the same" in page.locator(".oerkit-dyn-why").inner_text()
    # choose with the keyboard: an advanced policy first, then the Starting ones
    for code in ["P1A1", *STARTING]:
        page.locator(f"#oerkit-dyn-pick-{code}").focus()
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.id") == f"oerkit-dyn-pick-{code}"
    assert plan(page) == ["P1A1", *STARTING]
    assert "added to the plan as number 5" in page.get_by_role("status").first.inner_text()
    yours, other = summary(page, "Resilience capacity at the end")
    assert number(yours) < number(other)
    losses = summary(page, "Losses from shocks")
    assert number(losses[0]) > number(losses[1])
    why = page.locator(".oerkit-dyn-why").inner_text()
    assert "1 of your policies start before policies of an earlier stage in your plan: P1A1" in why
    assert "leaves out 3 foundations" in why and "P1M1" in why
    timeline = page.locator(".oerkit-dyn-timeline tr[data-policy='P1A1'] td").all_inner_texts()
    assert timeline[1] == "1" and timeline[2] == "20 %"  # adopted in year 1 with only 1 − w readiness
    # move P1A1 down with the keyboard: the focus stays on it and the move is announced
    page.get_by_role("button", name="Move P1A1 later").focus()
    page.keyboard.press("Enter")
    assert plan(page)[:2] == ["L1S1", "P1A1"]
    assert page.evaluate("document.activeElement.id") == "oerkit-dyn-down-P1A1"
    assert "P1A1 Prioritise risk scenarios using risk systemicity is now number 2 of 5." in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Sort in maturity order").click()
    assert plan(page) == [*STARTING, "P1A1"]
    assert "already follows the maturity order" in page.locator(".oerkit-dyn-why").inner_text()
    yours, other = summary(page, "Resilience capacity at the end")
    assert yours == other
    # the charts: one per stock, two lines each, a title and a description, and the numbers in a table
    charts = page.locator(".oerkit-dyn-chart svg[role='img']")
    assert charts.count() == 3
    assert charts.first.locator("title").text_content() == "Resilience capacity over the years"
    assert "Your plan: from 25 to" in charts.first.locator("desc").text_content()
    assert charts.first.locator("polyline").count() == 2
    assert page.locator(".oerkit-dyn-yearly tbody tr").count() == 13  # years 0 to 12
    page.reload(wait_until="networkidle")
    assert plan(page) == [*STARTING, "P1A1"]
    assert stored(page)["plan"] == [*STARTING, "P1A1"]
    assert axe_violations(page) == []


def test_all_policies_reversed_against_the_maturity_order_and_against_keeping_the_money(page, origin):
    open_tool(page, origin)
    page.get_by_role("button", name="Choose all policies").click()
    assert len(plan(page)) == 16 and plan(page)[0] == "L1S1" and plan(page)[-1] == "C2T1"
    page.get_by_role("button", name="Reverse the order").click()
    assert plan(page)[0] == "C2T1"
    yours, other = summary(page, "Resilience capacity at the end")
    assert number(yours) + 15 < number(other)
    readiness = summary(page, "Average readiness")
    assert number(readiness[0].rstrip(" %")) < 50 < number(readiness[1].rstrip(" %"))
    notes = page.locator(".oerkit-dyn-notes").inner_text()
    assert "C2T1 Lead a European resilience network (cost 11) waited for money from year 1 to year 2" in notes
    # the second run: no policies at all
    page.get_by_label("Compare your plan with:").select_option("none")
    assert page.locator(".oerkit-dyn-summary th", has_text="No policies").count() == 1
    assert "Keeping the money in reserve" in page.locator(".oerkit-dyn-why").inner_text()
    spent = summary(page, "Spent on adopting policies")
    assert number(spent[1]) == 0 and number(spent[0]) > 0
    assert stored(page)["compare"] == "none"
    # an assumption: without foundation dependence the order hardly matters
    page.get_by_label("Compare your plan with:").select_option("maturity")
    page.get_by_label("Foundation dependence (%):").fill("0")
    page.get_by_label("Foundation dependence (%):").press("Enter")
    page.get_by_label("Foundation dependence (%):").blur()
    yours, other = summary(page, "Resilience capacity at the end")
    assert abs(number(yours) - number(other)) < 5
    assert "foundation dependence 0 %" in page.locator(".oerkit-dyn-assumed").inner_text()
    assert stored(page)["assumptions"] == {"foundationDependence": 0}
    # an impossible value is refused with a message and not stored
    page.get_by_label("Severity of the shocks (%):").fill("900")
    page.get_by_label("Severity of the shocks (%):").blur()
    assert "needs a number from 0 to 300" in page.get_by_role("status").first.inner_text()
    assert "needs a number from 0 to 300" in page.locator("#oerkit-dyn-shockScale-error").inner_text()  # beside the field
    assert page.get_by_label("Severity of the shocks (%):").get_attribute("aria-invalid") == "true"
    assert "shockScale" not in stored(page)["assumptions"]
    page.get_by_role("button", name="Reset the assumptions").click()
    assert stored(page)["assumptions"] == {}
    assert page.get_by_label("Foundation dependence (%):").input_value() == "80"
    # zero income: policies that cannot be paid for wait, and the reserve never goes below zero
    page.get_by_label("Base income a year (budget units):").fill("0")
    page.get_by_label("Base income a year (budget units):").blur()
    assert "could not be paid for" in page.locator(".oerkit-dyn-notes").inner_text()
    budget = [number(t) for t in page.locator(".oerkit-dyn-yearly tbody tr td:nth-child(4)").all_inner_texts()]
    assert min(budget) >= 0


def test_export_delete_import_and_a_refused_file(page, origin, tmp_path):
    open_tool(page, origin)
    page.get_by_role("button", name="Choose all policies").click()
    page.get_by_role("button", name="Move L1S1 later").click()
    saved = plan(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    exported = tmp_path / "data.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["tools"]["dynamics"]["plan"] == saved
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data").click()
    assert plan(page) == [] and "No policies chosen yet" in page.locator(".oerkit-dyn-plan").inner_text()
    page.locator("#oerkit-import-file").set_input_files(str(exported))
    page.wait_for_function("document.querySelectorAll('.oerkit-dyn-list li').length === 16")
    assert plan(page) == saved
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"version": 1, "tools": {"dynamics": {"plan": ["L1S1", "ZZ9Z9"]}}}))
    page.locator("#oerkit-import-file").set_input_files(str(hostile))
    page.wait_for_function("document.querySelector('.oerkit-status').dataset.kind === 'error'")
    message = page.locator(".oerkit-status").inner_text()
    assert "The file was not imported" in message and "ZZ9Z9" in message
    assert plan(page) == saved


def test_the_page_in_greek_prints_the_results_and_is_accessible(page, origin):
    open_tool(page, origin, "el/")
    assert page.locator("h1").inner_text().startswith("Εκπαιδευτικό μοντέλο δυναμικής της πόλης")
    page.get_by_role("button", name="Επιλογή όλων των πολιτικών").click()
    page.get_by_role("button", name="Αντιστροφή της σειράς").click()
    yours, other = summary(page, "Ικανότητα ανθεκτικότητας στο τέλος")
    assert "," in yours + other and number(yours) < number(other)  # decimal commas
    assert page.locator(".oerkit-dyn-chart figcaption").first.inner_text() == "Η ικανότητα ανθεκτικότητας με τα χρόνια"
    assert page.locator("h3", has_text="Εξισώσεις").count() == 1
    assert axe_violations(page) == []
    assert page.get_by_role("button", name="Εκτύπωση ή αποθήκευση ως PDF").count() == 1
    page.emulate_media(media="print")
    assert page.locator(".oerkit-dyn-results").is_visible() and page.locator(".oerkit-dyn-chart svg").first.is_visible()
    assert page.locator(".oerkit-dyn-list").is_visible()
    assert not page.locator(".oerkit-dyn-choose").is_visible() and not page.locator(".oerkit-data-controls").is_visible()
    assert not page.locator(".oerkit-dyn-doc").is_visible()
