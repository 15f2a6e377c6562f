// What the SCO tells the LMS, independent of the API object: interaction types and response formats for
// SCORM 1.2 and 2004, and a compact suspend_data (SCORM 1.2 allows only 4096 characters).

export const INTERACTION_TYPE = {
  single: "choice", multiple: "choice", truefalse: "true-false", matching: "matching",
  ordering: "sequencing", fill_blank: "fill-in",
};
export const FILL_MAX = 40; // characters kept per blank in suspend_data and reports

const clean12 = (s) => String(s).replace(/[,.\s]/g, "_").slice(0, 255);

/** The learner's response in the LMS format: 1.2 uses ',' and '.', 2004 uses '[,]' and '[.]'. */
export function formatResponse(item, response, version) {
  const v2004 = version === "2004";
  const list = v2004 ? "[,]" : ",";
  const pair = v2004 ? "[.]" : ".";
  switch (item.type) {
    case "single": return String(response);
    case "multiple": return response.join(list);
    case "truefalse": return v2004 ? String(response) : (response ? "t" : "f");
    case "matching": return item.pairs.map((p) => `${p.id}${pair}${response[p.id]}`).join(list);
    case "ordering": return response.join(list);
    case "fill_blank": return response.map((r) => (v2004 ? String(r).slice(0, FILL_MAX).replace(/\[/g, "(") : clean12(String(r).slice(0, FILL_MAX)))).join(list);
    default: return "";
  }
}

/** The correct response pattern in the LMS format. */
export function correctPattern(item, version) {
  const v2004 = version === "2004";
  const list = v2004 ? "[,]" : ",";
  const pair = v2004 ? "[.]" : ".";
  switch (item.type) {
    case "single": return item.options.find((o) => o.correct)?.id ?? "";
    case "multiple": return item.options.filter((o) => o.correct).map((o) => o.id).join(list);
    case "truefalse": return v2004 ? String(item.answer) : (item.answer ? "t" : "f");
    case "matching": return item.pairs.map((p) => `${p.id}${pair}${p.id}`).join(list);
    case "ordering": return item.sequence.map((s) => s.id).join(list);
    case "fill_blank": return item.blanks.map((b) => (v2004 ? b.answers[0] : clean12(b.answers[0]))).join(list);
    default: return "";
  }
}

export function resultWord(correct, version) {
  return correct ? "correct" : version === "2004" ? "incorrect" : "wrong";
}

/** Compact resume state: pages seen, current page, responses by item index, finished flag. */
export function encodeSuspend(items, state) {
  const compact = items.map((item) => {
    const r = state.responses[item.id];
    if (r === undefined) return 0;
    switch (item.type) {
      case "single": return [item.options.findIndex((o) => o.id === r)];
      case "multiple": return [r.map((id) => item.options.findIndex((o) => o.id === id))];
      case "truefalse": return [r ? 1 : 0];
      case "matching": return [item.pairs.map((p) => item.pairs.findIndex((q) => q.id === r[p.id]))];
      case "ordering": return [r.map((id) => item.sequence.findIndex((s) => s.id === id))];
      case "fill_blank": return [r.map((s) => String(s).slice(0, FILL_MAX))];
      default: return 0;
    }
  });
  while (compact.length && compact[compact.length - 1] === 0) compact.pop();
  return JSON.stringify({ s: state.seen.map((x) => (x ? 1 : 0)).join(""), l: state.location, f: state.finished ? 1 : 0, r: compact });
}

export function decodeSuspend(items, text, pageCount) {
  const fresh = { seen: Array(pageCount).fill(false), location: 0, finished: false, responses: {} };
  let data;
  try { data = JSON.parse(text || ""); } catch { return fresh; }
  if (!data || typeof data !== "object") return fresh;
  const seen = String(data.s || "").split("").map((c) => c === "1");
  const state = {
    seen: Array.from({ length: pageCount }, (_, i) => !!seen[i]),
    location: Number.isInteger(data.l) && data.l >= 0 && data.l < pageCount ? data.l : 0,
    finished: data.f === 1, responses: {},
  };
  (Array.isArray(data.r) ? data.r : []).forEach((entry, i) => {
    const item = items[i];
    if (!item || !Array.isArray(entry)) return;
    const v = entry[0];
    const pick = (list, k) => list[k]?.id;
    switch (item.type) {
      case "single": if (pick(item.options, v)) state.responses[item.id] = pick(item.options, v); break;
      case "multiple": if (Array.isArray(v)) state.responses[item.id] = v.map((k) => pick(item.options, k)).filter(Boolean); break;
      case "truefalse": state.responses[item.id] = v === 1; break;
      case "matching": if (Array.isArray(v)) state.responses[item.id] = Object.fromEntries(item.pairs.map((p, k) => [p.id, pick(item.pairs, v[k]) || ""])); break;
      case "ordering": if (Array.isArray(v)) state.responses[item.id] = v.map((k) => pick(item.sequence, k)).filter(Boolean); break;
      case "fill_blank": if (Array.isArray(v)) state.responses[item.id] = v.map((s) => String(s)); break;
      default: break;
    }
  });
  return state;
}

/** A duration in the LMS format: 2004 ISO 8601 (PT1H2M3.5S), 1.2 CMITimespan (HHHH:MM:SS.SS). */
export function timespan(ms, version) {
  const cs = Math.max(0, Math.round(ms / 10)); // centiseconds: the precision both formats allow
  const h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), sec = (cs % 6000) / 100;
  if (version === "2004") return `PT${h}H${m}M${sec}S`;
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(h, 4)}:${pad(m, 2)}:${pad(Math.floor(sec), 2)}.${pad(cs % 100, 2)}`;
}

/** A moment in the LMS format: 2004 a local ISO 8601 time (2026-11-23T09:05:07), 1.2 the time of day. */
export function timestamp(date, version) {
  const pad = (n) => String(n).padStart(2, "0");
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  if (version !== "2004") return time;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time}`;
}
