// The quiz player on a module's site page. Its logic is in quiz-session.mjs; where results go is the
// adapter's business (localStorage here, the SCORM API inside packages).

import { el, say, statusRegion } from "./dom.mjs";
import { itemView } from "./item-view.mjs";
import { answer, finish, restart, startSession } from "./quiz-session.mjs";

/** The site's adapter: the quiz state lives in the learner's store under quizzes[module]. */
export function localQuizAdapter(store, moduleId) {
  return {
    load: () => store.load().quizzes[moduleId] || null,
    save: (quizState) => {
      const all = store.load();
      all.quizzes[moduleId] = quizState;
      store.save(all);
    },
    finish: () => {},
    recordsResults: true,
  };
}

export function quizView(root, data, t, adapter) {
  const quiz = data.quiz;
  const items = quiz.items;
  let state = startSession(items, adapter.load());
  const status = statusRegion();
  const progress = el("p", { class: "oerkit-progress" });
  const list = el("div", { class: "oerkit-items" });
  const results = el("section", { class: "oerkit-results", "aria-live": "polite" });
  const updateProgress = () => {
    const n = Object.keys(state.responses).length;
    progress.textContent = t("quiz.progress", { answered: n, total: items.length });
  };
  const draw = () => {
    list.replaceChildren(...items.map((item, i) => itemView(item, {
      t, number: i + 1, total: items.length, response: state.responses[item.id],
      onAnswer: (response) => {
        state = answer(items, state, item.id, response).state;
        state = { ...state, position: i };
        adapter.save(state);
        updateProgress();
      },
    }).node));
    updateProgress();
  };
  const showResults = (summary) => {
    const outcomes = Object.entries(summary.outcomeMastery).sort(([a], [b]) => a.localeCompare(b));
    results.replaceChildren(
      el("h2", { text: t("quiz.result_title") }),
      el("p", {}, el("strong", { text: t("quiz.score", { score: summary.score }) }), " ",
        summary.passed ? t("quiz.passed", { mastery: quiz.masteryScore }) : t("quiz.not_passed", { mastery: quiz.masteryScore })),
      outcomes.length ? el("table", {},
        el("caption", { text: t("quiz.by_outcome") }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("quiz.outcome") }), el("th", { scope: "col", text: t("quiz.mastery") }))),
        el("tbody", {}, ...outcomes.map(([oid, m]) => el("tr", {},
          el("td", { text: `${oid} ${data.outcomes?.[oid]?.statement || ""}` }),
          el("td", { text: `${Math.round(m.score * 100)} %` }))))) : null,
      data.plannerUrl ? el("p", {}, el("a", { href: data.plannerUrl, text: t("quiz.see_plan") })) : null,
      el("button", { type: "button", class: "md-button", text: t("quiz.again"), onclick: () => {
        state = restart(state);
        adapter.save(state);
        draw();
        say(status, t("quiz.restarted"));
        list.querySelector("input, select, button")?.focus();
      } }));
  };
  const finishButton = el("button", { type: "button", class: "md-button md-button--primary", text: t("quiz.finish"), onclick: () => {
    const answered = Object.keys(state.responses).length;
    if (answered < items.length && !window.confirm(t("quiz.finish_unanswered", { left: items.length - answered }))) return;
    const done = finish(items, state, quiz.masteryScore);
    state = done.state;
    adapter.save(state);
    adapter.finish(done.summary);
    showResults(done.summary);
    results.querySelector("h2")?.setAttribute("tabindex", "-1");
    results.querySelector("h2")?.focus();
  } });
  root.replaceChildren(
    adapter.recordsResults ? null : el("p", { class: "oerkit-note", text: t("quiz.not_recorded") }),
    progress, list, el("div", { class: "oerkit-buttons" }, finishButton), status, results);
  draw();
  if (state.finished) showResults(finish(items, state, quiz.masteryScore).summary);
}
