"""The city dynamics teaching model's page (/tools/city-dynamics/): the tool itself (dynamics-view.mjs runs the
simulation in dynamics.mjs) and, below it, the model's stocks, rules, equations and every parameter, written from
the same data the script receives, so the page always publishes the values the simulation uses."""

from __future__ import annotations

from ...model import CityDynamics, Curriculum, text
from ...player_data import ui_messages
from .markdown import fmt_number, table

PREFIXES = ("dynamics.", "data.", "plan.print")

# The equations in symbols (the same in every language; the symbols are explained in a table below them).
EQUATIONS = """\
L    = M · k · (1 − p · R / Rmax)
Z    = min(B, r · L)
B   ← B − Z
R   ← R − h · (L + r · L − Z)
A    = 1 + a · (2 · E / Emax − 1)
I    = Y · (1 + κ · E / Emax) + Σ y_i · X_i
U    = Σ u_i
F_i  = Σ_{j ∈ J_i} P_j / |J_i|        (J_i = ∅ ⇒ F_i = 1)
rd_i = 1 − w + w · F_i
ΔP_i = min(dt / T, 1 − P_i)
G_i  = g_i · rd_i · ΔP_i · A · (1 − R / Rmax)
f    = min(1, (B + I · dt) / (U · dt))   (U = 0 ⇒ f = 1)
B   ← B + I · dt − f · U · dt
R   ← R + Σ G_i − δR · R · (2 − f) · dt
E   ← E + Σ [ e_i · rd_i · ΔP_i · (1 − E / Emax) + v · G_i ] − δE · E · dt
P_i ← P_i + ΔP_i
X_i ← X_i + rd_i · ΔP_i"""


def dynamics_json(cur: Curriculum, lang: str) -> dict:
    """The model as the script reads it: parameters in camelCase, policies with their maturity stage and title."""
    d: CityDynamics = cur.dynamics
    m = cur.maturity
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    stage_index = {s.id: i for i, s in enumerate(m.stages)}
    known = {p.code: p for p in m.policies}
    camel = lambda key: key.split("_")[0] + "".join(w.title() for w in key.split("_")[1:])  # noqa: E731
    return {
        "years": d.simulation["years"], "stepsPerYear": d.simulation["steps_per_year"],
        "policiesPerYear": d.simulation["policies_per_year"], "implementationYears": d.simulation["implementation_years"],
        "stocks": {name: {camel(k): v for k, v in stock.items()} for name, stock in d.stocks.items()},
        "effects": {camel(k): v for k, v in d.effects.items()},
        "shocks": [{"year": s.year, "magnitude": s.magnitude, "name": tx(s.name)} for s in d.shocks],
        "stages": [{"id": s.id, "name": tx(s.name)} for s in m.stages],
        "policies": [{"code": p.code, "stage": known[p.code].stage, "stageIndex": stage_index[known[p.code].stage],
                      "subdimension": known[p.code].subdimension, "title": tx(known[p.code].title), "cost": p.cost,
                      "upkeep": p.upkeep, "resilience": p.resilience, "engagement": p.engagement, "income": p.income}
                     for p in d.policies if p.code in known],
    }


def dynamics_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    d = cur.dynamics
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    num = lambda v: fmt_number(v, lang)  # noqa: E731
    model = dynamics_json(cur, lang)
    data = {"tool": "city-dynamics", "lang": lang, "storageKey": f"oerkit:{cur.programme.id}",
            "messages": ui_messages(lang, cur.default_language, PREFIXES), "dynamics": model,
            "policiesUrl": "../resilience-policies/index.html"}
    sim, stocks, fx = d.simulation, d.stocks, d.effects
    stage_names = {s["id"]: f"{s['id']} {s['name']}" for s in model["stages"]}
    stock_rows = [
        [t("dynamics.stock_resilience"), "R", num(stocks["resilience"]["initial"]), f"0 – {num(stocks['resilience']['maximum'])}",
         num(stocks["resilience"]["erosion"])],
        [t("dynamics.stock_engagement"), "E", num(stocks["engagement"]["initial"]), f"0 – {num(stocks['engagement']['maximum'])}",
         num(stocks["engagement"]["erosion"])],
        [t("dynamics.stock_budget"), "B", num(stocks["budget"]["initial"]), "≥ 0", "–"],
    ]
    symbol_rows = [
        ["n", t("dynamics.sym_n"), num(sim["steps_per_year"])],
        ["dt", t("dynamics.sym_dt"), num(1 / sim["steps_per_year"])],
        ["N", t("dynamics.sym_N"), num(sim["policies_per_year"])],
        ["T", t("dynamics.sym_T"), num(sim["implementation_years"])],
        ["Y", t("dynamics.sym_Y"), num(stocks["budget"]["income"])],
        ["Rmax, Emax", t("dynamics.sym_max"), f"{num(stocks['resilience']['maximum'])}, {num(stocks['engagement']['maximum'])}"],
        ["δR, δE", t("dynamics.sym_erosion"), f"{num(stocks['resilience']['erosion'])}, {num(stocks['engagement']['erosion'])}"],
        ["w", t("dynamics.sym_w"), num(fx["foundation_dependence"])],
        ["a", t("dynamics.sym_a"), num(fx["engagement_amplification"])],
        ["κ", t("dynamics.sym_kappa"), num(fx["credibility_income"])],
        ["v", t("dynamics.sym_v"), num(fx["credibility_engagement"])],
        ["p", t("dynamics.sym_p"), num(fx["shock_protection"])],
        ["h", t("dynamics.sym_h"), num(fx["shock_damage"])],
        ["r", t("dynamics.sym_r"), num(fx["recovery_share"])],
        ["k", t("dynamics.sym_k"), num(1)],
        ["J_i", t("dynamics.sym_J"), "–"],
        ["P_i, X_i", t("dynamics.sym_PX"), "0 → 1"],
        ["F_i, rd_i", t("dynamics.sym_F"), "0 – 1"],
        ["A", t("dynamics.sym_A"), f"{num(1 - fx['engagement_amplification'])} – {num(1 + fx['engagement_amplification'])}"],
        ["G_i, I, U, f", t("dynamics.sym_flows"), "–"],
        ["c_i, u_i, g_i, e_i, y_i", t("dynamics.sym_policy"), t("dynamics.see_policies")],
        ["M, L, Z", t("dynamics.sym_shock"), t("dynamics.see_shocks")],
    ]
    policy_rows = [[f"[{p['code']}](../resilience-policies/index.md#policy-{p['code'].lower()}) {p['title']}",
                    stage_names.get(p["stage"], p["stage"]), num(p["cost"]), num(p["upkeep"]), num(p["resilience"]),
                    num(p["engagement"]), num(p["income"])] for p in model["policies"]]
    shock_rows = [[num(s["year"]), s["name"], num(s["magnitude"])] for s in model["shocks"]]
    rule = lambda key, **kw: f"1. {t('dynamics.page_rule_' + key, **kw)}"  # noqa: E731
    body = [
        f"# {t('tools.dynamics.title')}", "", t("tools.dynamics.intro"), "", tx(d.description), "", t("tools.privacy"), "",
        '<div id="oerkit-app" class="oerkit-app" markdown="0">', f'<noscript><p>{t("tools.noscript")}</p></noscript>',
        "</div>", "",
        '<div class="oerkit-dyn-doc" markdown="1">', "",  # the documentation: on screen, not in the printed results
        f"## {t('dynamics.page_model')}", "",
        t("dynamics.page_model_intro", years=num(sim["years"]), dt=num(1 / sim["steps_per_year"])), "",
        f"### {t('dynamics.page_stocks')}", "",
        table([t("dynamics.col_stock"), t("dynamics.col_symbol"), t("dynamics.col_initial"), t("dynamics.col_range"),
               t("dynamics.col_erosion")], stock_rows), "",
        f"### {t('dynamics.page_rules')}", "",
        rule("adopt", per_year=num(sim["policies_per_year"])), rule("readiness"), rule("effects"), rule("credibility"),
        rule("budget"), rule("shocks"), rule("erosion"), "",
        f"### {t('dynamics.page_equations')}", "", t("dynamics.page_equations_intro"), "",
        "```text", EQUATIONS, "```", "",
        table([t("dynamics.col_symbol"), t("dynamics.col_meaning"), t("dynamics.col_value")], symbol_rows), "",
        f"### {t('dynamics.page_policies')}", "", t("dynamics.page_policies_intro"), "",
        table([t("dynamics.col_policy"), t("dynamics.col_stage"), t("dynamics.col_cost"), t("dynamics.col_upkeep"),
               t("dynamics.col_g"), t("dynamics.col_e"), t("dynamics.col_y")], policy_rows), "",
        f"### {t('dynamics.page_shocks')}", "",
        table([t("dynamics.col_year"), t("dynamics.col_shock"), t("dynamics.col_magnitude")], shock_rows), "",
        f"### {t('dynamics.page_why')}", "", t("dynamics.page_why_text"), "",
        f"### {t('dynamics.page_limits')}", "", t("dynamics.page_limits_text"), "", "</div>", "",
    ]
    return {"oerkit_data": data}, "\n".join(body)
