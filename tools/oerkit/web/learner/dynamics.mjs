// The city dynamics teaching model (pure logic, no DOM): this curriculum's own small system dynamics model,
// inspired by the idea of SMR's City Dynamics Model. The tool's page publishes these rules and equations with
// the same symbols and the model's values (export/site/tool_city_dynamics.py).
//
// Stocks: resilience capacity R (0..Rmax), budget reserve B (>= 0), stakeholder engagement E (0..Emax).
// Euler steps of dt = 1/n years; in each step, in this order:
//   adoption  at the start of each year, the next policies of the plan in plan order: at most N, each only if
//             B >= its cost c_i (otherwise it and the rest of the plan wait: a deferral);
//   shock     in the step that holds t = year - 1/2: L = M·k·(1 − p·R/Rmax); B pays min(B, r·L) for recovery;
//             R falls by h·(L + unpaid recovery);
//   flows     from the stocks at the start of the step: a policy is implemented over T years (progress P_i);
//             its readiness rd_i = 1 − w + w·F_i, F_i = mean progress of the model's policies of earlier stages;
//             G_i = g_i·rd_i·ΔP_i·A·(1 − R/Rmax), A = 1 + a·(2E/Emax − 1);
//             R += ΣG_i − δR·R·(2 − f)·dt;  E += Σ[e_i·rd_i·ΔP_i·(1 − E/Emax) + v·G_i] − δE·E·dt;
//             income I = Y·(1 + κ·E/Emax) + Σ y_i·X_i (X_i: share of the full effect realised);
//             upkeep U = Σ u_i, of which the share f = min(1, (B + I·dt)/(U·dt)) is paid; B += I·dt − f·U·dt.

import { escapeXml } from "./chart.mjs";
import { Invalid, idList, isObject, number } from "./fields.mjs";

const EPS = 1e-9;

/** The plan sorted by maturity stage; policies of the same stage keep the plan's order. */
export function maturityOrder(model, plan) {
  const index = Object.fromEntries(model.policies.map((p) => [p.code, p.stageIndex]));
  return plan.map((code, i) => [code, i]).sort((x, y) => index[x[0]] - index[y[0]] || x[1] - y[1]).map(([code]) => code);
}

/** A copy of the plan with the policy at `index` moved by `delta` places (unchanged beyond the ends). */
export function movePolicy(plan, index, delta) {
  const j = index + delta;
  if (index < 0 || index >= plan.length || j < 0 || j >= plan.length) return [...plan];
  const out = [...plan];
  [out[index], out[j]] = [out[j], out[index]];
  return out;
}

/** The assumptions a learner may change (base income Y, shock scale k, foundation dependence w) and their limits. */
export const ASSUMPTION_LIMITS = { income: [0, 1000], shockScale: [0, 3], foundationDependence: [0, 1] };

export function defaultAssumptions(model) {
  return { income: model.stocks.budget.income, shockScale: 1, foundationDependence: model.effects.foundationDependence };
}

export const COMPARISONS = ["maturity", "none"];

/** The tool's stored state (state.tools.dynamics): the plan, the comparison and the assumptions changed. */
export const DYNAMICS_STATE = {
  empty: () => ({ plan: [], compare: "maturity", assumptions: {} }),
  validate(value, where, known) {
    const plan = idList(value.plan, `${where}.plan`, known.dynamicsPolicies);
    if (new Set(plan).size !== plan.length) throw new Invalid("data.bad_field", { field: `${where}.plan` });
    const compare = value.compare === undefined ? "maturity" : value.compare;
    if (!COMPARISONS.includes(compare)) throw new Invalid("data.bad_field", { field: `${where}.compare` });
    const given = value.assumptions === undefined ? {} : value.assumptions;
    if (!isObject(given)) throw new Invalid("data.bad_field", { field: `${where}.assumptions` });
    const assumptions = {};
    for (const [key, [min, max]] of Object.entries(ASSUMPTION_LIMITS)) {
      if (given[key] !== undefined) assumptions[key] = number(given[key], `${where}.assumptions.${key}`, min, max);
    }
    return { plan, compare, assumptions };
  },
};

/** Policies of earlier stages than `policy` among the model's policies: its foundations J_i. */
export function foundationsOf(model, policy) {
  return model.policies.filter((q) => q.stageIndex < policy.stageIndex).map((q) => q.code);
}

/**
 * Run the model for a plan (an ordered list of policy codes; unknown codes and repeats are ignored).
 * Returns the stocks at every step and at the start of every year, when each policy was adopted and how ready
 * the city was for it, the deferrals, the shocks' losses and the totals. Deterministic: no randomness, no clock.
 */
export function simulate(model, plan, assumptions = {}) {
  const { income: Y, shockScale: k, foundationDependence: w } = { ...defaultAssumptions(model), ...assumptions };
  const { stocks, effects: fx } = model;
  const Rmax = stocks.resilience.maximum, Emax = stocks.engagement.maximum;
  const n = model.stepsPerYear, dt = 1 / n;
  const byCode = Object.fromEntries(model.policies.map((p) => [p.code, p]));
  const queue = plan.filter((code, i) => byCode[code] && plan.indexOf(code) === i);
  const foundations = Object.fromEntries(model.policies.map((p) => [p.code, foundationsOf(model, p)]));
  const progress = Object.fromEntries(model.policies.map((p) => [p.code, 0])); // P_i
  const realised = {};                                                          // X_i, for adopted policies
  const adoptions = [], shocks = [], deferrals = {};
  let R = stocks.resilience.initial, B = stocks.budget.initial, E = stocks.engagement.initial;
  let losses = 0, spent = 0, upkeepPaid = 0, recoveryPaid = 0;
  const readiness = (code) => {
    const f = foundations[code];
    return 1 - w + w * (f.length ? f.reduce((sum, q) => sum + progress[q], 0) / f.length : 1);
  };
  const steps = [{ t: 0, R, B, E, losses }];

  for (let step = 0; step < model.years * n; step += 1) {
    if (step % n === 0) {
      const year = step / n + 1;
      for (let started = 0; queue.length && started < model.policiesPerYear; started += 1) {
        const p = byCode[queue[0]];
        if (B + EPS < p.cost) {
          deferrals[p.code] ??= { code: p.code, cost: p.cost, fromYear: year, toYear: null };
          break;
        }
        queue.shift();
        B = Math.max(0, B - p.cost);
        spent += p.cost;
        realised[p.code] = 0;
        adoptions.push({ code: p.code, year, readiness: readiness(p.code) });
        if (deferrals[p.code]) deferrals[p.code].toYear = year;
      }
    }
    for (const shock of model.shocks.filter((s) => Math.floor((s.year - 0.5) * n) === step)) {
      const loss = shock.magnitude * k * (1 - fx.shockProtection * R / Rmax);
      const due = fx.recoveryShare * loss;
      const paid = Math.min(B, due);
      B -= paid;
      R = Math.max(0, R - fx.shockDamage * (loss + due - paid));
      losses += loss;
      recoveryPaid += paid;
      shocks.push({ year: shock.year, name: shock.name, loss, recovery: paid, unpaid: due - paid });
    }
    const A = 1 + fx.engagementAmplification * (2 * E / Emax - 1);
    let gainR = 0, gainE = 0, upkeep = 0;
    let income = Y * (1 + fx.credibilityIncome * E / Emax);
    const advances = [];
    for (const code of Object.keys(realised)) {
      const p = byCode[code];
      income += (p.income || 0) * realised[code];
      upkeep += p.upkeep;
      const dP = Math.min(dt / model.implementationYears, 1 - progress[code]);
      if (dP <= EPS) continue;
      const rd = readiness(code);
      const G = p.resilience * rd * dP * A * (1 - R / Rmax);
      gainR += G;
      gainE += p.engagement * rd * dP * (1 - E / Emax) + fx.credibilityEngagement * G;
      advances.push([code, dP, rd]);
    }
    const available = B + income * dt;
    const paid = Math.min(available, upkeep * dt);
    const f = upkeep > 0 ? paid / (upkeep * dt) : 1;
    B = available - paid;
    upkeepPaid += paid;
    R = clamp(R + gainR - stocks.resilience.erosion * R * (2 - f) * dt, Rmax);
    E = clamp(E + gainE - stocks.engagement.erosion * E * dt, Emax);
    for (const [code, dP, rd] of advances) {
      progress[code] = Math.min(1, progress[code] + dP);
      realised[code] += rd * dP;
    }
    steps.push({ t: (step + 1) * dt, R, B, E, losses });
  }

  const adopted = adoptions.map((x) => ({ ...x, effect: realised[x.code],
    meanReadiness: progress[x.code] > 0 ? realised[x.code] / progress[x.code] : x.readiness }));
  return {
    plan: [...plan], steps, yearly: steps.filter((_, i) => i % n === 0), adopted, shocks,
    deferrals: Object.values(deferrals), notAdopted: queue,
    totals: { resilience: R, budget: B, engagement: E, losses, spent, upkeep: upkeepPaid, recovery: recoveryPaid,
      meanReadiness: adopted.length ? adopted.reduce((s, x) => s + x.meanReadiness, 0) / adopted.length : null },
  };
}

const clamp = (value, max) => Math.min(max, Math.max(0, value));

/** Policies of the plan placed before a policy of an earlier stage (so before some of their foundations). */
export function outOfOrder(model, plan) {
  const stage = Object.fromEntries(model.policies.map((p) => [p.code, p.stageIndex]));
  return plan.filter((code, i) => plan.slice(i + 1).some((later) => stage[later] < stage[code]));
}

/** Foundations the plan leaves out: the model's policies of a stage below the plan's highest stage, not in it. */
export function missingFoundations(model, plan) {
  const inPlan = new Set(plan);
  const stages = model.policies.filter((p) => inPlan.has(p.code)).map((p) => p.stageIndex);
  const top = stages.length ? Math.max(...stages) : -1;
  return model.policies.filter((p) => p.stageIndex < top && !inPlan.has(p.code)).map((p) => p.code);
}

/** Policies a run adopted in an earlier year than some policy of an earlier stage in its plan (or that never started). */
export function startedEarly(model, run) {
  const stage = Object.fromEntries(model.policies.map((p) => [p.code, p.stageIndex]));
  const year = Object.fromEntries(run.adopted.map((x) => [x.code, x.year]));
  return run.adopted.filter((x) => run.plan.some((q) => stage[q] < stage[x.code] && !(year[q] <= x.year))).map((x) => x.code);
}

/**
 * Why the two runs differ, as messages for the view to translate: [{key, params}] (numbers unformatted).
 * `other` is "maturity" (the same policies in maturity order) or "none" (no policies: the money stays in reserve).
 */
export function explain(model, yours, theirs, other) {
  const out = [];
  const pair = (key) => ({ yours: yours.totals[key], other: theirs.totals[key] });
  if (!yours.plan.length) return [{ key: "dynamics.why_empty", params: {} }];
  const listed = outOfOrder(model, yours.plan);
  const early = startedEarly(model, yours);
  if (other === "maturity") {
    if (!listed.length) out.push({ key: "dynamics.why_same", params: {} });
    else if (!early.length) out.push({ key: "dynamics.why_same_year", params: { codes: listed.join(", ") } });
    else {
      out.push({ key: "dynamics.why_out_of_order", params: { count: early.length, codes: early.join(", ") } });
      out.push({ key: "dynamics.why_readiness", params: { yours: Math.round(100 * yours.totals.meanReadiness),
        other: Math.round(100 * (theirs.totals.meanReadiness ?? 0)) } });
    }
  } else {
    out.push({ key: "dynamics.why_reserve", params: {} });
  }
  out.push({ key: "dynamics.why_resilience", params: pair("resilience") });
  out.push({ key: "dynamics.why_losses", params: pair("losses") });
  out.push({ key: "dynamics.why_budget", params: pair("budget") });
  const missing = missingFoundations(model, yours.plan);
  if (missing.length) out.push({ key: "dynamics.why_missing", params: { count: missing.length, codes: missing.join(", ") } });
  if (yours.deferrals.length) out.push({ key: "dynamics.why_deferred", params: { count: yours.deferrals.length } });
  return out;
}

/** A round upper limit for a chart's axis: 1, 2, 2.5 or 5 times a power of ten, at least `value`. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= value - EPS);
}

const LINE_STYLES = [{ colour: "#3f51b5", dash: "" }, { colour: "#bf360c", dash: "7 4" }];

/**
 * A line chart of one stock over the simulated years, as an SVG string: one line per run (solid, then dashed, so
 * they differ by more than colour), dotted lines at the shocks, a legend; title and description for screen readers.
 * opts: {id, title, desc, years, yMax, shocks: [year], shockLabel, format(value) -> text,
 *        series: [{label, points: [{t, v}]}]}
 */
export function trajectoryChart(opts) {
  const width = 640, height = 290, left = 52, right = 16, top = 46, bottom = 40;
  const plotW = width - left - right, plotH = height - top - bottom;
  const yMax = opts.yMax > 0 ? opts.yMax : 1;
  const x = (t) => (left + (plotW * t) / opts.years).toFixed(1);
  const y = (v) => (top + plotH - (plotH * Math.min(Math.max(v, 0), yMax)) / yMax).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${opts.id}-title ${opts.id}-desc">`,
    `<title id="${opts.id}-title">${escapeXml(opts.title)}</title>`,
    `<desc id="${opts.id}-desc">${escapeXml(opts.desc)}</desc>`,
  ];
  const lead = yMax / 10 ** Math.floor(Math.log10(yMax));
  const divisions = Math.abs(lead - 2) < EPS ? 4 : 5; // grid lines at round values: 0, 20, 40 ... or 0, 50, 100 ...
  for (let i = 0; i <= divisions; i += 1) {
    const v = (yMax * i) / divisions;
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="#cfd8dc"/>`,
      `<text x="${left - 6}" y="${(Number(y(v)) + 4).toFixed(1)}" font-size="12" text-anchor="end">${escapeXml(opts.format(v))}</text>`);
  }
  const every = opts.years <= 15 ? 1 : Math.ceil(opts.years / 12);
  for (let t = 0; t <= opts.years; t += every) {
    out.push(`<line x1="${x(t)}" y1="${top + plotH}" x2="${x(t)}" y2="${top + plotH + 5}" stroke="#546e7a"/>`,
      `<text x="${x(t)}" y="${top + plotH + 18}" font-size="12" text-anchor="middle">${t}</text>`);
  }
  out.push(`<text x="${left + plotW / 2}" y="${height - 4}" font-size="12" text-anchor="middle">${escapeXml(opts.yearLabel)}</text>`);
  for (const year of opts.shocks) {
    out.push(`<line x1="${x(year - 0.5)}" y1="${top}" x2="${x(year - 0.5)}" y2="${top + plotH}" stroke="#5d4037" stroke-dasharray="2 3"/>`);
  }
  out.push(`<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#546e7a"/>`);
  let legendX = left;
  opts.series.forEach((s, i) => {
    const style = LINE_STYLES[i % LINE_STYLES.length];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
    out.push(`<polyline fill="none" stroke="${style.colour}" stroke-width="2.5"${dash} points="${s.points.map((p) => `${x(p.t)},${y(p.v)}`).join(" ")}"/>`,
      `<line x1="${legendX}" y1="14" x2="${legendX + 28}" y2="14" stroke="${style.colour}" stroke-width="2.5"${dash}/>`,
      `<text x="${legendX + 34}" y="18" font-size="13">${escapeXml(s.label)}</text>`);
    legendX += 46 + 7 * s.label.length;
  });
  if (opts.shocks.length) {
    out.push(`<line x1="${legendX}" y1="6" x2="${legendX}" y2="22" stroke="#5d4037" stroke-dasharray="2 3"/>`,
      `<text x="${legendX + 6}" y="18" font-size="13">${escapeXml(opts.shockLabel)}</text>`);
  }
  out.push("</svg>");
  return out.join("");
}
