// The learner's data: one namespaced, versioned key in localStorage; never sent anywhere.
// Everything that comes from outside (an imported file, a share link) is validated and rebuilt from
// known fields only, so nothing in it is ever executed or merged blindly.

import { Invalid, date, idList, idMap, isObject, level, number, response, text } from "./fields.mjs";
import { TOOL_STATES } from "./tool-states.mjs";

export const STORE_VERSION = 1;
export const MAX_IMPORT_BYTES = 200_000;

export function emptyState() {
  return {
    version: STORE_VERSION,
    assessment: { ratings: {}, checks: {}, profile: { weeklyHours: 5, targetDate: "", strategies: [], modalities: [], experience: "" } },
    quizzes: {},
    plan: { pinned: [], skipped: [], order: [], targets: [], startDate: "" },
    tools: Object.fromEntries(Object.entries(TOOL_STATES).map(([name, tool]) => [name, tool.empty()])),
  };
}

/** Validate data from outside and rebuild it from known fields. {ok: true, state} or {ok: false, error}. */
export function validateState(data, known = {}) {
  try {
    if (!isObject(data)) throw new Invalid("data.not_object");
    if (data.version !== STORE_VERSION) throw new Invalid("data.bad_version", { version: String(data.version) });
    const state = emptyState();
    const a = data.assessment === undefined ? {} : data.assessment;
    if (!isObject(a)) throw new Invalid("data.bad_field", { field: "assessment" });
    state.assessment.ratings = idMap(a.ratings, "assessment.ratings", level);
    state.assessment.checks = idMap(a.checks, "assessment.checks", response);
    const p = a.profile === undefined ? {} : a.profile;
    if (!isObject(p)) throw new Invalid("data.bad_field", { field: "assessment.profile" });
    state.assessment.profile = {
      weeklyHours: p.weeklyHours === undefined ? 5 : number(p.weeklyHours, "assessment.profile.weeklyHours", 0, 80),
      targetDate: date(p.targetDate, "assessment.profile.targetDate"),
      strategies: idList(p.strategies, "assessment.profile.strategies"),
      modalities: idList(p.modalities, "assessment.profile.modalities"),
      experience: text(p.experience, "assessment.profile.experience"),
    };
    state.quizzes = idMap(data.quizzes, "quizzes", (q, where) => {
      if (!isObject(q)) throw new Invalid("data.bad_field", { field: where });
      return {
        responses: idMap(q.responses, `${where}.responses`, response),
        finished: q.finished === true,
        score: q.score === undefined ? 0 : number(q.score, `${where}.score`, 0, 100),
        outcomeMastery: idMap(q.outcomeMastery, `${where}.outcomeMastery`, (m, w) => {
          if (!isObject(m)) throw new Invalid("data.bad_field", { field: w });
          return { score: number(m.score, w, 0, 1), items: number(m.items, w, 0, 1000) };
        }),
        position: q.position === undefined ? 0 : number(q.position, `${where}.position`, 0, 10000),
      };
    });
    const plan = data.plan === undefined ? {} : data.plan;
    if (!isObject(plan)) throw new Invalid("data.bad_field", { field: "plan" });
    state.plan = {
      pinned: idList(plan.pinned, "plan.pinned", known.modules),
      skipped: idList(plan.skipped, "plan.skipped", known.modules),
      order: idList(plan.order, "plan.order", known.modules),
      targets: idList(plan.targets, "plan.targets", known.competences),
      startDate: date(plan.startDate, "plan.startDate"),
    };
    const tools = data.tools === undefined ? {} : data.tools;
    if (!isObject(tools)) throw new Invalid("data.bad_field", { field: "tools" });
    for (const [name, tool] of Object.entries(TOOL_STATES)) {
      const value = tools[name] === undefined ? {} : tools[name];
      if (!isObject(value)) throw new Invalid("data.bad_field", { field: `tools.${name}` });
      state.tools[name] = tool.validate(value, `tools.${name}`, known);
    }
    return { ok: true, state };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: { key: error.key, params: error.params } };
    throw error;
  }
}

/**
 * Combine imported data with the current state: only the sections the file holds replace the current
 * ones, so importing a plan does not wipe the assessment (and vice versa).
 */
export function mergeImported(current, imported, raw) {
  const has = (obj, ...path) => path.reduce((o, k) => (o && typeof o === "object" && k in o ? o[k] : undefined), obj) !== undefined;
  const merged = JSON.parse(JSON.stringify(current));
  for (const key of ["ratings", "checks", "profile"]) {
    if (has(raw, "assessment", key)) merged.assessment[key] = imported.assessment[key];
  }
  if (has(raw, "quizzes")) merged.quizzes = imported.quizzes;
  if (has(raw, "plan")) merged.plan = imported.plan;
  for (const name of Object.keys(TOOL_STATES)) {
    if (has(raw, "tools", name)) merged.tools[name] = imported.tools[name];
  }
  return merged;
}

/** Parse an imported file's text: size limit, JSON, then validation. */
export function parseImport(textContent, known = {}) {
  if (typeof textContent !== "string") return { ok: false, error: { key: "data.not_json", params: {} } };
  if (new TextEncoder().encode(textContent).length > MAX_IMPORT_BYTES) {
    return { ok: false, error: { key: "data.too_large", params: { max: Math.round(MAX_IMPORT_BYTES / 1000) } } };
  }
  let data;
  try {
    data = JSON.parse(textContent);
  } catch {
    return { ok: false, error: { key: "data.not_json", params: {} } };
  }
  const result = validateState(data, known);
  return result.ok ? { ...result, raw: data } : result;
}

/** Share link fragment: the plan and profile only, as base64url JSON after #plan= (never sent to a server). */
export function encodeShare(state) {
  const shared = { version: STORE_VERSION, assessment: { profile: state.assessment.profile }, plan: state.plan };
  const bytes = new TextEncoder().encode(JSON.stringify(shared));
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return "plan=" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeShare(fragment, known = {}) {
  const m = /^#?plan=([A-Za-z0-9_-]+)$/.exec(fragment || "");
  if (!m) return null;
  if (m[1].length > MAX_IMPORT_BYTES) return { ok: false, error: { key: "data.too_large", params: { max: 200 } } };
  try {
    const binary = atob(m[1].replace(/-/g, "+").replace(/_/g, "/"));
    const textContent = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return parseImport(textContent, known);
  } catch {
    return { ok: false, error: { key: "data.not_json", params: {} } };
  }
}

/** The storage itself: load, save, clear one key; corrupt stored data is replaced, not trusted. */
export class LearnerStore {
  constructor(storage, key, known = {}) {
    this.storage = storage;
    this.key = key;
    this.known = known;
  }

  load() {
    let raw = null;
    try { raw = this.storage.getItem(this.key); } catch { return emptyState(); }
    if (!raw) return emptyState();
    const result = parseImport(raw, {});
    return result.ok ? result.state : emptyState();
  }

  save(state) {
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
      return true;
    } catch {
      return false;
    }
  }

  clear() {
    try { this.storage.removeItem(this.key); } catch { /* storage unavailable: nothing to delete */ }
  }
}
