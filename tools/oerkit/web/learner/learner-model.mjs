// What the tools derive from the learner's stored state and the curriculum data (pure functions):
// evidence per competence, gaps, planning priorities and where the learner stands on each module.

import { gapAnalysis } from "./assessment.mjs";
import { competenceEvidence, mergeEvidence, moduleStatus, outcomeMastery } from "./mastery.mjs";

export function competenceList(data) {
  return (data.areas || []).flatMap((a) => a.competences.map((c) => ({ ...c, area: a.id })));
}

export function checkItems(data) {
  return Object.values(data.checks || {}).flat();
}

/** Evidence from the self-assessment's knowledge checks and from every module quiz taken. */
export function evidenceFromState(data, state) {
  const fromChecks = competenceEvidence(data.outcomes, outcomeMastery(checkItems(data), state.assessment.checks));
  const quizMastery = {};
  for (const quiz of Object.values(state.quizzes || {})) {
    for (const [oid, m] of Object.entries(quiz.outcomeMastery || {})) {
      const prev = quizMastery[oid];
      quizMastery[oid] = prev ? { score: (prev.score * prev.items + m.score * m.items) / (prev.items + m.items), items: prev.items + m.items } : m;
    }
  }
  return mergeEvidence(fromChecks, competenceEvidence(data.outcomes, quizMastery));
}

export function gapsFromState(data, state) {
  return gapAnalysis(competenceList(data), state.assessment.ratings, evidenceFromState(data, state), data.maxLevel);
}

/** Planning weights: assessed gaps (gap x criticality), plus competences the learner chose by hand. */
export function prioritiesFromState(data, state) {
  const priorities = {};
  for (const row of gapsFromState(data, state)) if (row.priority > 0) priorities[row.id] = row.priority;
  const comps = Object.fromEntries(competenceList(data).map((c) => [c.id, c]));
  for (const cid of state.plan.targets || []) priorities[cid] = Math.max(priorities[cid] || 0, comps[cid]?.criticality || 1);
  return priorities;
}

export function statusesFromState(data, state) {
  return Object.fromEntries((data.modules || []).map((m) => [m.id, moduleStatus(m, state.quizzes?.[m.id], data.masteryScore)]));
}
