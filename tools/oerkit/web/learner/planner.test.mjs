import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleRelevance, planHours, planJourney, schedule, toIcs } from "./planner.mjs";

const outcomes = { "A-1": { competences: ["C1"] }, "B-1": { competences: ["C2"] }, "C-1": { competences: ["C1", "C3"] } };
const modules = [
  { id: "A", hours: 4, prerequisites: [], outcomes: ["A-1"], activities: [{ id: "A-x", strategy: "case-study", outcomes: ["A-1"] }, { id: "A-y", strategy: "self-paced", outcomes: [] }] },
  { id: "B", hours: 4, prerequisites: ["A"], outcomes: ["B-1"], activities: [{ id: "B-x", strategy: "simulation", outcomes: ["B-1"] }] },
  { id: "C", hours: 8, prerequisites: ["B"], outcomes: ["C-1"], activities: [] },
];

test("relevance sums gap priorities over the module's outcomes", () => {
  assert.equal(moduleRelevance(modules[2], outcomes, { C1: 10, C3: 2 }), 12);
  assert.equal(moduleRelevance(modules[0], outcomes, {}), 0);
});

test("gap modules bring their prerequisites, in an order that respects them", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C3: 5 } });
  assert.deepEqual(plan.items.map((i) => [i.id, i.reason]), [["A", "prerequisite"], ["B", "prerequisite"], ["C", "gap"]]);
  assert.deepEqual(plan.messages, []);
});

test("no gaps gives an empty plan", () => {
  assert.deepEqual(planJourney({ modules, outcomes, priorities: {} }).items, []);
});

test("everything a gap gives every module", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C1: 1, C2: 1, C3: 1 } });
  assert.deepEqual(plan.items.map((i) => i.id), ["A", "B", "C"]);
});

test("pinning adds a module; skipping a needed prerequisite is reported", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C2: 3 }, pinned: ["C"], skipped: ["A"] });
  assert.deepEqual(plan.items.map((i) => i.id), ["B", "C"]);
  assert.deepEqual(plan.messages, [{ key: "plan.skipped_prerequisite", params: { module: "B", prerequisite: "A" } }]);
});

test("skipping a mastered prerequisite is fine", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C2: 3 }, skipped: ["A"], statuses: { A: { status: "mastered", weakOutcomes: [] } } });
  assert.deepEqual(plan.messages, []);
});

test("a manual order that breaks a prerequisite is reported and not followed", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C3: 1 }, order: ["B", "A", "C"] });
  assert.deepEqual(plan.items.map((i) => i.id), ["A", "B", "C"]);
  assert.deepEqual(plan.violations, [{ key: "plan.order_breaks_prerequisite", params: { module: "B", prerequisite: "A" } }]);
});

test("quiz results: mastered modules are done, failed ones recommend activities for weak outcomes", () => {
  const plan = planJourney({
    modules, outcomes, priorities: { C3: 1 },
    statuses: { A: { status: "mastered", weakOutcomes: [] }, B: { status: "failed", weakOutcomes: ["B-1"] } },
  });
  const byId = Object.fromEntries(plan.items.map((i) => [i.id, i]));
  assert.equal(byId.A.status, "done");
  assert.equal(byId.B.status, "revisit");
  assert.deepEqual(byId.B.revisit, ["B-x"]);
  assert.equal(planHours(plan.items, modules), 12);
});

test("activities follow preferred strategies, or all when none match", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C1: 1 }, strategies: ["case-study"] });
  assert.deepEqual(plan.items.find((i) => i.id === "A").activities, ["A-x"]);
  const none = planJourney({ modules, outcomes, priorities: { C1: 1 }, strategies: ["discussion"] });
  assert.deepEqual(none.items.find((i) => i.id === "A").activities, ["A-x", "A-y"]);
});

test("cyclic or missing data never hangs", () => {
  const cyclic = [
    { id: "X", hours: 1, prerequisites: ["Y", "MISSING"], outcomes: ["A-1"], activities: [] },
    { id: "Y", hours: 1, prerequisites: ["X"], outcomes: [], activities: [] },
  ];
  const plan = planJourney({ modules: cyclic, outcomes, priorities: { C1: 1 } });
  assert.deepEqual(plan.items.map((i) => i.id).sort(), ["X", "Y"]);
  assert.deepEqual(planJourney({}).items, []);
});

test("schedule fills weekly hours, modules span weeks", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C3: 1 } });
  const s = schedule(plan.items, modules, 5, "2027-01-04");
  assert.equal(s.totalHours, 16);
  assert.equal(s.weeks.length, 4);
  assert.deepEqual(s.weeks[0].entries, [{ id: "A", hours: 4 }, { id: "B", hours: 1 }]);
  assert.deepEqual(s.weeks[1], { index: 2, start: "2027-01-11", end: "2027-01-17", entries: [{ id: "B", hours: 3 }, { id: "C", hours: 2 }] });
  assert.equal(s.end, "2027-01-31");
});

test("zero weekly hours and bad dates give messages, not schedules", () => {
  assert.deepEqual(schedule([{ id: "A", status: "todo" }], modules, 0, "2027-01-04").messages, [{ key: "plan.zero_hours", params: {} }]);
  assert.equal(schedule([{ id: "A", status: "todo" }], modules, 4, "2027-02-30").messages[0].key, "plan.bad_start");
});

test("a schedule past the target date says how many hours a week would fit", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C3: 1 } });
  const s = schedule(plan.items, modules, 2, "2027-01-04", "2027-01-17");
  assert.deepEqual(s.messages, [{ key: "plan.past_target", params: { end: "2027-02-28", needed: 8 } }]);
});

test("iCalendar: CRLF lines, escaped text, folded long lines, all-day events", () => {
  const plan = planJourney({ modules, outcomes, priorities: { C1: 1 } });
  const s = schedule(plan.items, modules, 4, "2027-01-04");
  const ics = toIcs(s, { A: "Risk, systems; and a very long title that goes on and on to force folding of lines" }, "My plan");
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  assert.ok(ics.includes("DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270111"));
  assert.ok(ics.includes("Risk\\, systems\\; and"));
  assert.ok(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75));
  assert.equal(toIcs(s, {}, "x"), toIcs(s, {}, "x"));
});
