// The risk systemicity questionnaire (pure logic, no DOM): a group of raters answers, for each risk
// scenario, how likely it is in their city (0-4 or "don't know"); this module keeps the raters and turns
// their answers into scores. The method, published on the page (export/site/tool_risk_systemicity.py):
//   m  = mean of a scenario's likelihood answers ("don't know" and missing answers do not count)
//   R  = 100 × (m / MAX_LIKELIHOOD) × (w / W): w is the scenario's systemicity weight and W the largest
//        weight in the questionnaire (both computed at build time and given in the page data)
//   theme score = mean R of the theme's scenarios that have at least one likelihood answer
//   awareness   = 100 × likelihood answers / (likelihood answers + "don't know" answers)
//   a scenario is flagged for discussion when its answers differ by method.spreadFlag points or more;
//   the policies of the method.top riskiest scenarios are the ones to consider.

import { ID, Invalid, idMap, isObject, text } from "./fields.mjs";

export const MAX_LIKELIHOOD = 4;
export const DONT_KNOW = "dk";
export const MAX_RATERS = 30;
export const MAX_NAME = 80;

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** One scenario's answers and scores: {answers, likelihoods, dontKnow, mean, spread, score, disagree}. */
export function scenarioResult(scenario, raters, maxWeight, method) {
  const answers = raters.filter((r) => r.ratings[scenario.id] !== undefined)
    .map((r) => ({ rater: r.id, value: r.ratings[scenario.id] }));
  const likelihoods = answers.map((a) => a.value).filter((v) => v !== DONT_KNOW);
  const m = likelihoods.length ? mean(likelihoods) : null;
  const spread = likelihoods.length > 1 ? Math.max(...likelihoods) - Math.min(...likelihoods) : null;
  return {
    id: scenario.id, answers, likelihoods, dontKnow: answers.length - likelihoods.length, mean: m, spread,
    score: m === null ? null : 100 * (m / MAX_LIKELIHOOD) * (scenario.weight / maxWeight),
    disagree: spread !== null && spread >= method.spreadFlag,
  };
}

/** Share of answers that are a likelihood rather than "don't know", in percent; null without answers. */
export function awareness(likelihoodCount, dontKnowCount) {
  const total = likelihoodCount + dontKnowCount;
  return total ? (100 * likelihoodCount) / total : null;
}

const awarenessOf = (results) => awareness(results.reduce((n, r) => n + r.likelihoods.length, 0),
  results.reduce((n, r) => n + r.dontKnow, 0));

/**
 * Everything the results show: per scenario (in questionnaire order, with its theme), the rated ones ranked
 * by score (ties: higher mean first, then questionnaire order), per theme, the overall awareness, how many
 * answers are given out of raters × scenarios, and the riskiest scenarios whose policies come first.
 */
export function scoreQuestionnaire(risk, raters, method) {
  const scenarios = risk.themes.flatMap((theme) => theme.scenarios.map((s) => ({ ...scenarioResult(s, raters, risk.maxWeight, method), theme: theme.id })));
  const order = new Map(scenarios.map((s, i) => [s.id, i]));
  const ranked = scenarios.filter((s) => s.score !== null)
    .sort((a, b) => b.score - a.score || b.mean - a.mean || order.get(a.id) - order.get(b.id));
  const themes = risk.themes.map((theme) => {
    const mine = scenarios.filter((s) => s.theme === theme.id);
    const rated = mine.filter((s) => s.score !== null);
    return { id: theme.id, score: rated.length ? mean(rated.map((s) => s.score)) : null, rated: rated.length,
      total: mine.length, awareness: awarenessOf(mine) };
  });
  return {
    scenarios, ranked, themes, awareness: awarenessOf(scenarios),
    answered: scenarios.reduce((n, s) => n + s.answers.length, 0), total: raters.length * scenarios.length,
    priorities: ranked.filter((s) => s.score > 0).slice(0, method.top),
  };
}

// ---------------------------------------------------------------- the raters

/** A fresh rater id: r1, r2, ... one above the highest number in use. */
export function nextRaterId(raters) {
  const numbers = raters.map((r) => /^r(\d+)$/.exec(r.id)).filter(Boolean).map((m) => Number(m[1]));
  return `r${Math.max(0, ...numbers) + 1}`;
}

/** The number shown in a rater's default name ("Rater 3"): the one in its id, else its position. */
export function raterNumber(raters, id) {
  const m = /^r(\d+)$/.exec(id);
  return m ? Number(m[1]) : raters.findIndex((r) => r.id === id) + 1;
}

export function addRater(raters, name = "") {
  return [...raters, { id: nextRaterId(raters), name: name.trim().slice(0, MAX_NAME), ratings: {} }];
}

export function removeRater(raters, id) {
  return raters.filter((r) => r.id !== id);
}

export function renameRater(raters, id, name) {
  return raters.map((r) => (r.id === id ? { ...r, name: name.trim().slice(0, MAX_NAME) } : r));
}

/** Record one answer: a likelihood 0..MAX_LIKELIHOOD or DONT_KNOW. */
export function rate(raters, raterId, scenarioId, value) {
  if (!(value === DONT_KNOW || (Number.isInteger(value) && value >= 0 && value <= MAX_LIKELIHOOD))) {
    throw new RangeError(`not an answer: ${value}`);
  }
  return raters.map((r) => (r.id === raterId ? { ...r, ratings: { ...r.ratings, [scenarioId]: value } } : r));
}

const sameAnswers = (a, b) => a.name === b.name && JSON.stringify(Object.entries(a.ratings).sort())
  === JSON.stringify(Object.entries(b.ratings).sort());

/**
 * Add the raters of another group member's file to the current ones (their own ratings, new ids, so
 * nobody is overwritten). Raters without any answer, and raters already present with the same name and the
 * same answers (a file added twice), are left out. {raters, added}.
 */
export function mergeRaters(current, incoming) {
  let raters = current;
  let added = 0;
  for (const r of incoming) {
    if (!Object.keys(r.ratings).length || raters.length >= MAX_RATERS || raters.some((x) => sameAnswers(x, r))) continue;
    raters = [...raters, { id: nextRaterId(raters), name: r.name, ratings: { ...r.ratings } }];
    added += 1;
  }
  return { raters, added };
}

// ---------------------------------------------------------------- stored and imported state

function answer(value, where) {
  if (value === DONT_KNOW || (Number.isInteger(value) && value >= 0 && value <= MAX_LIKELIHOOD)) return value;
  throw new Invalid("data.bad_field", { field: where });
}

/** state.tools.risk.raters from outside (stored or imported), rebuilt from known fields only. */
export function validateRaters(value, where, scenarios) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_RATERS) throw new Invalid("data.bad_field", { field: where });
  const seen = new Set();
  return value.map((r, i) => {
    const at = `${where}.${i}`;
    if (!isObject(r) || typeof r.id !== "string" || !ID.test(r.id) || seen.has(r.id)) throw new Invalid("data.bad_field", { field: at });
    seen.add(r.id);
    const name = text(r.name, `${at}.name`);
    if (name.length > MAX_NAME) throw new Invalid("data.bad_field", { field: `${at}.name` });
    const ratings = idMap(r.ratings, `${at}.ratings`, answer);
    for (const id of Object.keys(ratings)) {
      if (scenarios && !scenarios.has(id)) throw new Invalid("data.unknown_id", { id, field: `${at}.ratings` });
    }
    return { id: r.id, name, ratings };
  });
}
