import assert from "node:assert/strict";
import { test } from "node:test";
import { levelChart } from "./chart.mjs";

test("chart escapes labels and draws one bar per assessed competence", () => {
  const svg = levelChart([{ id: "C1", label: "<b>Risk</b> & more", current: 2, target: 4 }, { id: "C2", label: "Other", current: null, target: 1 }],
    4, { title: "Levels", current: "Current", target: "Target" });
  assert.ok(svg.startsWith("<svg") && svg.includes('role="img"'));
  assert.ok(svg.includes("&lt;b&gt;Risk&lt;/b&gt; &amp; more"));
  assert.ok(!svg.includes("<b>"));
  assert.equal((svg.match(/fill="#3f51b5"/g) || []).length, 2); // the legend and C1's bar
});
