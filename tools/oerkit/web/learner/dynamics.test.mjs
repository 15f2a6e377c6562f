import assert from "node:assert/strict";
import { test } from "node:test";
import { seededShuffle } from "./dom.mjs";
import { defaultAssumptions, explain, maturityOrder, missingFoundations, movePolicy, niceMax, outOfOrder, simulate,
  trajectoryChart } from "./dynamics.mjs";
import { validateState } from "./store.mjs";

const policy = (code, stageIndex, cost, resilience, engagement, extra = {}) =>
  ({ code, stage: "SMA"[stageIndex], stageIndex, title: code, cost, upkeep: cost / 10, resilience, engagement, income: 0, ...extra });

// A small model shaped like the curriculum's: cheap foundations, dearer later stages, shocks along the way.
const model = {
  years: 10, stepsPerYear: 4, policiesPerYear: 2, implementationYears: 1,
  stocks: { resilience: { initial: 25, maximum: 100, erosion: 0.03 }, engagement: { initial: 15, maximum: 100, erosion: 0.08 },
    budget: { initial: 8, income: 10 } },
  effects: { foundationDependence: 0.8, engagementAmplification: 0.5, credibilityIncome: 0.5, credibilityEngagement: 0.3,
    shockProtection: 0.8, shockDamage: 0.2, recoveryShare: 0.5 },
  shocks: [{ year: 3, magnitude: 15, name: "Flood" }, { year: 6, magnitude: 20, name: "Heat" }, { year: 9, magnitude: 25, name: "Storm" }],
  policies: [
    policy("L1S1", 0, 2, 7, 6), policy("P1S2", 0, 2, 7, 3), policy("C1S1", 0, 2, 4, 8),
    policy("P1M1", 1, 4, 9, 3), policy("C1M1", 1, 4, 5, 9), policy("I2M1", 1, 4, 5, 3, { income: 2 }),
    policy("P1A1", 2, 6, 11, 4), policy("I1A1", 2, 7, 11, 3), policy("C1A1", 2, 6, 6, 10),
  ],
};
const ALL = model.policies.map((p) => p.code);
const lowest = (run, key) => Math.min(...run.steps.map((s) => s[key]));

test("the same plan and assumptions always give the same result, and the inputs are left unchanged", () => {
  const plan = [...ALL].reverse();
  const before = JSON.stringify({ model, plan });
  const first = simulate(model, plan, { shockScale: 1.5 });
  assert.deepEqual(simulate(model, plan, { shockScale: 1.5 }), first);
  assert.equal(JSON.stringify({ model, plan }), before);
  assert.equal(first.steps.length, model.years * model.stepsPerYear + 1);
  assert.deepEqual(first.yearly.map((p) => p.t), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test("one Euler step follows the published equations", () => {
  const one = { ...model, years: 1, stepsPerYear: 1, shocks: [], policies: [policy("L1S1", 0, 2, 10, 6)] };
  const { stocks: s, effects: fx } = one;
  const run = simulate(one, ["L1S1"]);
  const A = 1 + fx.engagementAmplification * (2 * 15 / 100 - 1);
  const G = 10 * 1 * 1 * A * (1 - 25 / 100);
  const income = 10 * (1 + fx.credibilityIncome * 15 / 100);
  const end = run.steps[1];
  assert.ok(Math.abs(end.R - (25 + G - s.resilience.erosion * 25 * 1)) < 1e-9);
  assert.ok(Math.abs(end.E - (15 + 6 * (1 - 15 / 100) + fx.credibilityEngagement * G - s.engagement.erosion * 15)) < 1e-9);
  assert.ok(Math.abs(end.B - (8 - 2 + income - 0.2)) < 1e-9);
  assert.equal(run.adopted[0].effect, 1);
});

test("the same policies pay off more in maturity order: higher resilience and lower losses than out of order", () => {
  const ordered = simulate(model, ALL);
  const reversed = simulate(model, [...ALL].reverse());
  assert.ok(ordered.totals.resilience > reversed.totals.resilience + 5, `${ordered.totals.resilience} vs ${reversed.totals.resilience}`);
  assert.ok(ordered.totals.losses < reversed.totals.losses);
  assert.ok(ordered.totals.meanReadiness > 0.9 && reversed.totals.meanReadiness < 0.6);
  let compared = 0;
  for (let seed = 0; seed < 40; seed += 1) {
    const shuffled = seededShuffle(ALL, `plan-${seed}`);
    if (outOfOrder(model, shuffled).length === 0) continue;
    const mine = simulate(model, shuffled), sorted = simulate(model, maturityOrder(model, shuffled));
    assert.ok(sorted.totals.resilience > mine.totals.resilience, shuffled.join(" "));
    assert.ok(sorted.totals.losses < mine.totals.losses, shuffled.join(" "));
    compared += 1;
  }
  assert.ok(compared > 30);
});

test("without foundation dependence the order hardly matters (the conclusion rests on that assumption)", () => {
  const a = { foundationDependence: 0 };
  const gap = (w) => simulate(model, ALL, w).totals.resilience - simulate(model, [...ALL].reverse(), w).totals.resilience;
  assert.ok(Math.abs(gap(a)) < gap({}) / 3, `${gap(a)} vs ${gap({})}`);
  assert.ok(simulate(model, [...ALL].reverse(), a).adopted.every((x) => x.readiness === 1));
});

test("a policy the budget cannot pay waits for money, with the rest of the plan behind it; the budget never goes negative", () => {
  const plan = ["I1A1", "L1S1", "P1S2"]; // I1A1 takes 7 of the reserve of 8, so L1S1 (2) must wait
  const tight = { ...model, stocks: { ...model.stocks, budget: { initial: 8, income: 2 } } };
  const run = simulate(tight, plan);
  assert.deepEqual(run.adopted.map((x) => [x.code, x.year]).slice(0, 1), [["I1A1", 1]]);
  const note = run.deferrals.find((d) => d.code === "L1S1");
  assert.equal(note.fromYear, 1);
  assert.ok(note.toYear > 1);
  assert.deepEqual(run.adopted.map((x) => x.code), plan); // the order is kept
  assert.ok(run.adopted.find((x) => x.code === "P1S2").year >= note.toYear);
  assert.ok(lowest(run, "B") >= 0);
  for (const seed of ["a", "b", "c"]) assert.ok(lowest(simulate(tight, seededShuffle(ALL, seed), { shockScale: 3 }), "B") >= 0);
});

test("zero budget: nothing is adopted, the first policy is noted as never affordable, the budget stays at zero", () => {
  const broke = { ...model, stocks: { ...model.stocks, budget: { initial: 0, income: 0 } } };
  const run = simulate(broke, ALL);
  assert.deepEqual(run.adopted, []);
  assert.deepEqual(run.deferrals, [{ code: "L1S1", cost: 2, fromYear: 1, toYear: null }]);
  assert.deepEqual(run.notAdopted, ALL);
  assert.ok(run.steps.every((s) => s.B === 0));
  assert.ok(run.shocks.every((s) => s.recovery === 0 && s.unpaid > 0));
});

test("no policies: nothing is spent, resilience only erodes and falls with each shock", () => {
  const run = simulate(model, []);
  assert.deepEqual(run.adopted, []);
  assert.equal(run.totals.spent, 0);
  assert.equal(run.totals.meanReadiness, null);
  assert.ok(run.steps.every((s, i) => i === 0 || s.R < run.steps[i - 1].R));
  assert.equal(run.shocks.length, 3);
  assert.ok(run.totals.losses > 0 && run.totals.budget > model.stocks.budget.initial);
});

test("all policies in maturity order: all adopted, at most N a year, nearly full readiness", () => {
  const run = simulate(model, ALL);
  assert.deepEqual(run.adopted.map((x) => x.code), ALL);
  const perYear = {};
  for (const x of run.adopted) perYear[x.year] = (perYear[x.year] || 0) + 1;
  assert.ok(Object.values(perYear).every((count) => count <= model.policiesPerYear));
  assert.ok(run.adopted.every((x) => x.effect > 0.6 && x.effect <= 1));
});

test("unpaid upkeep makes resilience erode faster", () => {
  const rich = { ...model, policiesPerYear: 9, shocks: [], stocks: { ...model.stocks, budget: { initial: 38, income: 0 } } };
  const starved = simulate(rich, ALL);
  const paid = simulate(rich, ALL, { income: 10 });
  assert.equal(starved.adopted.length, ALL.length);
  assert.ok(lowest(starved, "B") >= 0 && starved.totals.budget < 1e-9);
  assert.ok(starved.totals.resilience < paid.totals.resilience - 1);
});

test("shocks: losses shrink as resilience grows; a shock scale of 0 removes them", () => {
  const strong = { ...model, stocks: { ...model.stocks, resilience: { ...model.stocks.resilience, initial: 90 } } };
  assert.ok(simulate(strong, []).shocks[0].loss < simulate(model, []).shocks[0].loss);
  assert.equal(simulate(model, ALL, { shockScale: 0 }).totals.losses, 0);
  assert.ok(simulate(model, [], { shockScale: 2 }).totals.losses > simulate(model, []).totals.losses);
});

test("plans: unknown codes and repeats are ignored; maturity order is a stable sort by stage; moves swap neighbours", () => {
  assert.deepEqual(simulate(model, ["L1S1", "NOPE1", "L1S1"]).adopted.map((x) => x.code), ["L1S1"]);
  assert.deepEqual(maturityOrder(model, ["P1A1", "C1S1", "P1M1", "L1S1"]), ["C1S1", "L1S1", "P1M1", "P1A1"]);
  assert.deepEqual(movePolicy(["a", "b", "c"], 1, -1), ["b", "a", "c"]);
  assert.deepEqual(movePolicy(["a", "b", "c"], 2, 1), ["a", "b", "c"]);
  assert.deepEqual(outOfOrder(model, ["P1A1", "L1S1", "P1M1"]), ["P1A1"]);
  assert.deepEqual(missingFoundations(model, ["L1S1", "P1A1"]), ["P1S2", "C1S1", "P1M1", "C1M1", "I2M1"]);
  assert.deepEqual(missingFoundations(model, []), []);
  assert.deepEqual(defaultAssumptions(model), { income: 10, shockScale: 1, foundationDependence: 0.8 });
});

test("the explanation names the policies out of order, the readiness and what is missing", () => {
  const plan = ["P1A1", "L1S1", "P1M1"];
  const keys = (list) => list.map((m) => m.key);
  const why = explain(model, simulate(model, plan), simulate(model, maturityOrder(model, plan)), "maturity");
  assert.deepEqual(why[0], { key: "dynamics.why_out_of_order", params: { count: 1, codes: "P1A1" } });
  assert.ok(why[1].params.yours < why[1].params.other);
  assert.ok(keys(why).includes("dynamics.why_missing"));
  assert.deepEqual(keys(explain(model, simulate(model, []), simulate(model, []), "maturity")), ["dynamics.why_empty"]);
  assert.equal(explain(model, simulate(model, ALL), simulate(model, ALL), "maturity")[0].key, "dynamics.why_same");
  // listed out of order but started in the same year as the foundation: the order makes no difference, and it says so
  const sameYear = ["P1M1", "L1S1"];
  const mine = simulate(model, sameYear), sorted = simulate(model, maturityOrder(model, sameYear));
  assert.equal(mine.totals.resilience, sorted.totals.resilience);
  assert.deepEqual(explain(model, mine, sorted, "maturity")[0], { key: "dynamics.why_same_year", params: { codes: "P1M1" } });
  assert.equal(explain(model, simulate(model, ALL), simulate(model, []), "none")[0].key, "dynamics.why_reserve");
});

test("the chart has a title and a description, one line per run, a marker per shock, and escapes text", () => {
  const run = simulate(model, ALL), none = simulate(model, []);
  const svg = trajectoryChart({ id: "c1", title: "R <over> years", desc: "Two & runs", years: 10, yMax: 100, shocks: [3, 6, 9],
    shockLabel: "Shock", yearLabel: "Year", format: String,
    series: [{ label: "Yours", points: run.steps.map((s) => ({ t: s.t, v: s.R })) }, { label: "None", points: none.steps.map((s) => ({ t: s.t, v: s.R })) }] });
  assert.ok(svg.includes('role="img" aria-labelledby="c1-title c1-desc"'));
  assert.ok(svg.includes("<title id=\"c1-title\">R &lt;over&gt; years</title>") && svg.includes("Two &amp; runs"));
  assert.equal((svg.match(/<polyline/g) || []).length, 2);
  assert.equal((svg.match(/<polyline[^>]*stroke-dasharray/g) || []).length, 1);
  assert.equal((svg.match(/stroke-dasharray="2 3"/g) || []).length, 4); // three shocks and the legend
  assert.deepEqual([niceMax(0), niceMax(7), niceMax(130), niceMax(250)], [1, 10, 200, 250]);
});

test("the stored plan is validated: known codes once each, a known comparison, assumptions within limits", () => {
  const known = { dynamicsPolicies: new Set(ALL) };
  const state = (dynamics) => ({ version: 1, tools: { dynamics } });
  const ok = validateState(state({ plan: ["P1A1", "L1S1"], compare: "none", assumptions: { shockScale: 2, extra: 1 } }), known);
  assert.ok(ok.ok);
  assert.deepEqual(ok.state.tools.dynamics, { plan: ["P1A1", "L1S1"], compare: "none", assumptions: { shockScale: 2 } });
  assert.deepEqual(validateState({ version: 1 }, known).state.tools.dynamics, { plan: [], compare: "maturity", assumptions: {} });
  for (const bad of [{ plan: ["XXX9"] }, { plan: ["L1S1", "L1S1"] }, { plan: "L1S1" }, { compare: "random" },
    { assumptions: { income: -1 } }, { assumptions: { foundationDependence: 2 } }, { assumptions: [] }]) {
    assert.equal(validateState(state(bad), known).ok, false, JSON.stringify(bad));
  }
});
