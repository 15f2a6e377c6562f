"""The city dynamics teaching model's data (curriculum/tools/city-dynamics.yaml): the real file loads and passes
every check; broken copies are reported with the file, the line and a hint; the page publishes the equations with
the values the simulation uses; and with the real numbers, the maturity order pays off."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO, only
from oerkit.export.site.tool_city_dynamics import dynamics_json, dynamics_page
from oerkit.locales import Messages
from oerkit.validate import validate_project

DYNAMICS = "curriculum/tools/city-dynamics.yaml"
MATURITY = "curriculum/tools/maturity-model.yaml"
SCRIPT = REPO / "tools/oerkit/web/learner/dynamics.mjs"


@pytest.fixture
def dyn_project(project):
    """The mini project with the curriculum's real maturity model and city dynamics model."""
    for rel in (DYNAMICS, MATURITY):
        project.path(rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, project.path(rel))
    return project


def on_line(project, diag, needle: str) -> None:
    assert diag.file == DYNAMICS
    assert diag.line == project.line_of(DYNAMICS, needle), diag.format_text()


def test_the_curriculum_model_loads_and_passes_every_check(dyn_project):
    result = validate_project(dyn_project.root)
    # (the editor's schema line cannot resolve from a copy outside the repository: not a problem of the data)
    mine = [d for d in result.report.sorted() if (d.file == DYNAMICS or d.code.startswith("dynamics-")) and d.code != "schema-comment"]
    assert mine == []
    model, maturity = result.curriculum.dynamics, result.curriculum.maturity
    assert 10 <= len(model.policies) <= 20 and model.simulation["years"] >= 10
    stages = {p.code: p.stage for p in maturity.policies}
    assert {stages[p.code] for p in model.policies} == {s.id for s in maturity.stages}, "policies from every stage"
    assert any(p.income > 0 for p in model.policies) and len(model.shocks) >= 3
    for text in (model.title, model.description, *(s.name for s in model.shocks)):
        assert set(text) == {"en", "el", "de", "pt"}
    assert "not SMR's model" in model.description["en"]


def test_an_unknown_policy_code_is_reported_with_a_hint(dyn_project):
    dyn_project.replace(DYNAMICS, "{code: P1A1, cost: 6", "{code: P1A7, cost: 6")
    d = only(dyn_project.diagnostics(), "dynamics-policy-unknown")[0]
    on_line(dyn_project, d, "{code: P1A7")
    assert "'P1A7' is not in the maturity model" in d.message and "did you mean 'P1A1'" in d.message


def test_a_policy_listed_twice_and_a_shock_after_the_last_year(dyn_project):
    dyn_project.replace(DYNAMICS, "{code: L4M1, cost: 4", "{code: P1M1, cost: 4")
    dyn_project.replace(DYNAMICS, "  - year: 11\n", "  - year: 14\n")
    diags = dyn_project.diagnostics()
    twice = [d for d in only(diags, "id-duplicate") if d.file == DYNAMICS]
    assert len(twice) == 1 and "'P1M1' is listed twice" in twice[0].message
    on_line(dyn_project, twice[0], "{code: P1M1, cost: 4, upkeep: 0.3, resilience: 8")
    late = only(diags, "dynamics-shock-year")[0]
    on_line(dyn_project, late, "year: 14")
    assert "simulation.years is 12" in late.message


def test_a_stock_that_starts_above_its_maximum_and_a_missing_maturity_model(dyn_project):
    dyn_project.replace(DYNAMICS, "engagement: {initial: 15, maximum: 100", "engagement: {initial: 150, maximum: 100")
    d = only(dyn_project.diagnostics(), "dynamics-initial-range")[0]
    on_line(dyn_project, d, "engagement: {initial: 150")
    assert "starts at 150, above its maximum 100" in d.message
    dyn_project.path(MATURITY).unlink()
    d = only(dyn_project.diagnostics(), "dynamics-needs-maturity")[0]
    on_line(dyn_project, d, "policies:")


def test_the_schema_refuses_numbers_out_of_range_and_misspelt_fields(dyn_project):
    dyn_project.replace(DYNAMICS, "resilience: {initial: 25, maximum: 100, erosion: 0.03}",
                        "resilience: {initial: 25, maximum: 100, erosion: 1.5}")
    dyn_project.replace(DYNAMICS, "{code: C1S1, cost: 2, upkeep: 0.2", "{code: C1S1, cost: -2, upkeep: 0.2")
    dyn_project.replace(DYNAMICS, "  shock_damage: 0.2", "  shock_damages: 0.2")
    diags = dyn_project.diagnostics()
    ranges = only(diags, "schema-range")
    assert sorted(d.line for d in ranges) == sorted([dyn_project.line_of(DYNAMICS, "erosion: 1.5"),
                                                     dyn_project.line_of(DYNAMICS, "cost: -2")])
    unknown = only(diags, "schema-unknown-field")[0]
    on_line(dyn_project, unknown, "shock_damages: 0.2")
    assert "did you mean 'shock_damage'" in unknown.message
    proc = dyn_project.oerkit("validate")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{DYNAMICS}:{dyn_project.line_of(DYNAMICS, 'cost: -2')}:" in proc.stdout


def test_the_page_publishes_the_equations_with_the_values_of_the_data(dyn_project):
    dyn_project.replace(DYNAMICS, "engagement: {initial: 15, maximum: 100, erosion: 0.08}",
                        "engagement: {initial: 15, maximum: 100, erosion: 0.07}")
    cur = validate_project(dyn_project.root).curriculum
    meta, body = dynamics_page(cur, "en", Messages("en"))
    data = meta["oerkit_data"]
    assert data["tool"] == "city-dynamics" and data["storageKey"] == "oerkit:mini"
    assert {"dynamics.yours", "data.download", "plan.print"} <= set(data["messages"])
    assert data["dynamics"]["stocks"]["engagement"] == {"initial": 15, "maximum": 100, "erosion": 0.07}
    assert data["dynamics"]["effects"]["foundationDependence"] == 0.8
    assert "| Stakeholder engagement | E | 15 | 0 – 100 | 0.07 |" in body
    assert "rd_i = 1 − w + w · F_i" in body and "L    = M · k · (1 − p · R / Rmax)" in body
    assert "| w | Foundation dependence" in body and "| 0.8 |" in body
    for p in cur.dynamics.policies:
        assert f"[{p.code}](../resilience-policies/index.md#policy-{p.code.lower()})" in body
    assert "| 9 | Cyber attack on the water utility | 25 |" in body
    assert "not SMR's model" in body and Messages("en")("tools.privacy") in body and 'id="oerkit-app"' in body
    de_meta, de_body = dynamics_page(cur, "de", Messages("de"))
    assert "| Einbeziehung der Interessenträger | E | 15 | 0 – 100 | 0,07 |" in de_body
    assert de_meta["oerkit_data"]["dynamics"]["shocks"][0]["name"] == "Flusshochwasser"
    assert de_meta["oerkit_data"]["messages"]["dynamics.yours"] == "Ihr Plan"


def test_with_the_real_numbers_the_maturity_order_pays_off(dyn_project):
    """The curriculum's numbers tell the story: every policy in maturity order ends with more resilience and fewer
    losses than the same policies reversed or shuffled; keeping the money in reserve loses the most."""
    model = dynamics_json(validate_project(dyn_project.root).curriculum, "en")
    script = f"""
import {{ simulate, maturityOrder, outOfOrder }} from {json.dumps(SCRIPT.as_uri())};
import {{ seededShuffle }} from {json.dumps((SCRIPT.parent / "dom.mjs").as_uri())};
const model = {json.dumps(model)};
const all = model.policies.map((p) => p.code);
const run = (plan) => simulate(model, plan).totals;
const shuffles = [];
for (let i = 0; i < 30; i += 1) {{
  const plan = seededShuffle(all, "real-" + i);
  if (outOfOrder(model, plan).length) shuffles.push([run(maturityOrder(model, plan)), run(plan)]);
}}
console.log(JSON.stringify({{ ordered: run(all), reversed: run([...all].reverse()), none: run([]), shuffles }}));
"""
    proc = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    ordered, reversed_, none = out["ordered"], out["reversed"], out["none"]
    assert ordered["resilience"] > reversed_["resilience"] + 15 and ordered["losses"] < reversed_["losses"] - 10
    assert ordered["meanReadiness"] > 0.9 > 0.5 > reversed_["meanReadiness"]
    assert none["losses"] > ordered["losses"] and none["resilience"] < ordered["resilience"] / 3
    assert len(out["shuffles"]) >= 25
    for sorted_, shuffled in out["shuffles"]:
        assert sorted_["resilience"] > shuffled["resilience"] and sorted_["losses"] < shuffled["losses"]
