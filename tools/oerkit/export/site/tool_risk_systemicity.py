"""The risk systemicity questionnaire page (/tools/risk-systemicity/): risk scenarios as causal chains and
vicious cycles, rated for likelihood by a group in the browser (web/learner/risk-view.mjs).

The scoring is this curriculum's own, inspired by the SMR Risk Systemicity Questionnaire, and the page
publishes it. The systemicity weight of each scenario is computed here, at build time; the browser averages
the answers and scales them (web/learner/risk.mjs)."""

from __future__ import annotations

from ...model import Curriculum, RiskScenario, text
from ...player_data import ui_messages
from .markdown import fmt_number

PREFIXES = ("risk.", "data.", "plan.print")
MAX_LIKELIHOOD = 4   # answers run from 0 to 4 (MAX_LIKELIHOOD in web/learner/risk.mjs)
BASE_FACTORS = 3     # the shortest chain a scenario may have (the schema's minItems)
FACTOR_STEP = 0.25   # weight added for each factor beyond the shortest chain
CYCLE_FACTOR = 1.5   # a vicious cycle weighs more: it does not stop by itself
SPREAD_FLAG = 2      # answers this many points apart are flagged for discussion
TOP_SCENARIOS = 3    # the policies of this many of the riskiest scenarios are listed


def scenario_weight(s: RiskScenario) -> float:
    """w = (1 + FACTOR_STEP × (n − BASE_FACTORS)) × c, c = CYCLE_FACTOR for a vicious cycle, else 1."""
    return (1 + FACTOR_STEP * (len(s.chain) - BASE_FACTORS)) * (CYCLE_FACTOR if s.cycle else 1)


def _risk_json(cur: Curriculum, lang: str) -> dict:
    q = cur.risk
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    factors = {f.id: tx(f.label) for f in q.factors}
    policies = {p.code: p for p in cur.maturity.policies} if cur.maturity else {}

    def policy(code: str) -> dict:
        p = policies.get(code)
        return {"code": code, "title": tx(p.title) if p else "",
                "url": f"../resilience-policies/index.html#policy-{code.lower()}" if p and p.case else None}

    return {
        "maxWeight": max(scenario_weight(s) for s in q.scenarios),
        "themes": [{"id": theme.id, "title": tx(theme.title), "description": tx(theme.description), "scenarios": [
            {"id": s.id, "title": tx(s.title), "description": tx(s.description), "cycle": s.cycle,
             "weight": scenario_weight(s), "factors": [factors.get(f, f) for f in s.chain],
             "policies": [policy(code) for code in s.policies]} for s in theme.scenarios]} for theme in q.themes],
    }


def risk_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    num = lambda v: fmt_number(round(v, 3), lang)  # noqa: E731
    risk = _risk_json(cur, lang)
    data = {"tool": "risk-systemicity", "lang": lang, "storageKey": f"oerkit:{cur.programme.id}",
            "messages": ui_messages(lang, cur.default_language, PREFIXES), "risk": risk,
            "method": {"spreadFlag": SPREAD_FLAG, "top": TOP_SCENARIOS}}
    scale = "; ".join(f"{v} = {t(f'risk.likelihood_{v}')}" for v in range(MAX_LIKELIHOOD + 1))
    method = [
        t("risk.method_scale", max=MAX_LIKELIHOOD, scale=scale),
        t("risk.method_mean", max=MAX_LIKELIHOOD),
        t("risk.method_weight", step=num(FACTOR_STEP), base=BASE_FACTORS, cycle=num(CYCLE_FACTOR)),
        t("risk.method_score", max=MAX_LIKELIHOOD, top_weight=num(risk["maxWeight"])),
        t("risk.method_theme"),
        t("risk.method_awareness"),
        t("risk.method_agreement", spread=SPREAD_FLAG),
        t("risk.method_policies", top=TOP_SCENARIOS),
    ]
    body = "\n".join([
        f"# {t('tools.risk.title')}", "", f"*{t('tools.risk.label')}*", "", t("tools.risk.intro"), "",
        tx(cur.risk.description), "",
        f"## {t('risk.method_title')}", "", t("risk.method_intro"), "", *(f"- {line}" for line in method), "",
        t("tools.privacy"), "",
        '<div id="oerkit-app" class="oerkit-app" markdown="0">',
        f'<noscript><p>{t("tools.noscript")}</p></noscript>', "</div>", ""])
    return {"oerkit_data": data}, body
