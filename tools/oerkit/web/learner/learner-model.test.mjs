import assert from "node:assert/strict";
import { test } from "node:test";
import { evidenceFromState, prioritiesFromState, statusesFromState } from "./learner-model.mjs";
import { emptyState } from "./store.mjs";

const data = {
  maxLevel: 4, masteryScore: 70,
  areas: [{ id: "A", competences: [{ id: "C1", target: 3, criticality: 5 }, { id: "C2", target: 2, criticality: 2 }] }],
  outcomes: { "M1-1": { competences: ["C1"] }, "M2-1": { competences: ["C2"] } },
  modules: [{ id: "M1", outcomes: ["M1-1"] }, { id: "M2", outcomes: ["M2-1"] }],
  checks: { C1: [{ id: "k1", type: "truefalse", outcomes: ["M1-1"], answer: true }] },
};

test("knowledge checks and quizzes both count as evidence", () => {
  const state = emptyState();
  state.assessment.checks.k1 = false;
  state.quizzes.M2 = { responses: {}, finished: true, score: 100, outcomeMastery: { "M2-1": { score: 1, items: 3 } }, position: 0 };
  assert.deepEqual(evidenceFromState(data, state), { C1: { score: 0, items: 1 }, C2: { score: 1, items: 3 } });
});

test("priorities from gaps and hand-picked targets; statuses from finished quizzes", () => {
  const state = emptyState();
  state.assessment.ratings = { C1: 1, C2: 2 };
  state.plan.targets = ["C2"];
  assert.deepEqual(prioritiesFromState(data, state), { C1: 10, C2: 2 });
  state.quizzes.M1 = { responses: {}, finished: true, score: 40, outcomeMastery: { "M1-1": { score: 0.4, items: 5 } }, position: 0 };
  const statuses = statusesFromState(data, state);
  assert.deepEqual(statuses.M1, { status: "failed", weakOutcomes: ["M1-1"] });
  assert.equal(statuses.M2.status, "not-taken");
});
