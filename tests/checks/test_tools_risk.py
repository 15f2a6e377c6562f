"""The risk systemicity questionnaire's data (curriculum/tools/risk-systemicity.yaml): the real file loads and
passes every check; broken copies of it are reported with the file, the line and a hint; the page publishes the
scoring method with the numbers the tool uses."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import REPO, only
from oerkit.export.site.tool_risk_systemicity import (BASE_FACTORS, CYCLE_FACTOR, FACTOR_STEP, risk_page,
                                                      scenario_weight)
from oerkit.locales import Messages
from oerkit.validate import validate_project

RISK = "curriculum/tools/risk-systemicity.yaml"
MATURITY = "curriculum/tools/maturity-model.yaml"


@pytest.fixture
def risk_project(project):
    """The mini project with the curriculum's real maturity model and risk questionnaire."""
    for rel in (RISK, MATURITY):
        project.path(rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, project.path(rel))
    return project


def on_line(project, diag, needle: str) -> None:
    assert diag.file == RISK
    assert diag.line == project.line_of(RISK, needle), diag.format_text()


def test_the_curriculum_questionnaire_loads_and_passes_every_check(risk_project):
    result = validate_project(risk_project.root)
    # (the editor's schema line cannot resolve from a copy outside the repository: not a problem of the data)
    mine = [d for d in result.report.sorted() if (d.file == RISK or d.code.startswith("risk-")) and d.code != "schema-comment"]
    assert mine == []
    risk = result.curriculum.risk
    assert len(risk.themes) >= 3 and 12 <= len(risk.scenarios) <= 16
    assert {"critical-infrastructure", "climate-change", "social-dynamics"} <= {t.id for t in risk.themes}
    assert any(s.cycle for s in risk.scenarios) and any(not s.cycle for s in risk.scenarios)
    codes = {p.code for p in result.curriculum.maturity.policies}
    for s in risk.scenarios:
        assert 3 <= len(s.chain) <= 6 and s.policies and set(s.policies) <= codes
        for text in (s.title, *(f.label for f in risk.factors if f.id in s.chain)):
            assert set(text) == {"en", "el", "de", "pt"}, s.id


def test_a_chain_names_an_unknown_factor(risk_project):
    risk_project.replace(RISK, "chain: [urban-heat, cooling-demand, waste-heat]", "chain: [urban-heat, cooling-demnad, waste-heat]")
    d = only(risk_project.diagnostics(), "risk-factor-unknown")[0]
    on_line(risk_project, d, "chain: [urban-heat, cooling-demnad")
    assert "'cooling-demnad'" in d.message and "did you mean 'cooling-demand'" in d.message


def test_a_cycle_written_by_repeating_the_first_factor_gets_a_hint(risk_project):
    risk_project.replace(RISK, "chain: [maintenance-postponed, asset-failures, emergency-repairs]\n        cycle: true",
                         "chain: [maintenance-postponed, asset-failures, emergency-repairs, maintenance-postponed]")
    d = only(risk_project.diagnostics(), "risk-chain-repeat")[0]
    on_line(risk_project, d, "emergency-repairs, maintenance-postponed]")
    assert "twice" in d.message and "cycle: true" in d.message


def test_the_same_cycle_from_another_starting_factor_is_a_duplicate(risk_project):
    risk_project.replace(RISK, "chain: [job-losses, incomes-fall, shops-close, neighbourhood-decline]",
                         "chain: [shops-close, neighbourhood-decline, job-losses, incomes-fall]")
    risk_project.replace(RISK, "chain: [false-information, trust-falls, warnings-ignored, avoidable-harm]",
                         "chain: [job-losses, incomes-fall, shops-close, neighbourhood-decline]")
    d = only(risk_project.diagnostics(), "risk-chain-duplicate")[0]
    on_line(risk_project, d, "chain: [job-losses, incomes-fall")
    assert "'SD2'" in d.message and "'SD1'" in d.message


def test_unknown_policy_codes_and_a_missing_maturity_model(risk_project):
    risk_project.replace(RISK, "policies: [P1S2, I1A1, I2A1]", "policies: [P1S2, I1A9, I2A1]")
    d = only(risk_project.diagnostics(), "risk-policy-unknown")[0]
    on_line(risk_project, d, "policies: [P1S2, I1A9")
    assert "'I1A9'" in d.message and "did you mean" in d.message
    risk_project.path(MATURITY).unlink()
    missing = only(risk_project.diagnostics(), "risk-policy-unknown")
    assert len(missing) == sum(len(s.policies) for s in validate_project(risk_project.root).curriculum.risk.scenarios)
    assert "no valid curriculum/tools/maturity-model.yaml" in missing[0].message


def test_duplicate_ids_and_unused_factors(risk_project):
    risk_project.replace(RISK, "      - id: CC2\n", "      - id: CC1\n")
    risk_project.replace(RISK, "  - id: waste-heat\n", "  - id: spare\n    label: {en: Spare}\n  - id: urban-heat\n")
    lines = risk_project.path(RISK).read_text(encoding="utf-8").splitlines()
    second = lambda needle: [i for i, line in enumerate(lines, 1) if line.strip() == needle][1]  # noqa: E731
    dupes = only(risk_project.diagnostics(), "id-duplicate")
    scenario = next(d for d in dupes if "'CC1'" in d.message)
    assert scenario.file == RISK and scenario.line == second("- id: CC1")
    factor = next(d for d in dupes if "factor id 'urban-heat'" in d.message)
    assert factor.line == second("- id: urban-heat")
    unused = only(risk_project.diagnostics(), "risk-factor-unused")
    assert [(d.line, d.severity) for d in unused] == [(risk_project.line_of(RISK, "- id: spare"), "warning")]
    assert "'spare'" in unused[0].message


def test_the_schema_refuses_short_chains_and_misspelt_fields(risk_project):
    risk_project.replace(RISK, "chain: [power-outage, fuel-supply-stops, backup-power-fails]",
                         "chain: [power-outage, fuel-supply-stops]")
    risk_project.replace(RISK, "        chain: [urban-heat, cooling-demand, waste-heat]\n        cycle: true",
                         "        chain: [urban-heat, cooling-demand, waste-heat]\n        cycles: true")
    diags = risk_project.diagnostics()
    short = only(diags, "schema-size")[0]
    on_line(risk_project, short, "chain: [power-outage, fuel-supply-stops]")
    unknown = only(diags, "schema-unknown-field")[0]
    on_line(risk_project, unknown, "cycles: true")
    assert "did you mean 'cycle'" in unknown.message


def test_scenario_weights_follow_the_published_formula(risk_project):
    risk = validate_project(risk_project.root).curriculum.risk
    weights = {s.id: scenario_weight(s) for s in risk.scenarios}
    for s in risk.scenarios:
        assert weights[s.id] == pytest.approx((1 + FACTOR_STEP * (len(s.chain) - BASE_FACTORS)) * (CYCLE_FACTOR if s.cycle else 1))
    short_chain = next(s for s in risk.scenarios if not s.cycle and len(s.chain) == 4)
    short_cycle = next(s for s in risk.scenarios if s.cycle and len(s.chain) == 4)
    assert weights[short_cycle.id] > weights[short_chain.id], "a vicious cycle weighs more than a chain of the same length"


def test_the_page_publishes_the_method_and_labels_the_tool_inspired_by_smr(risk_project):
    cur = validate_project(risk_project.root).curriculum
    meta, body = risk_page(cur, "en", Messages("en"))
    data = meta["oerkit_data"]
    assert "Inspired by the Risk Systemicity Questionnaire of the SMR project" in body
    assert "R = 100 × (m / 4) × (w / W)" in body and "W = 1.875" in body
    assert "w = (1 + 0.25 × (n − 3)) × c" in body and "c = 1.5 for a vicious cycle" in body
    assert data["risk"]["maxWeight"] == max(scenario_weight(s) for s in cur.risk.scenarios)
    ci1 = data["risk"]["themes"][0]["scenarios"][0]
    assert ci1["factors"][0] == "Maintenance of ageing assets is postponed" and ci1["cycle"] is True
    linked = {p["code"]: p["url"] for t in data["risk"]["themes"] for s in t["scenarios"] for p in s["policies"]}
    assert linked["P1S2"] == "../resilience-policies/index.html#policy-p1s2", "a policy with a case links to it"
    assert linked["I1A1"] is None, "a policy without a case is named, not linked"
    assert json.dumps(data, ensure_ascii=False).count("risk.likelihood_") == 5, "the answer labels go to the script"
    el_meta, el_body = risk_page(cur, "el", Messages("el"))
    assert "W = 1,875" in el_body and "Εμπνευσμένο από" in el_body
    assert el_meta["oerkit_data"]["risk"]["themes"][0]["title"] == "Υποδομές ζωτικής σημασίας"
