// A quiz attempt as plain state: answer items one at a time, check, finish. No DOM and no storage:
// the page stores it through an adapter (localStorage on the site, the SCORM API in packages).

import { outcomeMastery } from "./mastery.mjs";
import { isAnswered, scoreItem, scoreQuiz } from "./scoring.mjs";

export function startSession(items, saved) {
  const known = new Set(items.map((i) => i.id));
  const responses = {};
  for (const [id, r] of Object.entries(saved?.responses || {})) if (known.has(id)) responses[id] = r;
  return {
    responses,
    position: Math.min(Math.max(0, saved?.position || 0), Math.max(0, items.length - 1)),
    finished: !!saved?.finished,
    score: saved?.score || 0,
    outcomeMastery: saved?.outcomeMastery || {},
  };
}

/** Record an answer; returns the new state and the item's result (for instant feedback). */
export function answer(items, state, itemId, response) {
  const item = items.find((i) => i.id === itemId);
  if (!item || !isAnswered(item, response)) return { state, result: null };
  const responses = { ...state.responses, [itemId]: response };
  return { state: { ...state, responses }, result: scoreItem(item, response) };
}

export function moveTo(items, state, position) {
  return { ...state, position: Math.min(Math.max(0, position), items.length - 1) };
}

/** Finish the attempt: the score in percent, mastery per outcome, passed or not. */
export function finish(items, state, masteryScore) {
  const { score, answered, total } = scoreQuiz(items, state.responses);
  const mastery = outcomeMastery(items, state.responses);
  return {
    state: { ...state, finished: true, score, outcomeMastery: mastery },
    summary: { score, answered, total, passed: score >= masteryScore, outcomeMastery: mastery },
  };
}

/** Start again: responses cleared, the last result kept until the new attempt is finished. */
export function restart(state) {
  return { ...state, responses: {}, position: 0, finished: false };
}
