import assert from "node:assert/strict";
import { test } from "node:test";
import { answer, finish, restart, startSession } from "./quiz-session.mjs";

const items = [
  { id: "q1", type: "single", outcomes: ["o1"], options: [{ id: "a", correct: true }, { id: "b" }] },
  { id: "q2", type: "truefalse", outcomes: ["o2"], answer: true },
];

test("answers give instant results; finishing gives score and mastery per outcome", () => {
  let state = startSession(items, null);
  let r = answer(items, state, "q1", "a");
  assert.equal(r.result.correct, true);
  state = answer(items, r.state, "q2", false).state;
  const { state: done, summary } = finish(items, state, 70);
  assert.equal(summary.score, 50);
  assert.equal(summary.passed, false);
  assert.deepEqual(summary.outcomeMastery, { o1: { score: 1, items: 1 }, o2: { score: 0, items: 1 } });
  assert.equal(done.finished, true);
  r = answer(items, done, "nope", "a");
  assert.equal(r.result, null);
});

test("a saved session resumes, dropping answers to items that no longer exist", () => {
  const state = startSession(items, { responses: { q1: "b", gone: "x" }, position: 9 });
  assert.deepEqual(state.responses, { q1: "b" });
  assert.equal(state.position, 1);
  assert.deepEqual(restart(state).responses, {});
});
