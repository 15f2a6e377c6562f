"""One bad fixture per validation rule, asserting the rule's code, the file and the line; and a check
that no rule in the validator is left without such a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import only

MATURITY = "curriculum/tools/maturity-model.yaml"
MATURITY_TEXT = """stages:
  - {id: S, name: {en: Starting}, description: {en: First steps.}}
  - {id: M, name: {en: Moderate}, description: {en: Integrated.}}
dimensions:
  - id: L
    title: {en: Leadership}
    subdimensions:
      - {id: L1, title: {en: Collaboration}}
stakeholders:
  - {id: municipality, name: {en: Municipality}}
policies:
  - {code: L1S1, title: {en: Team}, summary: {en: Set up a team.}, origin: smr, stakeholders: [municipality]}
  - {code: L1M1, title: {en: Integrate}, summary: {en: Integrate plans.}, origin: curriculum}
"""
RISK = "curriculum/tools/risk-systemicity.yaml"
RISK_TEXT = """factors:
  - {id: heat, label: {en: Heat}}
  - {id: demand, label: {en: Demand peaks}}
  - {id: outage, label: {en: Power outage}}
themes:
  - id: climate
    title: {en: Climate}
    scenarios:
      - {id: CC1, title: {en: Heat loop}, chain: [heat, demand, outage], cycle: true, policies: [L1S1]}
      - {id: CC2, title: {en: Heat chain}, chain: [heat, outage, demand], policies: [L1M1]}
"""
DYNAMICS = "curriculum/tools/city-dynamics.yaml"
DYNAMICS_TEXT = """title: {en: Teaching model}
description: {en: Our own small model.}
simulation: {years: 5, steps_per_year: 2, policies_per_year: 2, implementation_years: 1}
stocks:
  resilience: {initial: 20, maximum: 100, erosion: 0.03}
  engagement: {initial: 10, maximum: 100, erosion: 0.08}
  budget: {initial: 5, income: 10}
effects: {foundation_dependence: 0.8, engagement_amplification: 0.5, credibility_income: 0.5, credibility_engagement: 0.3,
          shock_protection: 0.8, shock_damage: 0.2, recovery_share: 0.5}
shocks:
  - {year: 3, magnitude: 10, name: {en: Flood}}
policies:
  - {code: L1S1, cost: 2, upkeep: 0.2, resilience: 7, engagement: 5}
  - {code: L1M1, cost: 4, upkeep: 0.3, resilience: 9, engagement: 3}
"""
PORTAL = "curriculum/tools/information-portal.yaml"
PORTAL_TEXT = """title: {en: Portal}
description: {en: A small catalogue.}
audiences:
  - {id: citizen, name: {en: Citizens}}
topics:
  - {id: risk, name: {en: Risk}}
frameworks:
  - {id: iso-37123, name: {en: ISO 37123}}
essentials:
  - {number: 1, title: {en: Organise}}
entries:
  - {id: guide, kind: resource, title: {en: Guide}, summary: {en: A guide.}, audiences: [citizen], topics: [risk], modules: [A1],
     policies: [L1S1]}
  - {id: exposure, kind: indicator, title: {en: Exposure}, summary: {en: People exposed.}, audiences: [citizen], topics: [risk],
     frameworks: [iso-37123], essentials: [1]}
"""
PROG = "curriculum/programme.yaml"
FW = "curriculum/competences.yaml"
PROFILE = "curriculum/profiles/officer.yaml"
A1 = "modules/A1-first-steps/module.yaml"
A2 = "modules/A2-second-steps/module.yaml"
Q1 = "assessment_quiz/A1.yaml"
Q2 = "assessment_quiz/A2.yaml"

# (rule code, edits as (file, old, new), file the message names, text on the line it names)
CASES = [
    ("activity-outcome-not-taught", [(A1, "    outcomes: [A1-LO1]\nauthors", "    outcomes: [A2-LO1]\nauthors")],
     A1, "    outcomes: [A2-LO1]"),
    ("framework-level-missing", [(FW, '"1": {en: Does it with help.}, "2": {en: Does it alone.}}\n        alignments',
                                  '"1": {en: Does it with help.}}\n        alignments')], FW, "levels: {\"1\": {en: Does it with help.}}"),
    ("framework-level-unknown", [(FW, '"2": {en: Does it alone.}}\n      - id: C2',
                                  '"2": {en: Does it alone.}, "7": {en: Magic.}}\n      - id: C2')], FW, '"7": {en: Magic.}'),
    ("framework-scale-order", [(FW, "  - {level: 2, label: {en: Intermediate}", "  - {level: 1, label: {en: Intermediate}")],
     FW, "scale:"),
    ("lang-name-missing", [(PROG, ", pt: Português}", "}")], PROG, "language_names:"),
    ("markdown-front-matter", [("modules/A1-first-steps/introduction.el.md", "# Εισαγωγή", "---\nsource_hash: [x\n---\n# Εισαγωγή")],
     "modules/A1-first-steps/introduction.el.md", "---"),
    ("markdown-heading-order", [("modules/A1-first-steps/introduction.md", "## What comes next", "### What comes next")],
     "modules/A1-first-steps/introduction.md", "### What comes next"),
    ("module-hours", [(A1, "hours: 2", "hours: 0.25")], A1, "hours: 0.25"),
    ("profile-duplicate-target", [(PROFILE, "{competence: C2,", "{competence: C1,")], PROFILE, "level: 1, criticality: 2"),
    ("profile-missing-target", [(PROFILE, "  - {competence: C2, level: 1, criticality: 2}\n", "")], PROFILE, "targets:"),
    ("programme-module-twice", [(PROG, "modules: [B1]", "modules: [B1, A2]")], PROG, "modules: [B1, A2]"),
    ("quiz-blank-lang", [(Q1, 'stem: {en: "The Sendai Framework runs to [[1]]."}',
                          'stem: {en: "The Sendai Framework runs to [[1]].", el: "Έως το [[1]]."}')], Q1, 'answers: {en: ["2030"]}'),
    ("quiz-duplicate", [("assessment_quiz/A1-more.yaml", None, Path("tests/fixtures/mini/assessment_quiz/A1.yaml")
                         .read_text().replace("A1-Q0", "A1-X0"))], "assessment_quiz/A1.yaml", "module: A1"),
    ("quiz-no-distractor", [(Q2, "{id: c, text: {en: Earthquake}, feedback", "{id: c, text: {en: Earthquake}, correct: true, feedback")],
     Q2, "    options:\n      - {id: a, text: {en: Unemployment}"),
    ("quiz-outcome-not-taught", [(Q1, "outcomes: [A1-LO1]\n    difficulty: easy", "outcomes: [A2-LO1]\n    difficulty: easy")],
     Q1, "outcomes: [A2-LO1]"),
    ("quiz-file-name", [("assessment_quiz/bank-two.yaml", None, Path("tests/fixtures/mini/assessment_quiz/A2.yaml").read_text()),
                        (Q2, "module: A2", "module: A1")], "assessment_quiz/bank-two.yaml", "module: A2"),
    ("ref-area", [(PROG, "competence_area: X", "competence_area: Z")], PROG, "competence_area: Z"),
    ("ref-group", [(A2, "group: A", "group: Z")], A2, "group: Z"),
    ("ref-profile", [(PROG, "profile: officer", "profile: nobody")], PROG, "profile: nobody"),
    ("alignment-no-quiz", [(Q2, "module: A2", "module: A1")], A2, "id: A2"),
    ("file-unknown", [("curriculum/extra.yaml", None, "a: 1\n")], "curriculum/extra.yaml", None),
    ("file-missing", [(PROG, None, None)], PROG, None),
    ("schema-comment", [(A2, "id: A2", "# yaml-language-server: $schema=../../tools/oerkit/schemas/quiz.schema.json\nid: A2")],
     A2, "yaml-language-server"),
    ("termbase-term", [("i18n/terms.yaml", None, "terms:\n  - id: resilience\n    en: resilience\n    el: ανθεκτικότητα\n"),
                       ("curriculum/glossary/core.yaml", "term: {en: Resilience, el: Ανθεκτικότητα}",
                        "term: {en: Resilience, el: Αντοχή}")], "curriculum/glossary/core.yaml", "term: {en: Resilience"),
    ("termbase-format", [("i18n/terms.yaml", None, "terms: 5\n")], "i18n/terms.yaml", None),
    ("module-page-reserved", [(A2, "pages: [checklist.md]", "pages: [checklist.md, quiz.md]"),
                              ("modules/A2-second-steps/quiz.md", None, "# Quiz\n")], A2, "pages: [checklist.md, quiz.md]"),
    ("maturity-policy-code", [(MATURITY, None, MATURITY_TEXT.replace("code: L1M1", "code: L9M1"))], MATURITY, "code: L9M1"),
    ("maturity-stakeholder", [(MATURITY, None, MATURITY_TEXT.replace("stakeholders: [municipality]", "stakeholders: [mayor]"))],
     MATURITY, "code: L1S1"),
    ("maturity-subdimension-id", [(MATURITY, None, MATURITY_TEXT.replace("{id: L1, title", "{id: P1, title"))], MATURITY, "dimensions:"),
    ("risk-factor-unknown", [(MATURITY, None, MATURITY_TEXT), (RISK, None, RISK_TEXT.replace("[heat, outage, demand]", "[heat, outage, demnad]"))],
     RISK, "id: CC2"),
    ("risk-chain-repeat", [(MATURITY, None, MATURITY_TEXT), (RISK, None, RISK_TEXT.replace("[heat, outage, demand]", "[heat, outage, heat]"))],
     RISK, "id: CC2"),
    ("risk-chain-duplicate", [(MATURITY, None, MATURITY_TEXT),
                              (RISK, None, RISK_TEXT.replace("[heat, outage, demand], policies", "[outage, heat, demand], cycle: true, policies"))],
     RISK, "id: CC2"),
    ("risk-policy-unknown", [(MATURITY, None, MATURITY_TEXT), (RISK, None, RISK_TEXT.replace("policies: [L1M1]", "policies: [L1A1]"))],
     RISK, "id: CC2"),
    ("risk-factor-unused", [(MATURITY, None, MATURITY_TEXT), (RISK, None, RISK_TEXT.replace("  - {id: outage", "  - {id: spare, label: {en: Spare}}\n  - {id: outage"))],
     RISK, "id: spare"),
    ("dynamics-policy-unknown", [(MATURITY, None, MATURITY_TEXT), (DYNAMICS, None, DYNAMICS_TEXT.replace("code: L1M1", "code: L1M2"))],
     DYNAMICS, "code: L1M2"),
    ("dynamics-shock-year", [(MATURITY, None, MATURITY_TEXT), (DYNAMICS, None, DYNAMICS_TEXT.replace("year: 3", "year: 7"))],
     DYNAMICS, "year: 7"),
    ("dynamics-initial-range", [(MATURITY, None, MATURITY_TEXT),
                                (DYNAMICS, None, DYNAMICS_TEXT.replace("initial: 20, maximum: 100", "initial: 120, maximum: 100"))],
     DYNAMICS, "initial: 120"),
    ("dynamics-needs-maturity", [(DYNAMICS, None, DYNAMICS_TEXT)], DYNAMICS, "policies:"),
    ("portal-reference", [(MATURITY, None, MATURITY_TEXT), (PORTAL, None, PORTAL_TEXT.replace("topics: [risk],\n     frameworks",
                                                                                           "topics: [risks],\n     frameworks"))],
     PORTAL, "id: exposure"),
    ("portal-policy", [(MATURITY, None, MATURITY_TEXT), (PORTAL, None, PORTAL_TEXT.replace("policies: [L1S1]", "policies: [L1A1]"))],
     PORTAL, "policies: [L1A1]"),
    ("portal-module", [(MATURITY, None, MATURITY_TEXT), (PORTAL, None, PORTAL_TEXT.replace("modules: [A1]", "modules: [Z9]"))],
     PORTAL, "modules: [Z9]"),
    ("schema-pattern", [(A2, 'version: "1.0"', 'version: "v1"')], A2, 'version: "v1"'),
    ("schema-range", [(PROG, "eqf_level: 5", "eqf_level: 9")], PROG, "eqf_level: 9"),
    ("schema-size", [(A2, "pages: [checklist.md]", "pages: []")], A2, "pages: []"),
    ("schema-unique", [(A1, "outcomes: [A1-LO1]\nprerequisites", "outcomes: [A1-LO1, A1-LO1]\nprerequisites")], A1,
     "outcomes: [A1-LO1, A1-LO1]"),
    ("schema-empty", [(A2, "title: {en: Second steps}", 'title: {en: ""}')], A2, 'title: {en: ""}'),
]


@pytest.mark.parametrize("code, edits, file, needle", CASES, ids=[c[0] for c in CASES])
def test_rule(project, code, edits, file, needle):
    for path, old, new in edits:
        if old is None and new is None:
            project.path(path).unlink()
        elif old is None:
            project.write(path, new)
        else:
            project.replace(path, old, new)
    diags = [d for d in project.diagnostics() if d.code == code and d.file == file]
    assert diags, only(project.diagnostics(), code)
    if needle is not None:
        first_line = needle.split("\n")[0]
        assert diags[0].line == project.line_of(file, first_line), diags[0].format_text()
    else:
        assert diags[0].line == 1


# Rules that cannot be reached from a project folder (defensive code): reading a file that exists but
# cannot be read is not something a root test process can arrange.
UNREACHABLE = {"file-unreadable"}


def test_every_rule_has_a_test():
    root = Path(__file__).resolve().parents[2]
    package = root / "tools/oerkit"
    validator = [*(package / "checks").glob("*.py"), package / "load.py", package / "schemas.py", package / "yaml_source.py"]
    source = "\n".join(p.read_text() for p in validator)
    # rule codes: the last argument of report.error/warning calls, and the codes the schema checks yield
    codes = set(re.findall(r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\s*\)', source)) - {"utf-8"}
    codes |= set(re.findall(r'"((?:schema|markdown)-[a-z-]+)"', source))
    tests = "\n".join(p.read_text() for p in (root / "tests").rglob("test_*.py"))
    untested = sorted(c for c in codes - UNREACHABLE if f'"{c}"' not in tests)
    assert untested == []
