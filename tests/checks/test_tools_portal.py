"""The resilience information portal's catalogue (curriculum/tools/information-portal.yaml): the real file loads,
passes every check, names modules the curriculum has and keeps to its content rules; broken copies of it are
reported with the file, the line and a hint; the page lists every entry as static HTML with the data the script
filters by."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
import yaml

from conftest import REPO, only
from oerkit.export.site.tool_information_portal import portal_page
from oerkit.export.site.toolkit import available
from oerkit.locales import Messages
from oerkit.validate import validate_project

PORTAL = "curriculum/tools/information-portal.yaml"
MATURITY = "curriculum/tools/maturity-model.yaml"
LANGS = {"en", "el", "de", "pt"}
# besides the copy's editor schema line, which cannot resolve outside the repository, and the curriculum's modules,
# which the mini project does not have (a warning each)
EXPECTED_IN_MINI = {"schema-comment", "portal-module"}


@pytest.fixture
def portal_project(project):
    """The mini project with the curriculum's real maturity model and information portal."""
    for rel in (PORTAL, MATURITY):
        project.path(rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, project.path(rel))
    return project


def on_line(project, diag, needle: str) -> None:
    assert diag.file == PORTAL
    assert diag.line == project.line_of(PORTAL, needle), diag.format_text()


def test_the_curriculum_catalogue_loads_and_passes_every_check(portal_project):
    result = validate_project(portal_project.root)
    diags = result.report.sorted()
    assert [d.format_text() for d in diags if (d.file == PORTAL or d.code.startswith("portal-"))
            and d.code not in EXPECTED_IN_MINI] == []
    portal = result.curriculum.portal
    module_warnings = [d for d in diags if d.code == "portal-module"]
    assert len(module_warnings) == sum(len(e.modules) for e in portal.entries)
    assert {d.severity for d in module_warnings} == {"warning"}
    assert 36 <= len(portal.entries) <= 46
    assert {a.id for a in portal.audiences} == {"city-manager", "infrastructure-provider", "citizen"}
    assert {f.id for f in portal.frameworks} == {"iso-37120", "iso-37122", "iso-37123", "undrr-scorecard"}
    assert sorted(portal.essentials) == list(range(1, 11))
    # every view offers every kind of entry, and every framework has several indicators
    for audience in portal.audiences:
        assert set(Counter(e.kind for e in portal.entries if audience.id in e.audiences)) == {"resource", "indicator", "data-source"}
    indicators = Counter(f for e in portal.entries if e.kind == "indicator" for f in e.frameworks)
    assert min(indicators[f.id] for f in portal.frameworks) >= 3
    texts = [portal.title, portal.description, *portal.essentials.values(),
             *(t for c in [*portal.audiences, *portal.topics, *portal.frameworks] for t in (c.name, c.description) if t),
             *(t for e in portal.entries for t in (e.title, e.summary))]
    assert all(set(t) == LANGS for t in texts), "every text in en, el, de and pt"


def test_every_module_an_entry_names_is_a_module_of_the_curriculum():
    modules = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in REPO.glob("modules/*/module.yaml")}
    entries = yaml.safe_load((REPO / PORTAL).read_text(encoding="utf-8"))["entries"]
    assert all(e.get("modules") for e in entries), "every entry points to where the curriculum treats its subject"
    assert {m for e in entries for m in e["modules"]} <= modules


def test_indicators_are_described_as_kinds_and_no_entry_links_to_other_hosts(portal_project):
    """Content integrity: an indicator entry describes the kind of indicator a framework covers, in the curriculum's
    words, and names that framework; it never passes itself off as an official indicator. The site is checked
    offline, so entries hold no web addresses."""
    portal = validate_project(portal_project.root).curriculum.portal
    label = {"iso-37120": "ISO 37120", "iso-37122": "ISO 37122", "iso-37123": "ISO 37123", "undrr-scorecard": "Scorecard"}
    for e in portal.entries:
        if e.kind == "indicator":
            summary = e.summary["en"]
            assert "of the kind" in summary, e.id
            assert all(label[f] in summary for f in e.frameworks), e.id
        for text in (*e.title.values(), *e.summary.values()):
            assert not re.search(r"https?:|www\.", text), e.id


def test_undeclared_audiences_topics_frameworks_contributors_and_essentials(portal_project):
    p = portal_project
    p.replace(PORTAL, "    topics: [governance, data-digital]\n    modules: [P2, R2, R3]",
              "    topics: [governance, data-digitl]\n    modules: [P2, R2, R3]")
    p.replace(PORTAL, "    audiences: [citizen]\n", "    audiences: [citizens]\n")
    p.replace(PORTAL, "    frameworks: [iso-37122]\n    modules: [P2, P1]", "    frameworks: [iso-3712]\n    modules: [P2, P1]")
    p.replace(PORTAL, "    contributors: [citizen]\n", "    contributors: [residents]\n")
    p.write(PORTAL, re.sub(r"  - number: 10\n    title: .*\n", "", p.path(PORTAL).read_text(encoding="utf-8")))
    diags = only(p.diagnostics(), "portal-reference")
    by_value = {m.group(1): d for d in diags if (m := re.search(r"names \w+ '([^']+)'", d.message))}
    on_line(p, by_value["data-digitl"], "topics: [governance, data-digitl]")
    assert "did you mean 'data-digital'" in by_value["data-digitl"].message
    on_line(p, by_value["citizens"], "audiences: [citizens]")
    assert "not declared under 'audiences'" in by_value["citizens"].message
    on_line(p, by_value["iso-3712"], "frameworks: [iso-3712]")
    assert "known: " in by_value["iso-3712"].message and "iso-37123" in by_value["iso-3712"].message
    on_line(p, by_value["residents"], "contributors: [residents]")
    assert "names contributor 'residents', which is not declared under 'audiences'" in by_value["residents"].message
    essentials = [d for d in diags if "Essential 10" in d.message]
    named_ten = [e for e in validate_project(p.root).curriculum.portal.entries if 10 in e.essentials]
    assert len(essentials) == len(named_ten) >= 3
    assert {d.line for d in essentials} >= {p.line_of(PORTAL, "essentials: [9, 10]")}


def test_unknown_policy_codes_and_a_missing_maturity_model(portal_project):
    p = portal_project
    p.replace(PORTAL, "policies: [L3M1, C1A1]", "policies: [L3M1, C1A9]")
    d = only(p.diagnostics(), "portal-policy")[0]
    on_line(p, d, "policies: [L3M1, C1A9]")
    assert "'C1A9'" in d.message and "curriculum/tools/maturity-model.yaml" in d.message and "did you mean" in d.message
    p.path(MATURITY).unlink()
    missing = only(p.diagnostics(), "portal-policy")
    assert len(missing) == sum(len(e.policies) for e in validate_project(p.root).curriculum.portal.entries)
    assert "no valid curriculum/tools/maturity-model.yaml" in missing[0].message


def test_a_module_the_project_lacks_is_a_warning_with_a_hint(portal_project):
    p = portal_project
    p.replace(PORTAL, "modules: [P2, R2, R3]", "modules: [A1, A11]")
    on_that_line = [d for d in p.diagnostics() if d.line == p.line_of(PORTAL, "modules: [A1, A11]")]
    assert [(d.code, d.severity) for d in on_that_line] == [("portal-module", "warning")], "A1 exists; A11 does not"
    assert "'A11'" in on_that_line[0].message and "did you mean 'A1'" in on_that_line[0].message
    assert "published without the link" in on_that_line[0].message


def test_duplicate_ids_are_reported_where_they_are_repeated(portal_project):
    p = portal_project
    p.replace(PORTAL, "  - id: ind-housing\n", "  - id: ind-unemployment\n")
    p.replace(PORTAL, "  - id: health\n", "  - id: recovery\n")
    lines = p.path(PORTAL).read_text(encoding="utf-8").splitlines()
    occurrences = lambda needle: [i for i, line in enumerate(lines, 1) if line.strip() == needle]  # noqa: E731
    dupes = only(p.diagnostics(), "id-duplicate")
    entry = next(d for d in dupes if "'ind-unemployment'" in d.message)
    first, second = occurrences("- id: ind-unemployment")
    assert (entry.file, entry.line) == (PORTAL, second) and f"already defined at line {first}" in entry.message
    topic = next(d for d in dupes if "'recovery' in topics" in d.message)
    assert topic.line == occurrences("- id: recovery")[1], "the later of the two topics"


def test_the_schema_keeps_indicators_and_data_sources_complete(portal_project):
    p = portal_project
    p.replace(PORTAL, "    frameworks: [undrr-scorecard]\n    essentials: [5]\n", "    essentials: [5]\n")
    p.replace(PORTAL, "    access: open\n    updated: event\n", "    updated: event\n")
    p.replace(PORTAL, "    modules: [R4]\n", "    modules: [R4]\n    access: open\n")
    p.replace(PORTAL, "kind: indicator\n    title:\n      en: \"Housing conditions\"", "kind: indicators\n    title:\n      en: \"Housing conditions\"")
    diags = p.diagnostics()
    required = only(diags, "schema-required")
    assert any("frameworks" in d.message for d in required) and any("access" in d.message for d in required)
    assert all(d.file == PORTAL for d in required)
    on_line(p, only(diags, "schema-field-not-allowed")[0], "access: open")  # the resource's, the first in the file
    on_line(p, only(diags, "schema-enum")[0], "kind: indicators")


def test_the_page_lists_every_entry_with_the_data_the_script_filters_by(portal_project):
    p = portal_project
    p.replace(PORTAL, "modules: [P2, R2, R3]", "modules: [A1, R2]")  # the mini project's module A1 is linked
    cur = validate_project(p.root).curriculum
    assert "information-portal" in available(cur)
    meta, body = portal_page(cur, "en", Messages("en"))
    data = meta["oerkit_data"]
    assert (data["tool"], data["storageKey"]) == ("information-portal", "oerkit:mini")
    assert {"portal.count", "data.download", "data.import_refused", "plan.print"} <= set(data["messages"])
    assert [e["id"] for e in data["portal"]["entries"]] == [e.id for e in cur.portal.entries]
    for e in cur.portal.entries:
        assert body.count(f'id="portal-{e.id}"') == 1
    reports = re.search(r'<section class="oerkit-portal-entry" ([^>]*id="portal-src-citizen-reports"[^>]*)>', body).group(1)
    assert 'data-kind="data-source"' in reports and 'data-audiences="citizen city-manager"' in reports
    assert 'data-topics="preparedness-response data-digital"' in reports and 'data-modules=""' in reports
    section = body.split('id="portal-src-citizen-reports"')[1].split("</section>")[0]
    assert "**Access:** open: published for anyone" in section and "**Contributed by:** Citizens" in section
    assert "[C1A1 Involve citizens in co-creating resilience](../resilience-policies/index.md#policy-c1a1)" in section
    # only modules the project has are linked and offered in the module filter
    assert data["portal"]["modules"] == [{"id": "A1", "name": "A1 First steps"}]
    assert body.count("../../modules/") == 1 and "[A1 First steps](../../modules/A1-first-steps/index.md)" in body
    assert 'data-modules="A1"' in body
    # Essentials: the scorecard covers all ten; other entries list theirs; all ten are described once
    scorecard = body.split('id="portal-undrr-scorecard"')[1].split("</section>")[0]
    assert "**Ten Essentials:** all ten" in scorecard
    assert "    - 9 Ensure effective disaster response" in body.split('id="portal-sc-response-recovery"')[1]
    assert "## Frameworks and instruments" in body and "10. Expedite recovery and build back better" in body
    assert body.index('id="oerkit-app"') < body.index('id="portal-cwa-17302"') < body.index('id="oerkit-portal-shortlist"')


def test_the_page_in_greek(portal_project):
    cur = validate_project(portal_project.root).curriculum
    meta, body = portal_page(cur, "el", Messages("el", "en"))
    assert body.startswith("# Πύλη πληροφοριών για την ανθεκτικότητα")
    assert "## Υλικό αναφοράς" in body and "## Πηγές δεδομένων" in body
    assert "**Για:** Πολίτες, Στελέχη διοίκησης της πόλης" in body.split('id="portal-src-citizen-reports"')[1]
    data = meta["oerkit_data"]["portal"]
    assert data["kinds"][0] == {"id": "resource", "name": "Υλικό αναφοράς"}
    assert data["audiences"][2]["name"] == "Πολίτες"
    assert meta["oerkit_data"]["messages"]["portal.search"] == "Αναζήτηση:"
