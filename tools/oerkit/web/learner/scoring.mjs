// Scoring of quiz items: every item type, pure functions (no DOM), shared by the site and SCORM packages.

export const ITEM_TYPES = ["single", "multiple", "truefalse", "matching", "ordering", "fill_blank"];

export function normaliseAnswer(text) {
  return String(text ?? "").normalize("NFC").trim().toLocaleLowerCase().replace(/\s+/g, " ");
}

/** Is a response present and of the shape the item type expects? */
export function isAnswered(item, response) {
  switch (item.type) {
    case "single": return typeof response === "string" && response !== "";
    case "truefalse": return typeof response === "boolean";
    case "multiple": return Array.isArray(response) && response.length > 0;
    case "matching": return !!response && typeof response === "object" && !Array.isArray(response)
      && item.pairs.every((p) => typeof response[p.id] === "string" && response[p.id] !== "");
    case "ordering": return Array.isArray(response) && response.length === item.sequence.length;
    case "fill_blank": return Array.isArray(response) && response.length === item.blanks.length
      && response.every((r) => String(r ?? "").trim() !== "");
    default: return false;
  }
}

/**
 * Score one response. Returns {score: 0..1, correct: bool, parts} where parts says, per option, pair,
 * element or blank, whether the learner got it right (for per-option feedback).
 */
export function scoreItem(item, response) {
  if (!isAnswered(item, response)) return { score: 0, correct: false, parts: {} };
  switch (item.type) {
    case "single": {
      const chosen = item.options.find((o) => o.id === response);
      const ok = !!chosen && !!chosen.correct;
      return { score: ok ? 1 : 0, correct: ok, parts: { [response]: ok } };
    }
    case "truefalse": {
      const ok = response === item.answer;
      return { score: ok ? 1 : 0, correct: ok, parts: { [String(response)]: ok } };
    }
    case "multiple": {
      const chosen = new Set(response);
      const right = item.options.filter((o) => o.correct);
      const parts = {};
      let hits = 0, wrong = 0;
      for (const o of item.options) {
        if (chosen.has(o.id)) {
          parts[o.id] = !!o.correct;
          if (o.correct) hits += 1; else wrong += 1;
        }
      }
      const score = right.length ? Math.max(0, (hits - wrong) / right.length) : 0;
      return { score, correct: hits === right.length && wrong === 0, parts };
    }
    case "matching": {
      const parts = {};
      let ok = 0;
      for (const p of item.pairs) {
        parts[p.id] = response[p.id] === p.id;
        if (parts[p.id]) ok += 1;
      }
      return { score: ok / item.pairs.length, correct: ok === item.pairs.length, parts };
    }
    case "ordering": {
      const parts = {};
      let ok = 0;
      item.sequence.forEach((el, i) => {
        parts[el.id] = response[i] === el.id;
        if (parts[el.id]) ok += 1;
      });
      return { score: ok / item.sequence.length, correct: ok === item.sequence.length, parts };
    }
    case "fill_blank": {
      const parts = {};
      let ok = 0;
      item.blanks.forEach((blank, i) => {
        const accepted = (blank.answers || []).map(normaliseAnswer);
        parts[i] = accepted.includes(normaliseAnswer(response[i]));
        if (parts[i]) ok += 1;
      });
      return { score: ok / item.blanks.length, correct: ok === item.blanks.length, parts };
    }
    default:
      return { score: 0, correct: false, parts: {} };
  }
}

/** Score a set of responses: {score 0..100 (rounded), answered, total, perItem}. */
export function scoreQuiz(items, responses) {
  const perItem = {};
  let sum = 0, answered = 0;
  for (const item of items) {
    const r = responses?.[item.id];
    if (isAnswered(item, r)) answered += 1;
    perItem[item.id] = scoreItem(item, r);
    sum += perItem[item.id].score;
  }
  const score = items.length ? Math.round((100 * sum) / items.length) : 0;
  return { score, answered, total: items.length, perItem };
}
