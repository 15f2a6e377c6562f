// The resilience information portal's logic (pure, no DOM): the offline search, which ignores case, accents and
// other marks (Greek included), the audience views and filters of the catalogue, and the learner's shortlist and
// notes, kept under state.tools.portal.

import { Invalid, MAX_TEXT, idList, idMap, text } from "./fields.mjs";

export const ALL = "all"; // the view that shows every audience's entries

const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Text as the search compares it: decomposed (NFD) with every combining mark removed (accents, Greek tonos and
 * dialytika, cedillas), lower case, final sigma written as sigma and ß as ss, punctuation turned into spaces.
 */
export function searchKey(value) {
  return String(value ?? "").normalize("NFD").replace(MARKS, "").toLowerCase()
    .replace(/ς/g, "σ").replace(/ß/g, "ss").replace(NOT_WORD, " ").trim();
}

/** The distinct words of a query, prepared like the texts they are looked for in. */
export function queryWords(query) {
  const key = searchKey(query);
  return key ? [...new Set(key.split(" "))] : [];
}

/** A prepared text matches when it contains every word, also inside longer words (inflected forms, compounds). */
export function matchesWords(key, words) {
  return words.every((word) => key.includes(word));
}

/**
 * entry: {kind, audiences, frameworks, topics, modules, key (the searchKey of its text)};
 * criteria: {audience (ALL or an audience id), kind, framework, topic, module ("" = any), words}.
 */
export function matchesEntry(entry, criteria) {
  const { audience = ALL, kind = "", framework = "", topic = "", module = "", words = [] } = criteria;
  return (audience === ALL || entry.audiences.includes(audience))
    && (!kind || entry.kind === kind)
    && (!framework || entry.frameworks.includes(framework))
    && (!topic || entry.topics.includes(topic))
    && (!module || entry.modules.includes(module))
    && matchesWords(entry.key, words);
}

export function filterEntries(entries, criteria) {
  return entries.filter((entry) => matchesEntry(entry, criteria));
}

/** The view a page address asks for (?view=citizen) if the portal has that audience; otherwise ALL. */
export function viewFromSearch(search, audiences) {
  const view = new URLSearchParams(search || "").get("view");
  return audiences.some((a) => a.id === view) ? view : ALL;
}

/** The page address's query with the view set (or removed for ALL), other parameters kept: "" or "?...". */
export function searchWithView(search, view) {
  const params = new URLSearchParams(search || "");
  if (view === ALL) params.delete("view");
  else params.set("view", view);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The shortlist with the entry added at the end (once) or removed. */
export function toggleShortlist(list, id, on) {
  if (on) return list.includes(id) ? list : [...list, id];
  return list.filter((x) => x !== id);
}

/** The notes with the entry's note set; a blank note removes it; a note longer than the limit is cut. */
export function setNote(notes, id, value) {
  const out = { ...notes };
  if (String(value ?? "").trim()) out[id] = String(value).slice(0, MAX_TEXT);
  else delete out[id];
  return out;
}

/** The shortlisted entries in shortlist order (ids the catalogue no longer has are left out). */
export function shortlistEntries(list, entries) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return list.filter((id) => byId.has(id)).map((id) => byId.get(id));
}

export const PORTAL_STATE = {
  empty: () => ({ shortlist: [], notes: {} }),
  validate(value, where, known) {
    const shortlist = [...new Set(idList(value.shortlist, `${where}.shortlist`, known.portalEntries))];
    const notes = idMap(value.notes, `${where}.notes`, text);
    for (const [id, note] of Object.entries(notes)) {
      if (known.portalEntries && !known.portalEntries.has(id)) throw new Invalid("data.unknown_id", { id, field: `${where}.notes` });
      if (!note.trim()) delete notes[id];
    }
    return { shortlist, notes };
  },
};
