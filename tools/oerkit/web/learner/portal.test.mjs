import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_TEXT } from "./fields.mjs";
import { ALL, filterEntries, matchesWords, queryWords, searchKey, searchWithView, setNote, shortlistEntries, toggleShortlist, viewFromSearch } from "./portal.mjs";
import { emptyState, mergeImported, parseImport, validateState } from "./store.mjs";

const finds = (text, query) => matchesWords(searchKey(text), queryWords(query));

const entry = (id, props) => ({ id, kind: "resource", audiences: [], frameworks: [], topics: [], modules: [], key: "", ...props });
const entries = [
  entry("iso-37123", { audiences: ["city-manager", "infrastructure-provider"], frameworks: ["iso-37123"], topics: ["hazards-risk"],
    modules: ["P2", "R2"], key: searchKey("ISO 37123: indicators for resilient cities. Δείκτες για ανθεκτικές πόλεις") }),
  entry("ind-warning", { kind: "indicator", audiences: ["city-manager", "citizen"], frameworks: ["iso-37123"], topics: ["preparedness-response"],
    modules: ["P5"], key: searchKey("Reach of warning systems. Frühwarnsystem") }),
  entry("src-reports", { kind: "data-source", audiences: ["citizen"], topics: ["preparedness-response", "data-digital"],
    modules: ["T2"], key: searchKey("Comunicações dos cidadãos: uma árvore caída") }),
];
const ids = (list) => list.map((e) => e.id);

test("search ignores Greek accents, dialytika and the final sigma, in the text and in the query", () => {
  assert.equal(searchKey("Ανθεκτικότητα"), "ανθεκτικοτητα");
  assert.ok(finds("Η ανθεκτικότητα της πόλης", "ανθεκτικοτητα"));
  assert.ok(finds("Η ανθεκτικοτητα της πολης", "ΑΝΘΕΚΤΙΚΌΤΗΤΑ"));
  assert.ok(finds("Προϋπολογισμός για την ανθεκτικότητα", "προυπολογισμος"));
  assert.ok(finds("ΚΙΝΔΥΝΟΣ", "κίνδυνος"), "capital Σ and final ς are the same letter");
  assert.ok(finds("κίνδυνος πλημμύρας", "κινδυνοσ"));
  assert.ok(finds("οι κίνδυνοι", "κινδυν"), "a word may stop inside a longer, inflected word");
  assert.ok(!finds("Ανθεκτικότητα", "ανθεκτικοτητες"));
});

test("search ignores Latin accents and capitals, and ß matches ss", () => {
  assert.ok(finds("Preparação e resposta", "PREPARACAO"));
  assert.ok(finds("Überwachung der öffentlichen Gesundheit", "offentlichen uberwachung"));
  assert.ok(finds("Straßenebene", "strassen"));
  assert.ok(finds("STRASSENEBENE", "Straße"));
  assert.ok(finds("Organiser la réponse", "reponse"));
});

test("decomposed and composed text are the same to the search", () => {
  const decomposed = "ανθεκτικότητα".normalize("NFD");
  assert.notEqual(decomposed, "ανθεκτικότητα");
  assert.ok(finds(decomposed, "ανθεκτικότητα"));
  assert.ok(finds("ανθεκτικότητα", decomposed));
});

test("every word of the query must be found; punctuation and repeated words do not matter", () => {
  assert.ok(finds("CWA 17302:2018 City resilience development: information portal", "cwa 17302:2018 portal"));
  assert.ok(finds("Reach of warning systems", "  warning,   reach  "));
  assert.ok(!finds("Reach of warning systems", "warning sirens"));
  assert.deepEqual(queryWords("flood, flood FLOOD"), ["flood"]);
});

test("an empty or blank query finds everything", () => {
  assert.deepEqual(queryWords(""), []);
  assert.deepEqual(queryWords("  ,;  "), []);
  assert.ok(finds("anything", ""));
  assert.equal(searchKey(undefined), "");
});

test("the audience view shows the entries meant for that audience; all shows every entry", () => {
  assert.deepEqual(ids(filterEntries(entries, { audience: ALL })), ["iso-37123", "ind-warning", "src-reports"]);
  assert.deepEqual(ids(filterEntries(entries, { audience: "citizen" })), ["ind-warning", "src-reports"]);
  assert.deepEqual(ids(filterEntries(entries, { audience: "infrastructure-provider" })), ["iso-37123"]);
  assert.deepEqual(ids(filterEntries(entries, {})), ids(entries), "no criteria: everything");
});

test("filters combine with each other, with the view and with the search", () => {
  assert.deepEqual(ids(filterEntries(entries, { kind: "indicator" })), ["ind-warning"]);
  assert.deepEqual(ids(filterEntries(entries, { framework: "iso-37123" })), ["iso-37123", "ind-warning"]);
  assert.deepEqual(ids(filterEntries(entries, { topic: "preparedness-response", audience: "citizen" })), ["ind-warning", "src-reports"]);
  assert.deepEqual(ids(filterEntries(entries, { module: "P2" })), ["iso-37123"]);
  assert.deepEqual(ids(filterEntries(entries, { framework: "iso-37123", audience: "citizen", words: queryWords("warning") })), ["ind-warning"]);
  assert.deepEqual(ids(filterEntries(entries, { words: queryWords("πολεις") })), ["iso-37123"]);
  assert.deepEqual(ids(filterEntries(entries, { words: queryWords("arvore caida") })), ["src-reports"]);
  assert.deepEqual(ids(filterEntries(entries, { kind: "data-source", framework: "iso-37123" })), []);
});

test("the view comes from the page address only when the portal has that audience", () => {
  const audiences = [{ id: "city-manager" }, { id: "citizen" }];
  assert.equal(viewFromSearch("?view=citizen", audiences), "citizen");
  assert.equal(viewFromSearch("?lang=el&view=city-manager", audiences), "city-manager");
  assert.equal(viewFromSearch("?view=mayor", audiences), ALL);
  assert.equal(viewFromSearch("", audiences), ALL);
  assert.equal(searchWithView("", "citizen"), "?view=citizen");
  assert.equal(searchWithView("?view=citizen&x=1", ALL), "?x=1");
  assert.equal(searchWithView("?view=citizen", ALL), "");
});

test("the shortlist keeps each entry once, in the order added", () => {
  let list = toggleShortlist([], "b", true);
  list = toggleShortlist(list, "a", true);
  list = toggleShortlist(list, "b", true);
  assert.deepEqual(list, ["b", "a"]);
  assert.deepEqual(toggleShortlist(list, "b", false), ["a"]);
  assert.deepEqual(toggleShortlist(list, "zz", false), ["b", "a"]);
  assert.deepEqual(ids(shortlistEntries(["src-reports", "gone", "iso-37123"], entries)), ["src-reports", "iso-37123"]);
});

test("a note is kept as written, a blank note is removed and a long note is cut to the limit", () => {
  let notes = setNote({}, "a", "  Ask the water utility  ");
  assert.deepEqual(notes, { a: "  Ask the water utility  " });
  notes = setNote(notes, "b", "x");
  notes = setNote(notes, "a", "   \n ");
  assert.deepEqual(notes, { b: "x" });
  assert.equal(setNote({}, "a", "y".repeat(MAX_TEXT + 50)).a.length, MAX_TEXT);
});

const known = { portalEntries: new Set(["iso-37123", "ind-warning", "src-reports"]) };
const withPortal = (portal) => ({ version: 1, tools: { portal } });

test("stored portal data is rebuilt from known fields; blank notes and repeated ids are dropped", () => {
  const result = validateState(withPortal({ shortlist: ["ind-warning", "iso-37123", "ind-warning"],
    notes: { "iso-37123": "Check with the GIS team", "src-reports": "  " }, extra: "ignored" }), known);
  assert.ok(result.ok);
  assert.deepEqual(result.state.tools.portal, { shortlist: ["ind-warning", "iso-37123"], notes: { "iso-37123": "Check with the GIS team" } });
  assert.deepEqual(emptyState().tools.portal, { shortlist: [], notes: {} });
  assert.deepEqual(validateState({ version: 1 }, known).state.tools.portal, { shortlist: [], notes: {} });
});

test("imports naming entries the portal does not have, or with malformed notes, are refused", () => {
  const unknown = validateState(withPortal({ shortlist: ["iso-99999"] }), known);
  assert.deepEqual(unknown.error, { key: "data.unknown_id", params: { id: "iso-99999", field: "tools.portal.shortlist" } });
  const unknownNote = validateState(withPortal({ notes: { "iso-99999": "x" } }), known);
  assert.deepEqual(unknownNote.error, { key: "data.unknown_id", params: { id: "iso-99999", field: "tools.portal.notes" } });
  for (const bad of [{ shortlist: "iso-37123" }, { shortlist: ["<script>"] }, { notes: ["x"] }, { notes: { "iso-37123": 5 } },
    { notes: { "iso-37123": "y".repeat(MAX_TEXT + 1) } }, { notes: { "bad id": "x" } }]) {
    const result = validateState(withPortal(bad), known);
    assert.equal(result.ok, false, JSON.stringify(bad));
    assert.equal(result.error.key, "data.bad_field");
  }
  assert.equal(validateState(withPortal("everything"), known).error.params.field, "tools.portal");
});

test("importing portal data replaces the shortlist and notes and keeps the other tools' data", () => {
  const current = emptyState();
  current.tools.maturity.inPlace = ["L1S1"];
  current.tools.portal = { shortlist: ["src-reports"], notes: { "src-reports": "old" } };
  const file = JSON.stringify(withPortal({ shortlist: ["iso-37123"], notes: { "iso-37123": "new" } }));
  const parsed = parseImport(file, known);
  const merged = mergeImported(current, parsed.state, parsed.raw);
  assert.deepEqual(merged.tools.portal, { shortlist: ["iso-37123"], notes: { "iso-37123": "new" } });
  assert.deepEqual(merged.tools.maturity.inPlace, ["L1S1"]);
});
