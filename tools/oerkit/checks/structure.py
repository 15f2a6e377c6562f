"""Prerequisite cycles and constructive alignment (outcomes taught and assessed, competences developed)."""

from __future__ import annotations

from ..graph import find_cycles
from .context import CheckContext


def check_prerequisite_cycles(ctx: CheckContext) -> None:
    cur = ctx.cur
    edges = {mid: [p for p in mod.prerequisites if p in cur.modules] for mid, mod in cur.modules.items()}
    for cycle in find_cycles(edges):
        first = cur.modules[cycle[0]]
        index = first.prerequisites.index(cycle[1]) if cycle[1] in first.prerequisites else 0
        # edges point from a module to its prerequisite: a -> b means a needs b
        ctx.error(first.source, ("prerequisites", index),
                  "prerequisite cycle: " + " -> ".join(cycle) + " (each module needs the next one first)",
                  "prerequisite-cycle")


def check_alignment(ctx: CheckContext) -> None:
    if ctx.result.not_loaded.get("kind", set()) & {"module", "outcomes", "quiz"}:
        return  # what is taught, assessed and developed is judged once every module, outcome and quiz loads
    cur = ctx.cur
    taught = {oid for mod in cur.modules.values() for oid in mod.outcomes}
    assessed = {oid for bank in cur.quizzes.values() for item in bank.items for oid in item.outcomes}
    for oid, o in cur.outcomes.items():
        if oid not in taught:
            ctx.warning(o.source, ("id",), f"outcome '{oid}' is not taught by any module", "alignment-not-taught")
        elif oid not in assessed:
            ctx.warning(o.source, ("id",), f"outcome '{oid}' is not assessed by any quiz item",
                        "alignment-not-assessed")
    developed = {cid for o in cur.outcomes.values() for cid in o.competences}
    for cid, c in cur.competences.items():
        if cid not in developed:
            ctx.warning(c.source, ("id",), f"competence '{cid}' is not developed by any learning outcome",
                        "alignment-competence-undeveloped")
    for mid, mod in cur.modules.items():
        if mid not in cur.quizzes:
            ctx.warning(mod.source, ("id",), f"module '{mid}' has no quiz bank (assessment_quiz/{mid}.yaml)",
                        "alignment-no-quiz")
        total = sum(a.duration_minutes for a in mod.activities) / 60
        if total > mod.hours:
            ctx.warning(mod.source, ("hours",), f"the activities take {total:g} h, more than the module's "
                        f"workload of {mod.hours:g} h", "module-hours")
