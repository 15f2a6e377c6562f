import assert from "node:assert/strict";
import { test } from "node:test";
import { isAnswered, normaliseAnswer, scoreItem, scoreQuiz } from "./scoring.mjs";

const single = { id: "q1", type: "single", outcomes: ["o1"], options: [{ id: "a", correct: true }, { id: "b" }] };
const multiple = { id: "q2", type: "multiple", outcomes: ["o1"], options: [{ id: "a", correct: true }, { id: "b", correct: true }, { id: "c" }] };
const tf = { id: "q3", type: "truefalse", outcomes: ["o2"], answer: false };
const matching = { id: "q4", type: "matching", outcomes: ["o2"], pairs: [{ id: "a" }, { id: "b" }, { id: "c" }] };
const ordering = { id: "q5", type: "ordering", outcomes: ["o2"], sequence: [{ id: "x" }, { id: "y" }, { id: "z" }] };
const blank = { id: "q6", type: "fill_blank", outcomes: ["o1"], blanks: [{ answers: ["2030", "twenty thirty"] }, { answers: ["Sendai"] }] };

test("single choice: right, wrong and unanswered", () => {
  assert.equal(scoreItem(single, "a").correct, true);
  assert.deepEqual(scoreItem(single, "b"), { score: 0, correct: false, parts: { b: false } });
  assert.equal(scoreItem(single, undefined).score, 0);
  assert.equal(scoreItem(single, "zzz").correct, false);
});

test("multiple response: partial credit, wrong choices cost, never below zero", () => {
  assert.equal(scoreItem(multiple, ["a", "b"]).correct, true);
  assert.equal(scoreItem(multiple, ["a"]).score, 0.5);
  assert.equal(scoreItem(multiple, ["a", "c"]).score, 0);
  assert.equal(scoreItem(multiple, ["c"]).score, 0);
  assert.deepEqual(scoreItem(multiple, ["a", "c"]).parts, { a: true, c: false });
});

test("true/false uses booleans only", () => {
  assert.equal(scoreItem(tf, false).correct, true);
  assert.equal(scoreItem(tf, true).correct, false);
  assert.equal(isAnswered(tf, "false"), false);
});

test("matching and ordering score the share placed right", () => {
  assert.equal(scoreItem(matching, { a: "a", b: "c", c: "b" }).score, 1 / 3);
  assert.equal(isAnswered(matching, { a: "a" }), false);
  assert.equal(scoreItem(ordering, ["x", "y", "z"]).correct, true);
  assert.equal(scoreItem(ordering, ["y", "x", "z"]).score, 1 / 3);
});

test("fill in the blank ignores case, spaces and Unicode form", () => {
  assert.equal(scoreItem(blank, [" 2030 ", "sendai"]).correct, true);
  assert.equal(scoreItem(blank, ["Twenty  Thirty", "Hyogo"]).score, 0.5);
  assert.equal(normaliseAnswer("Ανθεκτικότητα"), normaliseAnswer("ανθεκτικότητα"));
});

test("quiz score in percent over all items, unanswered count as zero", () => {
  const result = scoreQuiz([single, tf, blank], { q1: "a", q3: true });
  assert.equal(result.score, 33);
  assert.equal(result.answered, 2);
  assert.equal(scoreQuiz([], {}).score, 0);
});
