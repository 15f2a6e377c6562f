"""The resilience tools' data: policy codes name a known sub-dimension and stage, codes are unique,
stakeholders are declared."""

from __future__ import annotations

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
