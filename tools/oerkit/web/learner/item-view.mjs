// Renders one quiz item of any type as accessible form controls, and shows feedback after checking.

import { el, seededShuffle, uid } from "./dom.mjs";
import { isAnswered, scoreItem } from "./scoring.mjs";

const GAP = /\[\[(\d+)\]\]/g;

/**
 * itemView(item, {t, response, onAnswer, number}) -> {node, showFeedback(result)}
 * onAnswer(response) is called when the learner presses Check with a complete answer.
 */
export function itemView(item, { t, response, onAnswer, number, total }) {
  const id = uid(`item-${item.id}`);
  const feedback = el("div", { class: "oerkit-feedback", "aria-live": "polite" });
  const fieldset = el("fieldset", { class: `oerkit-item oerkit-item-${item.type}`, id });
  const legendText = number ? t("quiz.question_n", { n: number, total }) : t("quiz.question");
  fieldset.append(el("legend", { text: legendText }));
  let read = () => undefined;
  let restore = () => {};

  if (item.type === "fill_blank") {
    const p = el("p", { class: "oerkit-stem" });
    const inputs = [];
    let last = 0;
    for (const match of item.stem.matchAll(GAP)) {
      p.append(item.stem.slice(last, match.index));
      const input = el("input", { type: "text", size: 14, "aria-label": t("quiz.blank_n", { n: match[1] }), autocomplete: "off" });
      inputs[Number(match[1]) - 1] = input;
      p.append(input);
      last = match.index + match[0].length;
    }
    p.append(item.stem.slice(last));
    fieldset.append(p);
    read = () => inputs.map((i) => i.value);
    restore = (r) => r.forEach((v, i) => { if (inputs[i]) inputs[i].value = v; });
  } else {
    fieldset.append(el("p", { class: "oerkit-stem", text: item.stem }));
  }

  if (item.type === "single" || item.type === "multiple" || item.type === "truefalse") {
    const kind = item.type === "multiple" ? "checkbox" : "radio";
    const options = item.type === "truefalse"
      ? [{ id: "true", text: t("quiz.true") }, { id: "false", text: t("quiz.false") }]
      : item.options;
    if (item.type === "multiple") fieldset.append(el("p", { class: "oerkit-hint", text: t("quiz.select_all") }));
    const list = el("ul", { class: "oerkit-options" });
    const boxes = options.map((o) => {
      const input = el("input", { type: kind, name: id, value: o.id, id: `${id}-${o.id}` });
      list.append(el("li", { "data-option": o.id }, input, " ", el("label", { for: `${id}-${o.id}`, text: o.text })));
      return input;
    });
    fieldset.append(list);
    read = () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      if (item.type === "multiple") return chosen;
      if (item.type === "truefalse") return chosen.length ? chosen[0] === "true" : undefined;
      return chosen[0];
    };
    restore = (r) => {
      const values = Array.isArray(r) ? r : [String(r)];
      boxes.forEach((b) => { b.checked = values.includes(b.value); });
    };
  }

  if (item.type === "matching") {
    const matches = seededShuffle(item.pairs, item.id);
    const table = el("div", { class: "oerkit-matching" });
    const selects = item.pairs.map((p) => {
      const sid = `${id}-${p.id}`;
      const select = el("select", { id: sid },
        el("option", { value: "", text: t("quiz.choose") }),
        ...matches.map((m) => el("option", { value: m.id, text: m.match })));
      table.append(el("div", { class: "oerkit-match-row", "data-pair": p.id }, el("label", { for: sid, text: p.prompt }), select));
      return [p.id, select];
    });
    fieldset.append(table);
    read = () => Object.fromEntries(selects.map(([pid, s]) => [pid, s.value]));
    restore = (r) => selects.forEach(([pid, s]) => { s.value = r[pid] || ""; });
  }

  if (item.type === "ordering") {
    let order = seededShuffle(item.sequence.map((s) => s.id), item.id);
    if (order.every((x, i) => x === item.sequence[i].id)) order = [...order.slice(1), order[0]];
    const texts = Object.fromEntries(item.sequence.map((s) => [s.id, s.text]));
    const list = el("ol", { class: "oerkit-ordering" });
    const draw = (focusId, focusDir) => {
      list.replaceChildren(...order.map((sid, i) => el("li", { "data-element": sid },
        el("span", { text: texts[sid] }), " ",
        el("button", { type: "button", class: "oerkit-small", "data-dir": "up", disabled: i === 0,
          "aria-label": t("quiz.move_up", { text: texts[sid] }), text: "↑", onclick: () => move(i, -1) }),
        el("button", { type: "button", class: "oerkit-small", "data-dir": "down", disabled: i === order.length - 1,
          "aria-label": t("quiz.move_down", { text: texts[sid] }), text: "↓", onclick: () => move(i, 1) }))));
      if (focusId) {
        const target = list.querySelector(`[data-element="${CSS.escape(focusId)}"] [data-dir="${focusDir}"]`);
        (target && !target.disabled ? target : list.querySelector(`[data-element="${CSS.escape(focusId)}"] button:not([disabled])`))?.focus();
      }
    };
    const move = (i, d) => {
      const j = i + d;
      if (j < 0 || j >= order.length) return;
      [order[i], order[j]] = [order[j], order[i]];
      draw(order[j], d < 0 ? "up" : "down");
    };
    draw();
    fieldset.append(list);
    read = () => [...order];
    restore = (r) => { if (r.length === order.length) { order = [...r]; draw(); } };
  }

  const check = el("button", { type: "button", class: "md-button oerkit-check", text: t("quiz.check") });
  fieldset.append(check, feedback);
  const showFeedback = (result, chosen) => {
    feedback.replaceChildren();
    fieldset.querySelectorAll(".oerkit-mark").forEach((m) => m.remove());
    const verdict = result.correct ? t("quiz.correct") : result.score > 0 ? t("quiz.partly", { percent: Math.round(result.score * 100) }) : t("quiz.incorrect");
    feedback.append(el("p", { class: result.correct ? "oerkit-right" : "oerkit-wrong" }, el("strong", { text: verdict })));
    const mark = (node, ok) => node?.prepend(el("span", { class: `oerkit-mark ${ok ? "oerkit-right" : "oerkit-wrong"}`, text: ok ? "✓ " : "✗ ", "aria-label": ok ? t("quiz.right") : t("quiz.wrong") }));
    if (item.type === "single" || item.type === "multiple") {
      const list = el("ul", { class: "oerkit-option-feedback" });
      for (const o of item.options) {
        const picked = Array.isArray(chosen) ? chosen.includes(o.id) : chosen === o.id;
        if (picked || o.correct) {
          mark(fieldset.querySelector(`[data-option="${CSS.escape(o.id)}"]`), !!o.correct === picked || (!!o.correct && picked));
          list.append(el("li", {}, el("strong", { text: `${o.text}: ` }), o.feedback || ""));
        }
      }
      feedback.append(list);
    } else if (item.type === "truefalse") {
      feedback.append(el("p", { text: chosen ? item.feedback_true : item.feedback_false }));
    } else if (item.type === "matching") {
      for (const p of item.pairs) mark(fieldset.querySelector(`[data-pair="${CSS.escape(p.id)}"]`), result.parts[p.id]);
      if (!result.correct) feedback.append(el("ul", {}, ...item.pairs.map((p) => el("li", { text: `${p.prompt} → ${p.match}` }))));
    } else if (item.type === "ordering") {
      for (const s of item.sequence) mark(fieldset.querySelector(`[data-element="${CSS.escape(s.id)}"]`), result.parts[s.id]);
      if (!result.correct) feedback.append(el("p", { text: t("quiz.right_order") + " " + item.sequence.map((s) => s.text).join(" → ") }));
    } else if (item.type === "fill_blank") {
      feedback.append(el("p", { text: t("quiz.accepted") + " " + item.blanks.map((b, i) => `${i + 1}: ${b.answers[0]}`).join("; ") }));
    }
    if (item.feedback) feedback.append(el("p", { class: "oerkit-general", text: item.feedback }));
  };
  check.addEventListener("click", () => {
    const r = read();
    if (!isAnswered(item, r)) {
      feedback.replaceChildren(el("p", { class: "oerkit-wrong", text: t("quiz.answer_first") }));
      return;
    }
    showFeedback(scoreItem(item, r), r);
    onAnswer?.(r);
  });
  if (response !== undefined && isAnswered(item, response)) {
    restore(response);
    showFeedback(scoreItem(item, response), response);
  }
  return { node: fieldset, showFeedback };
}
