// From quiz results to mastery per outcome and evidence per competence.

import { scoreItem } from "./scoring.mjs";

/** Mean score per outcome over the answered items that assess it: {outcomeId: {score 0..1, items}}. */
export function outcomeMastery(items, responses) {
  const sums = {};
  for (const item of items) {
    const response = responses?.[item.id];
    if (response === undefined) continue;
    const { score } = scoreItem(item, response);
    for (const oid of item.outcomes) {
      sums[oid] ??= { total: 0, items: 0 };
      sums[oid].total += score;
      sums[oid].items += 1;
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([oid, s]) => [oid, { score: s.total / s.items, items: s.items }]));
}

/** Evidence per competence: {competenceId: {score 0..1, items}} pooled over the outcomes that develop it. */
export function competenceEvidence(outcomes, mastery) {
  const pooled = {};
  for (const [oid, m] of Object.entries(mastery)) {
    for (const cid of outcomes[oid]?.competences ?? []) {
      pooled[cid] ??= { total: 0, items: 0 };
      pooled[cid].total += m.score * m.items;
      pooled[cid].items += m.items;
    }
  }
  return Object.fromEntries(Object.entries(pooled).map(([cid, p]) => [cid, { score: p.total / p.items, items: p.items }]));
}

/** Merge several evidence maps (e.g. knowledge checks and module quizzes), weighting by item count. */
export function mergeEvidence(...maps) {
  const pooled = {};
  for (const map of maps) {
    for (const [key, e] of Object.entries(map || {})) {
      pooled[key] ??= { total: 0, items: 0 };
      pooled[key].total += e.score * e.items;
      pooled[key].items += e.items;
    }
  }
  return Object.fromEntries(Object.entries(pooled).map(([k, p]) => [k, { score: p.total / p.items, items: p.items }]));
}

/**
 * Where a learner stands on a module: "mastered" when the quiz was finished with a score at or above
 * the mastery score, "failed" when finished below it, otherwise "not-taken"; and which outcomes fell short.
 */
export function moduleStatus(module, quizState, masteryScore) {
  if (!quizState || !quizState.finished) return { status: "not-taken", weakOutcomes: [] };
  const weak = Object.entries(quizState.outcomeMastery || {})
    .filter(([oid, m]) => module.outcomes.includes(oid) && m.score * 100 < masteryScore)
    .map(([oid]) => oid).sort();
  return { status: quizState.score >= masteryScore ? "mastered" : "failed", weakOutcomes: weak };
}
