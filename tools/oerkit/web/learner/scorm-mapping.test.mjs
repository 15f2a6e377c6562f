import assert from "node:assert/strict";
import { test } from "node:test";
import { correctPattern, decodeSuspend, encodeSuspend, formatResponse, resultWord, timespan, timestamp } from "./scorm-mapping.mjs";

const single = { id: "q1", type: "single", options: [{ id: "a" }, { id: "b", correct: true }] };
const multiple = { id: "q2", type: "multiple", options: [{ id: "a", correct: true }, { id: "b" }, { id: "c", correct: true }] };
const tf = { id: "q3", type: "truefalse", answer: true };
const matching = { id: "q4", type: "matching", pairs: [{ id: "a" }, { id: "b" }] };
const ordering = { id: "q5", type: "ordering", sequence: [{ id: "x" }, { id: "y" }] };
const blank = { id: "q6", type: "fill_blank", blanks: [{ answers: ["2030"] }, { answers: ["Sendai Framework"] }] };

test("responses and patterns in SCORM 1.2 format", () => {
  assert.equal(formatResponse(multiple, ["a", "c"], "1.2"), "a,c");
  assert.equal(formatResponse(tf, true, "1.2"), "t");
  assert.equal(formatResponse(matching, { a: "b", b: "a" }, "1.2"), "a.b,b.a");
  assert.equal(correctPattern(blank, "1.2"), "2030,Sendai_Framework");
  assert.equal(correctPattern(single, "1.2"), "b");
  assert.equal(resultWord(false, "1.2"), "wrong");
});

test("responses and patterns in SCORM 2004 format", () => {
  assert.equal(formatResponse(multiple, ["a", "c"], "2004"), "a[,]c");
  assert.equal(formatResponse(tf, false, "2004"), "false");
  assert.equal(formatResponse(matching, { a: "b", b: "a" }, "2004"), "a[.]b[,]b[.]a");
  assert.equal(correctPattern(ordering, "2004"), "x[,]y");
  assert.equal(correctPattern(blank, "2004"), "2030[,]Sendai Framework");
  assert.equal(resultWord(false, "2004"), "incorrect");
});

test("suspend data round-trips every item type", () => {
  const items = [single, multiple, tf, matching, ordering, blank];
  const state = { seen: [true, false, true], location: 2, finished: true,
    responses: { q1: "b", q2: ["a", "c"], q3: false, q4: { a: "b", b: "a" }, q5: ["y", "x"], q6: ["2030", "x"] } };
  const text = encodeSuspend(items, state);
  assert.deepEqual(decodeSuspend(items, text, 3), state);
});

test("corrupt or foreign suspend data starts fresh", () => {
  assert.deepEqual(decodeSuspend([single], "garbage", 2), { seen: [false, false], location: 0, finished: false, responses: {} });
  assert.deepEqual(decodeSuspend([single], '{"l": 99, "r": [[7]]}', 2).location, 0);
});

test("durations and moments in the SCORM 1.2 and 2004 formats", () => {
  const ms = ((1 * 60 + 2) * 60 + 3) * 1000 + 456; // 1 h 2 min 3.456 s
  assert.equal(timespan(ms, "2004"), "PT1H2M3.46S");
  assert.equal(timespan(ms, "1.2"), "0001:02:03.46");
  assert.equal(timespan(0, "2004"), "PT0H0M0S");
  assert.equal(timespan(-5, "1.2"), "0000:00:00.00"); // a clock set back never gives a negative time
  assert.match(timespan(12.5 * 3600 * 1000, "1.2"), /^0012:30:00\.00$/);
  const moment = new Date(2026, 10, 23, 9, 5, 7);
  assert.equal(timestamp(moment, "2004"), "2026-11-23T09:05:07");
  assert.equal(timestamp(moment, "1.2"), "09:05:07");
  assert.match(timespan(61_000, "2004"), /^PT\d+H\d+M\d+(\.\d{1,2})?S$/); // the 2004 timeinterval form
});
