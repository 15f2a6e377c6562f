// Self-assessment: combine self-ratings with evidence from knowledge checks and quizzes, then rank gaps.
//
// The rule (shown to learners on the page):
//   evidence level  e = share of evidence items answered correctly x top level of the scale
//   weight of evidence  w = n / (n + 2), at most 0.5, for n evidence items
//   current level  = the lower whole level of (1 - w) x self-rating + w x e
//   gap = max(0, target - current);  priority = gap x criticality
// Self-ratings alone are biased, so evidence pulls the estimate; a difference of 1.5 levels or more
// between self-rating and evidence is shown as a disagreement.

export const DISAGREEMENT = 1.5;

export function evidenceWeight(items) {
  return items > 0 ? Math.min(0.5, items / (items + 2)) : 0;
}

/** {level, evidenceLevel, disagreement} for one competence; level is null when nothing is known. */
export function currentLevel(selfRating, evidence, maxLevel) {
  const hasSelf = Number.isInteger(selfRating);
  const hasEvidence = !!evidence && evidence.items > 0;
  const evidenceLevel = hasEvidence ? evidence.score * maxLevel : null;
  if (!hasSelf && !hasEvidence) return { level: null, evidenceLevel, disagreement: null };
  let estimate;
  if (!hasEvidence) estimate = selfRating;
  else if (!hasSelf) estimate = evidenceLevel;
  else {
    const w = evidenceWeight(evidence.items);
    estimate = (1 - w) * selfRating + w * evidenceLevel;
  }
  const level = Math.max(0, Math.min(maxLevel, Math.floor(estimate + 1e-9)));
  let disagreement = null;
  if (hasSelf && hasEvidence && evidence.items >= 2 && Math.abs(selfRating - evidenceLevel) >= DISAGREEMENT) {
    disagreement = selfRating > evidenceLevel ? "self-higher" : "self-lower";
  }
  return { level, evidenceLevel, disagreement };
}

/**
 * Rank the competence gaps against a profile.
 * competences: [{id, target, criticality}]; ratings: {id: level}; evidence: {id: {score, items}}.
 * Returns rows sorted by priority (gap x criticality), largest first; unassessed competences last.
 */
export function gapAnalysis(competences, ratings, evidence, maxLevel) {
  const rows = competences.map((c) => {
    const { level, evidenceLevel, disagreement } = currentLevel(ratings?.[c.id], evidence?.[c.id], maxLevel);
    const gap = level === null ? null : Math.max(0, c.target - level);
    return {
      id: c.id, target: c.target, criticality: c.criticality, selfRating: ratings?.[c.id] ?? null,
      evidenceLevel, evidenceItems: evidence?.[c.id]?.items ?? 0, current: level, gap,
      priority: gap === null ? null : gap * c.criticality, disagreement,
    };
  });
  const key = (r) => (r.priority === null ? -1 : r.priority);
  return rows.sort((a, b) => key(b) - key(a) || (b.gap ?? -1) - (a.gap ?? -1)
    || b.criticality - a.criticality || a.id.localeCompare(b.id));
}

/** How far the learner got: rated competences out of all. */
export function progress(competences, ratings) {
  const rated = competences.filter((c) => Number.isInteger(ratings?.[c.id])).length;
  return { rated, total: competences.length, complete: rated === competences.length };
}
