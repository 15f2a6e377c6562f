import assert from "node:assert/strict";
import { test } from "node:test";
import { chainDiagram, wrapLabel } from "./risk-diagram.mjs";
import {
  DONT_KNOW, addRater, awareness, mergeRaters, nextRaterId, raterNumber, rate, removeRater, renameRater,
  scenarioResult, scoreQuestionnaire, validateRaters,
} from "./risk.mjs";
import { emptyState, parseImport } from "./store.mjs";

const method = { spreadFlag: 2, top: 2 };
// weights as the page computes them: (1 + 0.25 × (n − 3)) × 1.5 for a cycle
const risk = {
  maxWeight: 1.875,
  themes: [
    { id: "infra", scenarios: [{ id: "A", weight: 1.875 }, { id: "B", weight: 1 }] },
    { id: "social", scenarios: [{ id: "C", weight: 1.5 }] },
    { id: "empty", scenarios: [{ id: "D", weight: 1.25 }] },
  ],
};
const raters = [
  { id: "r1", name: "Engineer", ratings: { A: 4, B: 1, C: DONT_KNOW } },
  { id: "r2", name: "", ratings: { A: 4, B: 3, C: 2 } },
];

test("a scenario's score is its mean likelihood scaled by its weight against the largest weight", () => {
  const a = scenarioResult(risk.themes[0].scenarios[0], raters, risk.maxWeight, method);
  assert.equal(a.mean, 4);
  assert.equal(a.score, 100, "every rater says 4 for the heaviest scenario: 100");
  const b = scenarioResult(risk.themes[0].scenarios[1], raters, risk.maxWeight, method);
  assert.equal(b.mean, 2);
  assert.ok(Math.abs(b.score - (100 * (2 / 4) * (1 / 1.875))) < 1e-9);
  assert.equal(b.spread, 2);
  assert.equal(b.disagree, true, "answers 1 and 3 differ by 2 points: flagged");
  assert.equal(a.disagree, false);
});

test("don't know does not count as a likelihood; a scenario without likelihoods has no score", () => {
  const c = scenarioResult(risk.themes[1].scenarios[0], raters, risk.maxWeight, method);
  assert.deepEqual(c.likelihoods, [2]);
  assert.equal(c.dontKnow, 1);
  assert.equal(c.mean, 2);
  assert.equal(c.spread, null, "one likelihood answer: no spread, no flag");
  assert.equal(c.disagree, false);
  const onlyUnsure = scenarioResult({ id: "C", weight: 1.5 }, [{ id: "r1", name: "", ratings: { C: DONT_KNOW } }], 1.875, method);
  assert.equal(onlyUnsure.score, null);
  assert.equal(onlyUnsure.mean, null);
  const zero = scenarioResult({ id: "C", weight: 1.5 }, [{ id: "r1", name: "", ratings: { C: 0 } }], 1.875, method);
  assert.equal(zero.score, 0, "0 is an answer, not a missing one");
});

test("themes, awareness, progress and the riskiest scenarios", () => {
  const s = scoreQuestionnaire(risk, raters, method);
  assert.deepEqual(s.ranked.map((r) => r.id), ["A", "C", "B"]);
  const [infra, social, empty] = s.themes;
  assert.ok(Math.abs(infra.score - (100 + (100 * 0.5) / 1.875) / 2) < 1e-9, "mean of the theme's scenario scores");
  assert.equal(infra.rated, 2);
  assert.equal(infra.awareness, 100);
  assert.equal(social.awareness, 50, "one likelihood and one don't know");
  assert.equal(empty.score, null);
  assert.equal(empty.awareness, null, "no answers: no awareness score");
  assert.equal(s.awareness, 100 * 5 / 6);
  assert.equal(s.answered, 6);
  assert.equal(s.total, 8, "2 raters × 4 scenarios");
  assert.deepEqual(s.priorities.map((r) => r.id), ["A", "C"], "method.top riskiest");
});

test("ties rank by mean likelihood, then questionnaire order; scenarios scored 0 get no policies", () => {
  const flat = { maxWeight: 2, themes: [{ id: "t", scenarios: [{ id: "X", weight: 1 }, { id: "Y", weight: 2 }, { id: "Z", weight: 1 }] }] };
  const one = [{ id: "r1", name: "", ratings: { X: 2, Y: 1, Z: 2 } }];
  // all three score 25: X and Z have the higher mean (2), and X comes first in the questionnaire
  assert.deepEqual(scoreQuestionnaire(flat, one, method).ranked.map((r) => r.id), ["X", "Z", "Y"]);
  const zeros = [{ id: "r1", name: "", ratings: { X: 0, Y: 0 } }];
  const s = scoreQuestionnaire(flat, zeros, method);
  assert.deepEqual(s.ranked.map((r) => r.id), ["X", "Y"]);
  assert.deepEqual(s.priorities, []);
});

test("no raters, no answers: nothing ranked, nothing to divide by zero", () => {
  const s = scoreQuestionnaire(risk, [], method);
  assert.deepEqual(s.ranked, []);
  assert.equal(s.awareness, null);
  assert.equal(s.total, 0);
  assert.ok(s.themes.every((th) => th.score === null && th.awareness === null));
  assert.equal(awareness(0, 0), null);
  assert.equal(awareness(0, 3), 0);
});

test("raters are added with fresh ids, renamed, rated and removed", () => {
  let list = addRater([]);
  assert.deepEqual(list, [{ id: "r1", name: "", ratings: {} }]);
  list = addRater(list, "  Water utility  ");
  assert.equal(list[1].id, "r2");
  assert.equal(list[1].name, "Water utility");
  list = removeRater(list, "r1");
  assert.equal(nextRaterId(list), "r3", "a removed rater's number is not reused while a higher one exists");
  assert.equal(raterNumber(list, "r2"), 2);
  assert.equal(raterNumber([{ id: "anna" }, { id: "ben" }], "ben"), 2, "ids from elsewhere: their position");
  list = renameRater(list, "r2", "x".repeat(200));
  assert.equal(list[0].name.length, 80);
  const before = list;
  list = rate(list, "r2", "A", 3);
  assert.deepEqual(list[0].ratings, { A: 3 });
  assert.deepEqual(before[0].ratings, {}, "the previous list is left unchanged");
  list = rate(list, "r2", "A", DONT_KNOW);
  assert.equal(list[0].ratings.A, DONT_KNOW);
  assert.throws(() => rate(list, "r2", "A", 5), RangeError);
  assert.throws(() => rate(list, "r2", "A", "3"), RangeError);
});

test("raters from another member's file are added under new ids; empty ones are left out", () => {
  const current = [{ id: "r1", name: "Facilitator", ratings: { A: 2 } }];
  const incoming = [{ id: "r1", name: "Nurse", ratings: { A: 4 } }, { id: "r2", name: "Nobody", ratings: {} }];
  const { raters: merged, added } = mergeRaters(current, incoming);
  assert.equal(added, 1);
  assert.deepEqual(merged, [current[0], { id: "r2", name: "Nurse", ratings: { A: 4 } }]);
  const again = mergeRaters(merged, [{ id: "r9", name: "Nurse", ratings: { A: 4 } }, { id: "r8", name: "Nurse", ratings: { A: 3 } }]);
  assert.equal(again.added, 1, "the same member's file added twice counts once; a changed answer is a new rater");
  const full = Array.from({ length: 30 }, (_, i) => ({ id: `r${i + 1}`, name: "", ratings: { A: 1 } }));
  assert.equal(mergeRaters(full, [{ id: "x", name: "One more", ratings: { A: 2 } }]).added, 0, "at most 30 raters");
});

test("stored and imported raters are validated: hostile or unknown data is refused with a reason", () => {
  const scenarios = new Set(["A", "B"]);
  assert.deepEqual(validateRaters(undefined, "tools.risk.raters", scenarios), []);
  const good = [{ id: "r1", name: "Engineer", ratings: { A: 0, B: DONT_KNOW }, extra: "dropped" }];
  assert.deepEqual(validateRaters(good, "tools.risk.raters", scenarios), [{ id: "r1", name: "Engineer", ratings: { A: 0, B: DONT_KNOW } }]);
  const refused = (value, key = "data.bad_field") => assert.throws(() => validateRaters(value, "tools.risk.raters", scenarios),
    (e) => e.key === key, JSON.stringify(value).slice(0, 60));
  refused("r1");
  refused([{ id: "r1", ratings: { A: 5 } }]);
  refused([{ id: "r1", ratings: { A: 2.5 } }]);
  refused([{ id: "r1", ratings: { A: "4" } }]);
  refused([{ id: "r1", ratings: { A: -1 } }]);
  refused([{ id: "<img src=x>", ratings: {} }]);
  refused([{ id: "r1", name: "<b>".repeat(30), ratings: {} }]);
  refused([{ id: "r1", ratings: {} }, { id: "r1", ratings: {} }]);
  refused([{ id: "r1", ratings: { Z: 1 } }], "data.unknown_id");
  refused(Array.from({ length: 31 }, (_, i) => ({ id: `r${i}`, ratings: {} })));
});

test("the store imports the questionnaire's answers through the tool's entry", () => {
  const known = { scenarios: new Set(["A"]) };
  const file = JSON.stringify({ version: 1, tools: { risk: { raters: [{ id: "r1", name: "Planner", ratings: { A: 3 } }] } } });
  const result = parseImport(file, known);
  assert.equal(result.ok, true);
  assert.deepEqual(result.state.tools.risk.raters, [{ id: "r1", name: "Planner", ratings: { A: 3 } }]);
  assert.deepEqual(emptyState().tools.risk, { raters: [] });
  const bad = parseImport(JSON.stringify({ version: 1, tools: { risk: { raters: [{ id: "r1", ratings: { A: 9 } }] } } }), known);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.params.field, "tools.risk.raters.0.ratings.A");
});

test("labels wrap at spaces, and overlong words are cut with a hyphen", () => {
  assert.deepEqual(wrapLabel("Water and drainage pumps stop", 12), ["Water and", "drainage", "pumps stop"]);
  assert.deepEqual(wrapLabel("Notstromaggregaten geht", 10), ["Notstroma-", "ggregaten", "geht"]);
  assert.ok(wrapLabel("Entwässerungspumpenstörungsmeldung", 8).every((l) => l.length <= 8));
});

test("the diagram draws one box per factor, arrows between them, and a return arrow for a cycle only", () => {
  const labels = ["<Heat>", "Demand & peaks", "Waste heat"];
  const chain = chainDiagram(labels, { cycle: false, id: "d1", title: "Chain of 3" });
  const cycle = chainDiagram(labels, { cycle: true, id: "d2", title: "Cycle of 3" });
  for (const svg of [chain, cycle]) {
    assert.ok(svg.startsWith("<svg") && svg.includes('role="img"'));
    assert.equal((svg.match(/<rect /g) || []).length, 3);
    assert.equal((svg.match(/<line /g) || []).length, 2, "two arrows between three boxes");
    assert.ok(svg.includes("&lt;Heat&gt;") && svg.includes("Demand &amp; peaks") && !svg.includes("<Heat>"));
  }
  assert.ok(chain.includes('aria-labelledby="d1-title"') && chain.includes('<title id="d1-title">Chain of 3</title>'));
  assert.ok(!chain.includes("<path"), "a chain has no return arrow");
  assert.equal((cycle.match(/<path /g) || []).length, 1, "a cycle returns from the last box to the first");
  const six = chainDiagram(["a", "b", "c", "d", "e", "f"], { cycle: true, id: "d3", title: "t" });
  assert.equal((six.match(/<rect /g) || []).length, 6);
});
