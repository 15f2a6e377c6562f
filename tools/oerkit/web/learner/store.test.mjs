import assert from "node:assert/strict";
import { test } from "node:test";
import { LearnerStore, decodeShare, emptyState, encodeShare, mergeImported, parseImport, validateState } from "./store.mjs";

const known = { modules: new Set(["A", "B"]), competences: new Set(["C1"]) };

test("a saved state survives validation unchanged", () => {
  const state = emptyState();
  state.assessment.ratings.C1 = 2;
  state.plan.pinned = ["A"];
  state.quizzes.A = { responses: { q1: "a", q2: ["a", "b"], q3: true, q4: { a: "b" } }, finished: true, score: 80, outcomeMastery: { o1: { score: 0.8, items: 5 } }, position: 3 };
  const result = validateState(JSON.parse(JSON.stringify(state)), known);
  assert.equal(result.ok, true);
  assert.deepEqual(result.state, state);
});

test("hostile and malformed imports are refused with a reason", () => {
  const cases = [
    ["not json {", "data.not_json"],
    ["[]", "data.not_object"],
    [JSON.stringify({ version: 99 }), "data.bad_version"],
    [JSON.stringify({ version: 1, assessment: { ratings: { C1: "<script>alert(1)</script>" } } }), "data.bad_field"],
    [JSON.stringify({ version: 1, plan: { pinned: ["<img src=x onerror=alert(1)>"] } }), "data.bad_field"],
    [JSON.stringify({ version: 1, plan: { pinned: ["Z9"] } }), "data.unknown_id"],
    [JSON.stringify({ version: 1, assessment: { profile: { weeklyHours: 1e9 } } }), "data.bad_field"],
    [JSON.stringify({ version: 1, assessment: { profile: { experience: "x".repeat(5000) } } }), "data.bad_field"],
    ["x".repeat(300000), "data.too_large"],
  ];
  for (const [text, key] of cases) {
    const result = parseImport(text, known);
    assert.equal(result.ok, false, text.slice(0, 40));
    assert.equal(result.error.key, key, text.slice(0, 40));
  }
});

test("unknown fields and prototype keys are dropped, not merged", () => {
  const result = parseImport('{"version":1,"__proto__":{"polluted":true},"extra":1,"plan":{"order":["B"]}}', known);
  assert.equal(result.ok, true);
  assert.equal({}.polluted, undefined);
  assert.equal("extra" in result.state, false);
  assert.deepEqual(result.state.plan.order, ["B"]);
});

test("share links round-trip the plan and the profile, and refuse garbage", () => {
  const state = emptyState();
  state.plan.pinned = ["B"];
  state.assessment.profile.weeklyHours = 7;
  state.assessment.ratings.C1 = 3;
  const decoded = decodeShare("#" + encodeShare(state), known);
  assert.equal(decoded.ok, true);
  assert.deepEqual(decoded.state.plan.pinned, ["B"]);
  assert.equal(decoded.state.assessment.profile.weeklyHours, 7);
  assert.deepEqual(decoded.state.assessment.ratings, {}, "ratings are not shared");
  assert.equal(decodeShare("#other", known), null);
  assert.equal(decodeShare("#plan=!!!", known), null);
  assert.equal(decodeShare("#plan=bm90LWpzb24", known).ok, false);
});

test("the store keeps one key, replaces corrupt data and can delete it", () => {
  const memory = new Map();
  const storage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v), removeItem: (k) => memory.delete(k) };
  const store = new LearnerStore(storage, "oerkit:test");
  const state = store.load();
  state.assessment.ratings.C1 = 1;
  assert.equal(store.save(state), true);
  assert.deepEqual([...memory.keys()], ["oerkit:test"]);
  assert.equal(store.load().assessment.ratings.C1, 1);
  memory.set("oerkit:test", "{corrupt");
  assert.deepEqual(store.load(), emptyState());
  store.clear();
  assert.equal(memory.size, 0);
});

test("importing a plan file keeps the assessment; importing everything replaces everything", () => {
  const current = emptyState();
  current.assessment.ratings.C1 = 3;
  current.plan.pinned = ["A"];
  const planFile = JSON.stringify({ version: 1, assessment: { profile: { weeklyHours: 9 } }, plan: { pinned: ["B"] }, journey: [] });
  const parsed = parseImport(planFile, known);
  const merged = mergeImported(current, parsed.state, parsed.raw);
  assert.equal(merged.assessment.ratings.C1, 3);
  assert.deepEqual(merged.plan.pinned, ["B"]);
  assert.equal(merged.assessment.profile.weeklyHours, 9);
  const all = emptyState();
  const full = parseImport(JSON.stringify(all), known);
  assert.deepEqual(mergeImported(current, full.state, full.raw).assessment.ratings, {});
});
