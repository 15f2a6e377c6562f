import assert from "node:assert/strict";
import { test } from "node:test";
import { currentLevel, gapAnalysis, progress } from "./assessment.mjs";

const comps = [
  { id: "C1", target: 4, criticality: 5 },
  { id: "C2", target: 2, criticality: 2 },
  { id: "C3", target: 3, criticality: 4 },
];

test("self-rating alone is the current level", () => {
  assert.deepEqual(currentLevel(2, undefined, 4), { level: 2, evidenceLevel: null, disagreement: null });
});

test("evidence pulls the estimate down and a large difference is flagged", () => {
  const r = currentLevel(4, { score: 0, items: 2 }, 4);
  assert.equal(r.level, 2);
  assert.equal(r.disagreement, "self-higher");
  assert.equal(currentLevel(0, { score: 1, items: 4 }, 4).disagreement, "self-lower");
});

test("between two levels the lower one counts", () => {
  assert.equal(currentLevel(3, { score: 0.5, items: 2 }, 4).level, 2); // 0.5*3 + 0.5*2 = 2.5
});

test("nothing known gives no level and no gap", () => {
  const rows = gapAnalysis(comps, {}, {}, 4);
  assert.ok(rows.every((r) => r.current === null && r.gap === null && r.priority === null));
});

test("gaps ranked by gap x criticality", () => {
  const rows = gapAnalysis(comps, { C1: 2, C2: 0, C3: 3 }, {}, 4);
  assert.deepEqual(rows.map((r) => [r.id, r.priority]), [["C1", 10], ["C2", 4], ["C3", 0]]);
});

test("no gaps when every target is met; everything a gap when nothing is known but ratings of 0", () => {
  assert.ok(gapAnalysis(comps, { C1: 4, C2: 4, C3: 4 }, {}, 4).every((r) => r.gap === 0));
  const all = gapAnalysis(comps, { C1: 0, C2: 0, C3: 0 }, {}, 4);
  assert.deepEqual(all.map((r) => r.gap), [4, 3, 2]);
});

test("progress counts rated competences", () => {
  assert.deepEqual(progress(comps, { C1: 1, C3: 0 }), { rated: 2, total: 3, complete: false });
});
