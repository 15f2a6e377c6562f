// The learning-journey planner: which modules close the learner's gaps, in what order, week by week.
// Pure functions: no DOM, no storage. Messages are returned as {key, params} for the view to translate.

/** How much a module helps: sum over the competences it develops of priority x share of its outcomes. */
export function moduleRelevance(module, outcomes, priorities) {
  if (!module.outcomes.length) return 0;
  let total = 0;
  for (const oid of module.outcomes) {
    for (const cid of outcomes[oid]?.competences ?? []) total += (priorities[cid] || 0) / module.outcomes.length;
  }
  return total;
}

function byId(modules) {
  return Object.fromEntries(modules.map((m, i) => [m.id, { ...m, index: i }]));
}

/**
 * Plan a journey.
 * input: {modules, outcomes, priorities {competence: weight}, statuses {module: {status, weakOutcomes}},
 *         pinned [], skipped [], order [] (a manual order, optional), strategies [] (preferred)}
 * returns {items: [{id, reason, status, relevance, activities, revisit}], messages: [{key, params}], violations}
 */
export function planJourney(input) {
  const mods = byId(input.modules || []);
  const outcomes = input.outcomes || {};
  const priorities = input.priorities || {};
  const statuses = input.statuses || {};
  const pinned = new Set((input.pinned || []).filter((id) => mods[id]));
  const skipped = new Set((input.skipped || []).filter((id) => mods[id]));
  const messages = [];
  const relevance = Object.fromEntries(Object.values(mods).map((m) => [m.id, moduleRelevance(m, outcomes, priorities)]));

  const reason = {};
  for (const m of Object.values(mods)) {
    if (skipped.has(m.id)) continue;
    if (pinned.has(m.id)) reason[m.id] = "pinned";
    else if (relevance[m.id] > 0) reason[m.id] = "gap";
  }
  // add prerequisites, recursively; a skipped prerequisite that is not mastered is reported
  const stack = Object.keys(reason);
  const seen = new Set(stack);
  while (stack.length) {
    const id = stack.pop();
    for (const pre of mods[id].prerequisites || []) {
      if (!mods[pre]) continue;
      if (skipped.has(pre)) {
        if (statuses[pre]?.status !== "mastered") messages.push({ key: "plan.skipped_prerequisite", params: { module: id, prerequisite: pre } });
        continue;
      }
      if (!seen.has(pre)) {
        seen.add(pre);
        reason[pre] ??= "prerequisite";
        stack.push(pre);
      }
    }
  }
  const planned = Object.keys(reason);
  // a prerequisite inherits the urgency of what depends on it
  const urgency = {};
  const urgencyOf = (id, trail = new Set()) => {
    if (urgency[id] !== undefined) return urgency[id];
    let u = relevance[id] + (pinned.has(id) ? 1e6 : 0);
    for (const other of planned) {
      if (!trail.has(other) && (mods[other].prerequisites || []).includes(id)) {
        u = Math.max(u, urgencyOf(other, new Set([...trail, id])));
      }
    }
    urgency[id] = u;
    return u;
  };
  planned.forEach((id) => urgencyOf(id));

  const manual = (input.order || []).filter((id) => reason[id]);
  const rank = (id) => (manual.includes(id) ? manual.indexOf(id) : manual.length);
  const ordered = [];
  const placed = new Set();
  const remaining = new Set(planned);
  while (remaining.size) {
    const ready = [...remaining].filter((id) => (mods[id].prerequisites || [])
      .every((p) => placed.has(p) || !remaining.has(p)));
    const pool = ready.length ? ready : [...remaining]; // a cycle: never loop forever
    pool.sort((a, b) => rank(a) - rank(b) || urgency[b] - urgency[a] || mods[a].index - mods[b].index);
    const next = pool[0];
    ordered.push(next);
    placed.add(next);
    remaining.delete(next);
  }
  // a manual order that puts a module before its prerequisite is reported, not followed
  const violations = [];
  manual.forEach((id, i) => {
    for (const pre of mods[id].prerequisites || []) {
      const j = manual.indexOf(pre);
      if (j > i) violations.push({ key: "plan.order_breaks_prerequisite", params: { module: id, prerequisite: pre } });
    }
  });
  const preferred = new Set(input.strategies || []);
  const items = ordered.map((id) => {
    const m = mods[id];
    const st = statuses[id] || { status: "not-taken", weakOutcomes: [] };
    const matching = (m.activities || []).filter((a) => preferred.has(a.strategy));
    const activities = (matching.length ? matching : m.activities || []).map((a) => a.id);
    const weak = new Set(st.weakOutcomes || []);
    const revisit = st.status === "failed"
      ? (m.activities || []).filter((a) => (a.outcomes || []).some((o) => weak.has(o))).map((a) => a.id) : [];
    return {
      id, reason: reason[id], relevance: relevance[id],
      status: st.status === "mastered" ? "done" : st.status === "failed" ? "revisit" : "todo",
      weakOutcomes: [...weak].sort(), activities, preferredMatch: matching.length > 0, revisit,
    };
  });
  return { items, messages: dedupe(messages), violations: dedupe(violations) };
}

function dedupe(list) {
  const seen = new Set();
  return list.filter((m) => {
    const k = JSON.stringify(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Hours still to study: modules not yet done. */
export function planHours(items, modules) {
  const hours = Object.fromEntries(modules.map((m) => [m.id, m.hours]));
  return items.filter((i) => i.status !== "done").reduce((sum, i) => sum + (hours[i.id] || 0), 0);
}

const DAY = 24 * 60 * 60 * 1000;

export function parseDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 ? d : null;
}

export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

/**
 * A week-by-week schedule: modules in plan order fill the weekly hours; a module may span weeks.
 * Returns {weeks: [{index, start, end, entries: [{id, hours}]}], end, totalHours, messages}.
 */
export function schedule(items, modules, weeklyHours, startIso, targetIso) {
  const hours = Object.fromEntries(modules.map((m) => [m.id, m.hours]));
  const start = parseDate(startIso);
  const messages = [];
  if (!(weeklyHours > 0)) return { weeks: [], end: null, totalHours: 0, messages: [{ key: "plan.zero_hours", params: {} }] };
  if (!start) return { weeks: [], end: null, totalHours: 0, messages: [{ key: "plan.bad_start", params: {} }] };
  const queue = items.filter((i) => i.status !== "done").map((i) => ({ id: i.id, left: hours[i.id] || 0 }));
  const totalHours = queue.reduce((s, q) => s + q.left, 0);
  const weeks = [];
  let week = 0;
  while (queue.length && week < 520) {
    let capacity = weeklyHours;
    const entries = [];
    while (queue.length && capacity > 1e-9) {
      const q = queue[0];
      const take = Math.min(q.left, capacity);
      entries.push({ id: q.id, hours: Math.round(take * 100) / 100 });
      q.left -= take;
      capacity -= take;
      if (q.left <= 1e-9) queue.shift();
    }
    const from = new Date(start.getTime() + week * 7 * DAY);
    weeks.push({ index: week + 1, start: isoDate(from), end: isoDate(new Date(from.getTime() + 6 * DAY)), entries });
    week += 1;
  }
  const end = weeks.length ? weeks[weeks.length - 1].end : isoDate(start);
  const target = parseDate(targetIso);
  if (target && weeks.length && parseDate(end) > target) {
    const available = Math.max(1, Math.floor((target - start) / (7 * DAY)) + 1);
    messages.push({ key: "plan.past_target", params: { end, needed: Math.ceil(totalHours / available) } });
  }
  return { weeks, end, totalHours, messages };
}

function icsEscape(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function fold(line) {
  // RFC 5545: lines of at most 75 octets, continued with a space
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out = [];
  let current = "";
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
    }
    current += ch;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** The schedule as an iCalendar file: one all-day event per module and week. Deterministic. */
export function toIcs(plan, titles, calendarName) {
  const stamp = (plan.weeks[0]?.start || "2000-01-01").replace(/-/g, "") + "T000000Z";
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oerkit//journey planner//EN", "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${icsEscape(calendarName)}`];
  for (const week of plan.weeks) {
    const endExclusive = isoDate(new Date(parseDate(week.end).getTime() + DAY)).replace(/-/g, "");
    for (const e of week.entries) {
      lines.push("BEGIN:VEVENT", `UID:week${week.index}-${e.id}@oerkit-journey`, `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${week.start.replace(/-/g, "")}`, `DTEND;VALUE=DATE:${endExclusive}`,
        `SUMMARY:${icsEscape(`${e.id} ${titles[e.id] || ""} (${e.hours} h)`)}`, "END:VEVENT");
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
