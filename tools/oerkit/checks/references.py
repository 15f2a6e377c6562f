"""Every id that one file uses must be defined somewhere, and in the right place."""

from __future__ import annotations

import difflib

from .context import CheckContext, known


def _unknown(ctx: CheckContext, src, sub, what: str, value: str, ids, code: str) -> None:
    if value in ctx.result.not_loaded.get(what, ()):
        return  # declared in a file with errors, which are reported: the reference is checked once it loads
    hint = difflib.get_close_matches(value, list(ids), n=1)
    tail = f"; did you mean '{hint[0]}'?" if hint else ""
    ctx.error(src, sub, f"unknown {what} '{value}' (known: {known(ids)}){tail}", code)


def check_references(ctx: CheckContext) -> None:
    cur = ctx.cur
    comps = cur.competences
    areas = {a.id for a in cur.framework.areas} if cur.framework else set()
    prog = cur.programme
    group_of: dict[str, str] = {}
    if prog:
        if prog.profile_id and prog.profile_id not in cur.profiles:
            _unknown(ctx, prog.source, ("profile",), "profile", prog.profile_id, cur.profiles, "ref-profile")
        seen_groups: set[str] = set()
        for gi, g in enumerate(prog.groups):
            if g.id in seen_groups:
                ctx.error(g.source, ("id",), f"duplicate group id '{g.id}'", "id-duplicate")
            seen_groups.add(g.id)
            if g.competence_area and cur.framework and g.competence_area not in areas:
                _unknown(ctx, g.source, ("competence_area",), "competence area", g.competence_area, areas, "ref-area")
            for mi, mid in enumerate(g.module_ids):
                if mid in group_of:
                    ctx.error(g.source, ("modules", mi), f"module '{mid}' is listed in group '{group_of[mid]}' and "
                              f"again in group '{g.id}'", "programme-module-twice")
                    continue
                group_of[mid] = g.id
                if mid not in cur.modules and mid not in ctx.result.not_loaded.get("module", ()):
                    ctx.warning(g.source, ("modules", mi), f"module slot '{mid}' has no module yet "
                                f"(no modules/{mid}-*/module.yaml)", "programme-planned-slot")
    if cur.framework:
        seen: dict[str, object] = {}
        for c in cur.framework.competences:
            if c.id in seen:
                ctx.error(c.source, ("id",), f"duplicate competence id '{c.id}'", "id-duplicate")
            seen[c.id] = c
        area_ids = [a.id for a in cur.framework.areas]
        for a in cur.framework.areas:
            if area_ids.count(a.id) > 1:
                ctx.error(a.source, ("id",), f"duplicate competence area id '{a.id}'", "id-duplicate")
        scale_levels = [s.level for s in cur.framework.scale]
        if scale_levels != sorted(set(scale_levels)):
            ctx.error(cur.framework.source, ("scale",), "the scale's levels must be distinct and in rising order",
                      "framework-scale-order")
        for c in cur.framework.competences:
            for level in c.levels:
                if level not in scale_levels:
                    ctx.error(c.source, ("levels", str(level)), f"level {level} is not on the scale "
                              f"({', '.join(map(str, scale_levels))})", "framework-level-unknown")
            missing = [lv for lv in scale_levels[1:] if lv not in c.levels]
            if missing:
                ctx.warning(c.source, ("levels",), f"competence '{c.id}' has no descriptor for level(s) "
                            f"{', '.join(map(str, missing))}", "framework-level-missing")
    for profile in cur.profiles.values():
        seen_targets: set[str] = set()
        top = max((s.level for s in cur.framework.scale), default=None) if cur.framework else None
        for t in profile.targets:
            if cur.framework and t.competence not in comps:
                _unknown(ctx, t.source, ("competence",), "competence", t.competence, comps, "ref-competence")
            if t.competence in seen_targets:
                ctx.error(t.source, ("competence",), f"competence '{t.competence}' has two targets in this profile",
                          "profile-duplicate-target")
            seen_targets.add(t.competence)
            if top is not None and t.level > top:
                ctx.error(t.source, ("level",), f"target level {t.level} is above the scale's top level {top}",
                          "profile-level-range")
        if cur.framework:
            for cid in comps:
                if cid not in seen_targets:
                    ctx.warning(profile.source, ("targets",), f"profile '{profile.id}' sets no target for "
                                f"competence '{cid}'", "profile-missing-target")
    for o in cur.outcomes.values():
        for i, cid in enumerate(o.competences):
            if cur.framework and cid not in comps:
                _unknown(ctx, o.source, ("competences", i), "competence", cid, comps, "ref-competence")
    activity_ids: dict[str, object] = {}
    for mod in cur.modules.values():
        if not mod.slug.startswith(f"{mod.id}-") and mod.slug != mod.id:
            ctx.error(mod.source, ("id",), f"module id '{mod.id}' does not match its folder "
                      f"'{mod.slug}' (the folder must be named '{mod.id}-<slug>')", "module-folder-name")
        if prog:
            groups = {g.id for g in prog.groups}
            if mod.group not in groups:
                _unknown(ctx, mod.source, ("group",), "group", mod.group, groups, "ref-group")
            elif mod.id not in group_of:
                ctx.error(mod.source, ("id",), f"module '{mod.id}' is not listed in any group of "
                          f"curriculum/programme.yaml; add it to group '{mod.group}'", "programme-module-missing")
            elif group_of[mod.id] != mod.group:
                ctx.error(mod.source, ("group",), f"module '{mod.id}' says group '{mod.group}' but the programme "
                          f"lists it in group '{group_of[mod.id]}'", "module-group-mismatch")
        for i, oid in enumerate(mod.outcomes):
            if oid not in cur.outcomes:
                _unknown(ctx, mod.source, ("outcomes", i), "learning outcome", oid, cur.outcomes, "ref-outcome")
        for i, pid in enumerate(mod.prerequisites):
            if pid == mod.id:
                ctx.error(mod.source, ("prerequisites", i), f"module '{mod.id}' lists itself as a prerequisite",
                          "prerequisite-self")
            elif pid not in cur.modules:
                _unknown(ctx, mod.source, ("prerequisites", i), "module", pid, cur.modules, "ref-module")
        for a in mod.activities:
            if a.id in activity_ids:
                ctx.error(a.source, ("id",), f"duplicate activity id '{a.id}'", "id-duplicate")
            activity_ids[a.id] = a
            for i, oid in enumerate(a.outcomes):
                if oid not in cur.outcomes:
                    _unknown(ctx, a.source, ("outcomes", i), "learning outcome", oid, cur.outcomes, "ref-outcome")
                elif oid not in mod.outcomes:
                    ctx.warning(a.source, ("outcomes", i), f"activity practises outcome '{oid}', which module "
                                f"'{mod.id}' does not list in its outcomes", "activity-outcome-not-taught")
    item_ids: dict[str, object] = {}
    for mid, bank in cur.quizzes.items():
        if mid not in cur.modules:
            _unknown(ctx, bank.source, ("module",), "module", mid, cur.modules, "ref-module")
        elif bank.source.file.rsplit("/", 1)[-1] != f"{mid}.yaml":
            ctx.warning(bank.source, ("module",), f"the quiz bank of module '{mid}' should be named "
                        f"assessment_quiz/{mid}.yaml", "quiz-file-name")
        for item in bank.items:
            if item.id in item_ids:
                ctx.error(item.source, ("id",), f"duplicate quiz item id '{item.id}'", "id-duplicate")
            item_ids[item.id] = item
            for i, oid in enumerate(item.outcomes):
                if oid not in cur.outcomes:
                    _unknown(ctx, item.source, ("outcomes", i), "learning outcome", oid, cur.outcomes, "ref-outcome")
                elif mid in cur.modules and oid not in cur.modules[mid].outcomes:
                    ctx.warning(item.source, ("outcomes", i), f"item assesses outcome '{oid}', which module "
                                f"'{mid}' does not teach", "quiz-outcome-not-taught")
    for t in cur.glossary.values():
        for i, mid in enumerate(t.modules):
            if mid not in cur.modules:
                _unknown(ctx, t.source, ("modules", i), "module", mid, cur.modules, "ref-module")
