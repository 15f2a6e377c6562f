"""The resilience information portal as people use it: a citizen and an infrastructure provider pick their views,
filter and search the catalogue (offline, accents ignored, in Greek too), keep a shortlist with notes, with the
mouse and with the keyboard; the shortlist prints without the catalogue; the data is downloaded, deleted and
imported again, and a hostile file is refused."""

from __future__ import annotations

import json
import re
from urllib.request import urlopen

import pytest

from browser import axe_violations, chromium, toolkit_site, watched_page

PAGE = "tools/information-portal/index.html"


def point_entries_at_the_mini_modules(root):
    # the mini project has modules A1 and A2 only: let the entries on P2 and R3 point to them instead
    portal = root / "curriculum/tools/information-portal.yaml"
    text = portal.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(    modules: \[.*)$", lambda m: m.group(1).replace("P2", "A1").replace("R3", "A2"), text)
    portal.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    with toolkit_site(tmp_path_factory, "portal", point_entries_at_the_mini_modules) as url:
        yield url


@pytest.fixture
def page(origin):
    with watched_page(origin) as p:
        yield p


def entry(page, eid):
    return page.locator(f"#portal-{eid}")


def visible_entries(page) -> list[str]:
    return page.locator(".oerkit-portal-entry:visible").evaluate_all("nodes => nodes.map(n => n.dataset.entry)")


def entries_where(page, attribute: str, value: str) -> list[str]:
    """The entries whose data attribute lists `value`, read from the page itself."""
    return page.locator(".oerkit-portal-entry").evaluate_all(
        "(nodes, [a, v]) => nodes.filter(n => n.dataset[a].split(' ').includes(v)).map(n => n.dataset.entry)", [attribute, value])


def count_text(page) -> str:
    return page.locator(".oerkit-progress").inner_text()


def status_says(page, text: str) -> bool:
    page.wait_for_function("text => document.querySelector('.oerkit-status').textContent.includes(text)", arg=text,
                           timeout=5000)
    return True


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('oerkit:mini')"))["tools"]["portal"]


def test_views_filters_and_search_narrow_the_catalogue(page, origin):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    total = page.locator(".oerkit-portal-entry").count()
    assert 36 <= total <= 46
    assert count_text(page) == f"Entries shown: {total} of {total}."
    assert "complements a city's existing platforms" in page.inner_text("article")

    # a citizen's view: only entries meant for citizens, announced in the live region
    page.get_by_role("radio", name="Citizens").check()
    citizens = entries_where(page, "audiences", "citizen")
    assert visible_entries(page) == citizens and 10 < len(citizens) < total
    assert count_text(page) == f"Entries shown: {len(citizens)} of {total}."
    assert page.locator(".oerkit-progress").get_attribute("aria-live") == "polite"
    assert "warnings, guidance to prepare at home" in page.locator(".oerkit-portal-views").inner_text()
    assert "view=citizen" in page.url, "the view can be bookmarked"

    # filters combine with the view
    page.get_by_label("Kind:").select_option(label="Data source")
    shown = visible_entries(page)
    assert shown == [e for e in citizens if e in entries_where(page, "kind", "data-source")]
    assert "src-citizen-reports" in shown and "src-asset-register" not in shown
    assert not page.get_by_role("heading", name="Resources", exact=True).is_visible(), "empty groups are hidden"
    page.get_by_label("Search:").fill("nothing-like-this")
    assert count_text(page) == "No entry matches. Clear a filter or try other words."
    page.get_by_role("button", name="Clear filters and search").click()
    assert page.evaluate("document.activeElement.id") == "oerkit-portal-search"
    assert visible_entries(page) == citizens, "the view stays"

    # everyone, a framework and the module filter; search needs every word
    page.get_by_role("radio", name="Everyone").check()
    page.get_by_label("Framework:").select_option(label="ISO 37123: resilient cities")
    assert set(visible_entries(page)) == set(entries_where(page, "frameworks", "iso-37123"))
    page.get_by_label("Search:").fill("HAZARD maps")
    assert visible_entries(page) == ["ind-exposure", "ind-plans-and-maps"]
    page.get_by_label("Search:").fill("HAZARD maps emergency")
    assert visible_entries(page) == ["ind-plans-and-maps"]
    page.get_by_role("button", name="Clear filters and search").click()
    page.get_by_label("Module:").select_option(label="A1 First steps")
    with_a1 = visible_entries(page)
    assert with_a1 == entries_where(page, "modules", "A1") and len(with_a1) >= 5
    link = entry(page, with_a1[0]).get_by_role("link", name="A1 First steps")
    assert link.get_attribute("href") == "../../modules/A1-first-steps/index.html"
    policy = entry(page, "cwa-17302").get_by_role("link", name="L3M1 Share lessons across departments")
    assert policy.get_attribute("href") == "../resilience-policies/index.html#policy-l3m1"
    assert axe_violations(page) == []

    # an infrastructure provider opens the page from a bookmarked view
    page.goto(f"{origin}/{PAGE}?view=infrastructure-provider", wait_until="networkidle")
    assert page.get_by_role("radio", name="Infrastructure providers").is_checked()
    assert visible_entries(page) == entries_where(page, "audiences", "infrastructure-provider")
    page.get_by_role("link", name="P1S2 List and prioritise critical services and assets").first.click()
    assert page.url.endswith("resilience-policies/index.html#policy-p1s2") and page.locator("#policy-p1s2").is_visible()


def test_shortlist_and_notes_with_the_keyboard_only(page, origin):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    page.get_by_role("radio", name="City managers").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("radio", name="Infrastructure providers").is_checked(), "arrow keys move through the views"
    page.get_by_label("Search:").focus()
    page.keyboard.type("outage restoration")
    assert visible_entries(page) == ["src-outage-records"]
    box = page.get_by_label("Add to my shortlist: Outage and restoration records of infrastructure providers")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked() and stored(page)["shortlist"] == ["src-outage-records"]
    assert status_says(page, "“Outage and restoration records of infrastructure providers” was added to your shortlist.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # opens "My note"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "oerkit-portal-note-src-outage-records"
    page.keyboard.type("Ask the power utility for its 2024 records.")
    page.keyboard.press("Tab")
    assert status_says(page, "Your note on “Outage and restoration records of infrastructure providers” was saved.")
    assert stored(page)["notes"] == {"src-outage-records": "Ask the power utility for its 2024 records."}
    picked = page.locator(".oerkit-portal-picked li")
    assert picked.count() == 1 and "Ask the power utility" in picked.inner_text()
    page.get_by_role("button", name="Remove from my shortlist: Outage and restoration records of infrastructure providers").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "oerkit-portal-shortlist-title"
    assert stored(page)["shortlist"] == [] and not box.is_checked()
    assert stored(page)["notes"] == {"src-outage-records": "Ask the power utility for its 2024 records."}, "the note stays"


def test_the_shortlist_keeps_notes_prints_alone_and_survives_export_delete_import(page, origin, tmp_path):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    page.get_by_label("Add to my shortlist: ISO 37123: indicators for resilient cities").check()
    page.get_by_label("Add to my shortlist: Census and small-area population statistics").check()
    census = entry(page, "src-census")
    census.locator("summary").click()
    census.get_by_label("My note on Census and small-area population statistics").fill("Check the reference year.\nAsk the GIS team.")
    census.get_by_label("My note on Census and small-area population statistics").blur()
    assert page.get_by_role("link", name="Go to my shortlist (2)").is_visible()
    picked = page.locator(".oerkit-portal-picked li")
    assert picked.evaluate_all("nodes => nodes.map(n => n.dataset.entry)") == ["iso-37123", "src-census"], "in the order added"
    assert "My note: Check the reference year.\nAsk the GIS team." in picked.nth(1).inner_text()

    page.reload(wait_until="networkidle")
    assert stored(page) == {"shortlist": ["iso-37123", "src-census"],
                            "notes": {"src-census": "Check the reference year.\nAsk the GIS team."}}
    assert page.get_by_label("Add to my shortlist: Census and small-area population statistics").is_checked()
    assert census.locator("details").get_attribute("open") is not None, "a note is shown open"

    # a link on the shortlist shows its entry even when the filters hide it
    page.get_by_label("Kind:").select_option(label="Indicator")
    assert not census.is_visible()
    picked.nth(1).get_by_role("link", name="Census and small-area population statistics").click()
    assert census.is_visible() and page.get_by_label("Kind:").input_value() == ""

    # printing: the shortlist with the notes, without the catalogue and the controls
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    page.emulate_media(media="print")
    assert picked.nth(1).is_visible() and "Ask the GIS team." in picked.nth(1).inner_text()
    assert not census.is_visible() and not page.locator(".oerkit-portal-filters").is_visible()
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert not page.locator(".oerkit-data-controls").is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / "mine.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text())["tools"]["portal"]["shortlist"] == ["iso-37123", "src-census"]
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data").click()
    assert "Your shortlist is empty." in page.locator(".oerkit-portal-picked").inner_text()
    assert not page.get_by_label("Add to my shortlist: Census and small-area population statistics").is_checked()
    assert census.locator("textarea").input_value() == ""
    page.emulate_media(media="print")
    assert census.is_visible() and not page.locator(".oerkit-portal-picked").is_visible(), "no shortlist: the catalogue prints"
    page.emulate_media(media="screen")
    page.set_input_files("#oerkit-import-file", str(saved))
    assert status_says(page, "Your data has been imported.")
    assert page.get_by_label("Add to my shortlist: Census and small-area population statistics").is_checked()
    assert census.locator("textarea").input_value() == "Check the reference year.\nAsk the GIS team."
    assert page.locator(".oerkit-portal-picked li").count() == 2


def test_hostile_and_unknown_files_are_refused_and_notes_stay_text(page, origin, tmp_path):
    page.goto(f"{origin}/{PAGE}", wait_until="networkidle")
    page.get_by_label("Add to my shortlist: Open city data").check()
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"version": 1, "tools": {"portal": {"shortlist": ["ind-made-up"]}}}))
    page.set_input_files("#oerkit-import-file", str(unknown))
    assert status_says(page, "The file was not imported: ind-made-up in tools.portal.shortlist is not part of this curriculum.")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "tools": {"portal": {"notes": {"ind-open-data": {"html": "<b>x</b>"}}}}}))
    page.set_input_files("#oerkit-import-file", str(bad))
    assert status_says(page, "the field tools.portal.notes.ind-open-data has a value that is not allowed.")
    assert stored(page)["shortlist"] == ["ind-open-data"], "refused files change nothing"

    markup = tmp_path / "markup.json"
    markup.write_text(json.dumps({"version": 1, "tools": {"portal": {"shortlist": ["ind-open-data"],
                                                                     "notes": {"ind-open-data": "<img src=x onerror=alert(1)>"}}}}))
    page.set_input_files("#oerkit-import-file", str(markup))
    assert status_says(page, "Your data has been imported.")
    note = page.locator(".oerkit-portal-my-note")
    assert "<img src=x onerror=alert(1)>" in note.inner_text() and note.locator("img").count() == 0


def test_the_catalogue_reads_without_javascript_and_is_in_the_site_search(origin):
    with chromium() as browser:
        p = browser.new_context(java_script_enabled=False).new_page()
        p.goto(f"{origin}/{PAGE}", wait_until="networkidle")
        assert "The views, filters, search and shortlist need JavaScript." in p.inner_text("article")
        assert p.locator(".oerkit-portal-entry:visible").count() == p.locator(".oerkit-portal-entry").count() >= 36
        census = p.locator("#portal-src-census")
        assert "Access: open: published for anyone" in census.inner_text() and "Updated: every few years" in census.inner_text()
    with urlopen(f"{origin}/search/search_index.json") as response:
        index = response.read().decode("utf-8")
    assert "Census and small-area population statistics" in index and "Who coordinates resilience?" in index


@pytest.mark.parametrize("lang", ["el", "de"])
def test_translated_pages_search_without_accents_and_are_accessible(page, origin, lang):
    page.goto(f"{origin}/{lang}/{PAGE}", wait_until="networkidle")
    title, query, found, count = {
        "el": ("Πύλη πληροφοριών για την ανθεκτικότητα", "ΑΝΟΙΚΤΑ δεδομενα πολης", ["ind-open-data", "src-city-sensors"], "Καταχωρίσεις που εμφανίζονται: 2 από"),
        "de": ("Resilienz-Informationsportal", "uberwachung OFFENTLICHEN gesundheit", ["src-health-surveillance"], "Angezeigte Einträge: 1 von"),
    }[lang]
    assert page.locator("h1").inner_text().rstrip("¶") == title
    page.locator("#oerkit-portal-search").fill(query)
    assert visible_entries(page) == found
    assert count_text(page).startswith(count)
    if lang == "el":
        page.locator("#oerkit-portal-search").fill("συντονιζει ανθεκτικοτητα")  # Ποιος συντονίζει την ανθεκτικότητα;
        assert visible_entries(page) == ["sc-coordination"]
        page.get_by_role("radio", name="Πολίτες").check()
        assert visible_entries(page) == [], "that question is for city managers"
    page.locator("#oerkit-portal-search").fill("")
    assert axe_violations(page) == []
