"""The resilience tools' data: policy codes name a known sub-dimension and stage, codes are unique,
stakeholders are declared."""

from __future__ import annotations

import difflib

from .context import CheckContext, known


def check_maturity_model(ctx: CheckContext) -> None:
    model = ctx.cur.maturity
    if model is None:
        return
    subs = {s.id for s in model.subdimensions}
    stages = {s.id for s in model.stages}
    seen: dict[str, object] = {}
    for dim_id, _, dim_subs in model.dimensions:
        for sub in dim_subs:
            if not sub.id.startswith(dim_id):
                ctx.error(model.source, ("dimensions",), f"sub-dimension '{sub.id}' must start with its dimension's "
                          f"letter '{dim_id}'", "maturity-subdimension-id")
    for p in model.policies:
        if p.code in seen:
            ctx.error(p.source, ("code",), f"duplicate policy code '{p.code}'", "id-duplicate")
        seen[p.code] = p
        if p.subdimension not in subs:
            ctx.error(p.source, ("code",), f"policy '{p.code}' names sub-dimension '{p.subdimension}', which is not "
                      f"defined (known: {known(subs)})", "maturity-policy-code")
        if p.stage not in stages:
            ctx.error(p.source, ("code",), f"policy '{p.code}' names stage '{p.stage}', which is not defined "
                      f"(known: {', '.join(s.id for s in model.stages)})", "maturity-policy-code")
        for i, who in enumerate(p.stakeholders):
            if who not in model.stakeholders:
                ctx.error(p.source, ("stakeholders", i), f"unknown stakeholder '{who}' (known: {known(model.stakeholders)})",
                          "maturity-stakeholder")


def check_information_portal(ctx: CheckContext) -> None:
    """Entries name declared audiences, topics, frameworks and Essentials, existing policy codes and modules;
    ids are unique. A module the project lacks is a warning: the entry is still published, without the link."""
    portal = ctx.cur.portal
    if portal is None:
        return
    for key, choices in (("audiences", portal.audiences), ("topics", portal.topics), ("frameworks", portal.frameworks)):
        seen: set[str] = set()
        for i, c in enumerate(choices):
            if c.id in seen:
                ctx.error(portal.source, (key, i, "id"), f"duplicate id '{c.id}' in {key}", "id-duplicate")
            seen.add(c.id)
    declared = {"audiences": {c.id for c in portal.audiences}, "topics": {c.id for c in portal.topics},
                "frameworks": {c.id for c in portal.frameworks}, "contributors": {c.id for c in portal.audiences}}
    policies = {p.code for p in ctx.cur.maturity.policies} if ctx.cur.maturity else set()
    modules = ctx.cur.modules
    first: dict[str, object] = {}
    for e in portal.entries:
        if e.id in first:
            ctx.error(e.source, ("id",), f"duplicate entry id '{e.id}' (already defined at line {first[e.id].line})",
                      "id-duplicate")
        else:
            first[e.id] = e.source
        for key, ids in declared.items():
            for i, value in enumerate(getattr(e, key)):
                if value not in ids:
                    hint = difflib.get_close_matches(value, sorted(ids), n=1)
                    ctx.error(e.source, (key, i), f"entry '{e.id}' names {key[:-1]} '{value}', which is not declared "
                              f"under '{key if key != 'contributors' else 'audiences'}' (known: {known(ids)})"
                              f"{f'; did you mean {hint[0]!r}?' if hint else ''}", "portal-reference")
        for i, number in enumerate(e.essentials):
            if number not in portal.essentials:
                ctx.error(e.source, ("essentials", i), f"entry '{e.id}' names Essential {number}, which is not declared "
                          f"under 'essentials' (known: {known(str(n) for n in portal.essentials)})", "portal-reference")
        for i, code in enumerate(e.policies):
            if code not in policies:
                where = "in curriculum/tools/maturity-model.yaml" if ctx.cur.maturity else \
                    "because the project has no valid curriculum/tools/maturity-model.yaml"
                hint = difflib.get_close_matches(code, sorted(policies), n=1)
                ctx.error(e.source, ("policies", i), f"entry '{e.id}' names policy '{code}', which is not defined {where}"
                          + (f" (known: {known(policies)})" if policies else "")
                          + (f"; did you mean {hint[0]!r}?" if hint else ""), "portal-policy")
        for i, mid in enumerate(e.modules):
            if mid not in modules and mid not in ctx.result.not_loaded.get("module", ()):
                hint = difflib.get_close_matches(mid, list(modules), n=1)
                ctx.warning(e.source, ("modules", i), f"entry '{e.id}' names module '{mid}', which this project does not "
                            f"have (known: {known(modules)}){f'; did you mean {hint[0]!r}?' if hint else ''}; "
                            "the entry is published without the link", "portal-module")


def check_city_dynamics(ctx: CheckContext) -> None:
    """The city dynamics model adopts maturity-model policies (by code, each once); its shocks fall within the
    simulated years; its stocks start within their limits."""
    model = ctx.cur.dynamics
    if model is None:
        return
    maturity = ctx.cur.maturity
    if maturity is None:
        ctx.error(model.source, ("policies",), "the city dynamics model adopts policies of the maturity model, but "
                  "curriculum/tools/maturity-model.yaml is missing or invalid", "dynamics-needs-maturity")
        return
    codes = {p.code for p in maturity.policies}
    seen: set[str] = set()
    for p in model.policies:
        if p.code in seen:
            ctx.error(p.source, ("code",), f"policy '{p.code}' is listed twice in the city dynamics model", "id-duplicate")
        seen.add(p.code)
        if p.code not in codes:
            hint = difflib.get_close_matches(p.code, sorted(codes), n=1)
            ctx.error(p.source, ("code",), f"policy '{p.code}' is not in the maturity model (known: {known(codes)})"
                      f"{f'; did you mean {hint[0]!r}?' if hint else ''}", "dynamics-policy-unknown")
    years = model.simulation["years"]
    for s in model.shocks:
        if s.year > years:
            ctx.error(s.source, ("year",), f"the shock in year {s.year} falls after the last simulated year "
                      f"(simulation.years is {years})", "dynamics-shock-year")
    for name, stock in model.stocks.items():
        if "maximum" in stock and stock["initial"] > stock["maximum"]:
            ctx.error(model.source, ("stocks", name, "initial"), f"the {name} stock starts at {stock['initial']}, "
                      f"above its maximum {stock['maximum']}", "dynamics-initial-range")


def check_risk_questionnaire(ctx: CheckContext) -> None:
    """Risk scenarios chain declared factors, each at most once, and name maturity-model policies; ids are unique;
    no two scenarios describe the same chain (a cycle read from another starting factor is the same cycle); every
    factor is used by some scenario."""
    risk = ctx.cur.risk
    if risk is None:
        return
    factors: dict[str, object] = {}
    for f in risk.factors:
        if f.id in factors:
            ctx.error(f.source, ("id",), f"duplicate factor id '{f.id}' (already defined at line {factors[f.id].line})",
                      "id-duplicate")
        factors.setdefault(f.id, f.source)
    first: dict[str, object] = {}
    for item in [*risk.themes, *risk.scenarios]:
        if item.id in first:
            ctx.error(item.source, ("id",), f"duplicate id '{item.id}' (already used at line {first[item.id].line}): "
                      "themes and scenarios need ids of their own", "id-duplicate")
        first.setdefault(item.id, item.source)
    policies = {p.code for p in ctx.cur.maturity.policies} if ctx.cur.maturity else set()
    used: set[str] = set()
    chains: dict[tuple, str] = {}
    for s in risk.scenarios:
        for i, fid in enumerate(s.chain):
            used.add(fid)
            if fid not in factors:
                hint = difflib.get_close_matches(fid, list(factors), n=1)
                ctx.error(s.source, ("chain", i), f"scenario '{s.id}' names factor '{fid}', which is not declared under "
                          f"'factors' (known: {known(factors)}){f'; did you mean {hint[0]!r}?' if hint else ''}",
                          "risk-factor-unknown")
            elif fid in s.chain[:i]:
                hint = " (to close a vicious cycle, write cycle: true and do not repeat the first factor)" \
                    if i == len(s.chain) - 1 and fid == s.chain[0] else ""
                ctx.error(s.source, ("chain", i), f"scenario '{s.id}' names factor '{fid}' twice in its chain{hint}",
                          "risk-chain-repeat")
        # a cycle has no start: compare every rotation, so that a-b-c and b-c-a are the same cycle
        key = (s.cycle, min(tuple(s.chain[k:] + s.chain[:k]) for k in range(len(s.chain))) if s.cycle else tuple(s.chain))
        if key in chains:
            ctx.error(s.source, ("chain",), f"scenario '{s.id}' has the same chain as scenario '{chains[key]}'",
                      "risk-chain-duplicate")
        chains.setdefault(key, s.id)
        for i, code in enumerate(s.policies):
            if code not in policies:
                where = "in curriculum/tools/maturity-model.yaml" if ctx.cur.maturity else \
                    "because the project has no valid curriculum/tools/maturity-model.yaml"
                hint = difflib.get_close_matches(code, sorted(policies), n=1)
                ctx.error(s.source, ("policies", i), f"scenario '{s.id}' names policy '{code}', which is not defined "
                          f"{where}{f' (known: {known(policies)})' if policies else ''}"
                          f"{f'; did you mean {hint[0]!r}?' if hint else ''}", "risk-policy-unknown")
    for f in risk.factors:
        if f.id not in used:
            ctx.warning(f.source, ("id",), f"factor '{f.id}' is not part of any scenario's chain", "risk-factor-unused")
