import assert from "node:assert/strict";
import { test } from "node:test";
import { aheadOfStage, estimateStages, filterPolicies } from "./maturity.mjs";

const model = {
  stages: [{ id: "S" }, { id: "M" }, { id: "A" }],
  subdimensions: [{ id: "L1" }, { id: "P1" }],
  policies: [
    { code: "L1S1", subdimension: "L1", stage: "S", stakeholders: ["municipality"], title: "Team", summary: "" },
    { code: "L1M1", subdimension: "L1", stage: "M", stakeholders: [], title: "Integrate", summary: "" },
    { code: "L1A1", subdimension: "L1", stage: "A", stakeholders: [], title: "Holistic", summary: "" },
    { code: "P1S1", subdimension: "P1", stage: "S", stakeholders: ["citizens"], title: "Assess", summary: "" },
    { code: "P1S2", subdimension: "P1", stage: "S", stakeholders: [], title: "Prioritise assets", summary: "" },
  ],
};

test("nothing in place: not yet Starting, the Starting policies come next", () => {
  const e = estimateStages(model, []);
  assert.deepEqual(e.L1, { stage: 0, stageId: null, next: ["L1S1"] });
  assert.deepEqual(e.P1.next, ["P1S1", "P1S2"]);
});

test("a stage counts only when all its policies and all earlier ones are in place", () => {
  const e = estimateStages(model, ["L1S1", "L1M1", "P1S1"]);
  assert.deepEqual(e.L1, { stage: 2, stageId: "M", next: ["L1A1"] });
  assert.deepEqual(e.P1, { stage: 0, stageId: null, next: ["P1S2"] });
  assert.deepEqual(estimateStages(model, ["L1S1", "L1M1", "L1A1"]).L1, { stage: 3, stageId: "A", next: [] });
});

test("policies done out of order are noted", () => {
  const inPlace = ["L1A1"];
  assert.deepEqual(aheadOfStage(model, inPlace, estimateStages(model, inPlace)), ["L1A1"]);
});

test("the portfolio filters by dimension, stage, stakeholder and text", () => {
  assert.deepEqual(filterPolicies(model.policies, { dimension: "P" }).map((p) => p.code), ["P1S1", "P1S2"]);
  assert.deepEqual(filterPolicies(model.policies, { stage: "S", stakeholder: "citizens" }).map((p) => p.code), ["P1S1"]);
  assert.deepEqual(filterPolicies(model.policies, { text: "assets" }).map((p) => p.code), ["P1S2"]);
});
