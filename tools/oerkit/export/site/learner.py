"""The learner tools on the site: their pages and the data each page embeds.

The tools' logic is in oerkit/web/learner/*.mjs (ES modules, tested with Node), bundled by web_bundle.
"""

from __future__ import annotations

from ...model import Curriculum, text
from ...player_data import item_json, ui_messages

TOOL_PREFIXES = ("quiz.", "assess.", "plan.", "data.")
CHECK_TYPES = ("single", "truefalse", "multiple")
CHECKS_PER_COMPETENCE = 2
MODALITIES = ("reading", "case", "collaborative", "project", "simulation")


def messages(lang: str, default: str) -> dict[str, str]:
    return ui_messages(lang, default, TOOL_PREFIXES)


def knowledge_checks(cur: Curriculum, lang: str) -> dict[str, list[dict]]:
    """A few quiz items per competence, each from a different module, the same every build."""
    default = cur.default_language
    checks: dict[str, list[dict]] = {}
    for cid in cur.competences:
        chosen: list[dict] = []
        for mod in cur.modules_in_order():
            bank = cur.quizzes.get(mod.id)
            if bank is None or len(chosen) >= CHECKS_PER_COMPETENCE:
                continue
            for item in bank.items:
                if item.type in CHECK_TYPES and any(cid in cur.outcomes[o].competences
                                                    for o in item.outcomes if o in cur.outcomes):
                    chosen.append(item_json(item, lang, default))
                    break
        if chosen:
            checks[cid] = chosen
    return checks


def common_data(cur: Curriculum, lang: str, tool: str, root: str, t) -> dict:
    """What every tool page needs, texts in `lang`; `root` is the path from the page to the language root."""
    default = cur.default_language
    tx = lambda v: text(v, lang, default)  # noqa: E731
    prog = cur.programme
    targets = {tg.competence: tg for tg in cur.profile.targets} if cur.profile else {}
    fw = cur.framework
    strategies = sorted({a.strategy for m in cur.modules.values() for a in m.activities})
    return {
        "tool": tool, "lang": lang, "storageKey": f"oerkit:{prog.id}",
        "messages": messages(lang, default),
        "maxLevel": max(s.level for s in fw.scale) if fw else 4,
        "scale": [{"level": s.level, "label": tx(s.label), "can_do": tx(s.can_do) or tx(s.descriptor)}
                  for s in (fw.scale if fw else [])],
        "areas": [{"id": a.id, "title": tx(a.title), "competences": [
            {"id": c.id, "title": tx(c.title), "description": tx(c.description),
             "target": targets[c.id].level if c.id in targets else 0,
             "criticality": targets[c.id].criticality if c.id in targets else 1}
            for c in a.competences]} for a in (fw.areas if fw else [])],
        "modules": [{
            "id": m.id, "title": tx(m.title), "group": m.group, "hours": m.hours, "prerequisites": m.prerequisites,
            "outcomes": m.outcomes, "url": f"{root}modules/{m.slug}/index.html",
            "quizUrl": f"{root}modules/{m.slug}/quiz.html" if m.id in cur.quizzes else None,
            "activities": [{"id": a.id, "title": tx(a.title), "strategy": a.strategy, "minutes": a.duration_minutes,
                            "outcomes": a.outcomes} for a in m.activities]} for m in cur.modules_in_order()],
        "outcomes": {o.id: {"statement": tx(o.statement), "competences": o.competences} for o in cur.outcomes.values()},
        "strategies": [{"id": s, "label": t(f"strategy.{s}")} for s in strategies],
        "strategyLabels": {s: t(f"strategy.{s}") for s in strategies},
        "modalities": [{"id": m, "label": t(f"strategy_modality.{m}")} for m in MODALITIES],
        "masteryScore": prog.mastery_score, "hoursPerCredit": prog.hours_per_ects_credit,
        "plannerUrl": f"{root}journey-planner.html",
    }


def tool_page(title: str, intro: str, t, data: dict) -> tuple[dict, str]:
    body = "\n".join([f"# {title}", "", intro, "", t("tools.privacy"), "",
                      '<div id="oerkit-app" class="oerkit-app" markdown="0">',
                      f'<noscript><p>{t("tools.noscript")}</p></noscript>', "</div>", ""])
    return {"oerkit_data": data}, body


def self_assessment_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    data = common_data(cur, lang, "self-assessment", "", t)
    data["checks"] = knowledge_checks(cur, lang)
    return tool_page(t("tools.self_assessment.title"), t("tools.self_assessment.intro"), t, data)


def journey_planner_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    data = common_data(cur, lang, "journey-planner", "", t)
    return tool_page(t("tools.journey_planner.title"), t("tools.journey_planner.intro"), t, data)


def quiz_page(cur: Curriculum, mod, lang: str, t) -> tuple[dict, str]:
    default = cur.default_language
    bank = cur.quizzes[mod.id]
    root = "../../"
    data = {
        "tool": "quiz", "lang": lang, "storageKey": f"oerkit:{cur.programme.id}", "messages": messages(lang, default),
        "modules": [{"id": m.id} for m in cur.modules_in_order()],
        "areas": [{"id": a.id, "competences": [{"id": c.id} for c in a.competences]}
                  for a in (cur.framework.areas if cur.framework else [])],
        "outcomes": {o: {"statement": text(cur.outcomes[o].statement, lang, default)} for o in mod.outcomes
                     if o in cur.outcomes},
        "plannerUrl": f"{root}journey-planner.html",
        "quiz": {"module": mod.id, "masteryScore": bank.mastery_score or cur.programme.mastery_score,
                 "items": [item_json(i, lang, default) for i in bank.items]},
    }
    return tool_page(t("tools.quiz.title", title=f"{mod.id} {text(mod.title, lang, default)}"),
                     t("tools.quiz.intro"), t, data)
