// The resilience maturity model as a self-positioning tool (pure logic, no DOM).
//
// The rule (shown on the page): a sub-dimension has reached a stage when every policy of that stage and
// of every earlier stage is in place. Its estimated stage is the highest stage reached (0 = not yet
// Starting). The policies to consider next are the missing ones of the first stage not reached.

/** {subdimension: {stage index 0..n, stageId or null, next: [codes]}} */
export function estimateStages(model, inPlace) {
  const have = new Set(inPlace);
  const order = model.stages.map((s) => s.id);
  const out = {};
  for (const sub of model.subdimensions) {
    const policies = model.policies.filter((p) => p.subdimension === sub.id);
    let reached = 0;
    let next = [];
    for (let i = 0; i < order.length; i += 1) {
      const stagePolicies = policies.filter((p) => p.stage === order[i]);
      const missing = stagePolicies.filter((p) => !have.has(p.code)).map((p) => p.code);
      if (missing.length || !stagePolicies.length) {
        next = missing;
        break;
      }
      reached = i + 1;
    }
    out[sub.id] = { stage: reached, stageId: reached ? order[reached - 1] : null, next };
  }
  return out;
}

/** Policies marked in place that sit above the estimated stage: done out of order (worth a note). */
export function aheadOfStage(model, inPlace, estimate) {
  const order = model.stages.map((s) => s.id);
  return model.policies.filter((p) => inPlace.includes(p.code)
    && order.indexOf(p.stage) + 1 > (estimate[p.subdimension]?.stage ?? 0) + 1).map((p) => p.code);
}

/** The policy portfolio filtered by dimension, stage and stakeholder ("" = any). */
export function filterPolicies(policies, { dimension = "", stage = "", stakeholder = "", text = "" } = {}) {
  const needle = text.trim().toLocaleLowerCase();
  return policies.filter((p) => (!dimension || p.subdimension.startsWith(dimension))
    && (!stage || p.stage === stage) && (!stakeholder || (p.stakeholders || []).includes(stakeholder))
    && (!needle || `${p.code} ${p.title} ${p.summary}`.toLocaleLowerCase().includes(needle)));
}
