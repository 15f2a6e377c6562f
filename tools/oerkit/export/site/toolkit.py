"""The resilience toolkit pages under /tools/<name>/. Each tool is one entry of TOOLS: its name, the function
that writes its page (front matter for the player data, Markdown body) and whether the curriculum has the data
it needs (curriculum/tools/*.yaml); a tool without data gets no page, no navigation entry and no links.

The maturity model (an interactive self-positioning tool) and the policy portfolio (static case pages with a
client-side filter) are written here; the other tools each have their own module tool_<name>.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...model import Curriculum, text
from ...player_data import ui_messages
from .markdown import esc
from .tool_city_dynamics import dynamics_page
from .tool_information_portal import portal_page
from .tool_risk_systemicity import risk_page

TOOL_PREFIXES = ("maturity.", "policies.", "data.", "plan.print")


@dataclass(frozen=True)
class Tool:
    name: str                                             # the page is tools/<name>/index.md
    page: Callable[[Curriculum, str, Callable], tuple[dict, str]]  # (cur, lang, t) -> (front matter, body)
    has_data: Callable[[Curriculum], bool]


def available(cur: Curriculum) -> dict[str, str]:
    """Tool name -> page, for the tools whose data the curriculum has, in toolkit order."""
    return {tool.name: f"tools/{tool.name}/index.md" for tool in TOOLS if tool.has_data(cur)}


def _model_json(cur: Curriculum, lang: str) -> dict:
    m = cur.maturity
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    return {
        "stages": [{"id": s.id, "name": tx(s.name)} for s in m.stages],
        "dimensions": [{"id": d, "title": tx(title), "subdimensions": [{"id": s.id, "title": tx(s.title)} for s in subs]}
                       for d, title, subs in m.dimensions],
        "subdimensions": [{"id": s.id, "title": tx(s.title)} for s in m.subdimensions],
        "policies": [{"code": p.code, "subdimension": p.subdimension, "stage": p.stage, "title": tx(p.title),
                      "summary": tx(p.summary), "origin": p.origin, "stakeholders": p.stakeholders,
                      "hasCase": p.case is not None} for p in m.policies],
    }


def maturity_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    m = cur.maturity
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    data = {"tool": "maturity-model", "lang": lang, "storageKey": f"oerkit:{cur.programme.id}",
            "messages": ui_messages(lang, cur.default_language, TOOL_PREFIXES), "maturity": _model_json(cur, lang),
            "policiesUrl": "../resilience-policies/index.html"}
    stages = "\n".join(f"- **{s.id} {tx(s.name)}**: {tx(s.description)}" for s in m.stages)
    body = "\n".join([f"# {t('tools.maturity.title')}", "", tx(m.description), "", f"## {t('maturity.stages')}", "",
                      stages, "", t("tools.privacy"), "",
                      '<div id="oerkit-app" class="oerkit-app" markdown="0">',
                      f'<noscript><p>{t("tools.noscript")}</p></noscript>', "</div>", ""])
    return {"oerkit_data": data}, body


def policies_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    m = cur.maturity
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    stage_names = {s.id: tx(s.name) for s in m.stages}
    sub_titles = {s.id: tx(s.title) for s in m.subdimensions}
    data = {"tool": "resilience-policies", "lang": lang, "messages": ui_messages(lang, cur.default_language, TOOL_PREFIXES),
            "dimensions": [{"id": d, "name": f"{d} {tx(title)}"} for d, title, _ in m.dimensions],
            "stages": [{"id": s.id, "name": f"{s.id} {tx(s.name)}"} for s in m.stages],
            "stakeholders": [{"id": k, "name": tx(v)} for k, v in m.stakeholders.items()]}
    out = [f"# {t('tools.policies.title')}", "", t("tools.policies.intro"), "",
           '<div id="oerkit-app" class="oerkit-app" markdown="0"></div>', ""]
    for p in sorted(m.policies, key=lambda p: (p.subdimension, [s.id for s in m.stages].index(p.stage), p.code)):
        who = ", ".join(tx(m.stakeholders.get(s, {s: s})) for s in p.stakeholders)
        origin = t("maturity.origin_smr") if p.origin == "smr" else t("maturity.origin_curriculum")
        out += [f'<section class="oerkit-policy" id="policy-{p.code.lower()}" data-dimension="{p.subdimension[0]}" '
                f'data-stage="{p.stage}" data-stakeholders="{esc(" ".join(p.stakeholders))}" markdown="1">', "",
                f"## {p.code} {tx(p.title)}", "",
                f"*{p.subdimension} {sub_titles.get(p.subdimension, '')} · {stage_names.get(p.stage, p.stage)} · {origin}*", "",
                tx(p.summary), ""]
        if who:
            out += [f"{t('policies.stakeholders')}: {who}", ""]
        if p.case:
            if p.case.fictional:
                out += [f"*{t('policies.fictional')}*", ""]
            for key in ("context", "goals", "challenges", "resources", "outcomes"):
                out += [f"**{t('policies.case_' + key)}.** {tx(getattr(p.case, key))}", ""]
        out += ["</section>", ""]
    return {"oerkit_data": data}, "\n".join(out)


TOOLS: list[Tool] = [
    Tool("maturity-model", maturity_page, lambda cur: cur.maturity is not None),
    Tool("resilience-policies", policies_page, lambda cur: cur.maturity is not None),
    Tool("risk-systemicity", risk_page, lambda cur: cur.risk is not None),
    Tool("city-dynamics", dynamics_page, lambda cur: cur.dynamics is not None and cur.maturity is not None),
    Tool("information-portal", portal_page, lambda cur: cur.portal is not None),
]
