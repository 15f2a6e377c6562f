// The SCO inside a SCORM package: the module's pages with simple navigation, then the quiz through the
// shared quiz player. Reports completion, score, one interaction per answer and one objective per
// learning outcome; resumes from suspend_data; commits after each step; finishes on pagehide or button.

import { el } from "./dom.mjs";
import { translate } from "./i18n.mjs";
import { itemView } from "./item-view.mjs";
import { answer, finish } from "./quiz-session.mjs";
import { connect } from "./scorm-api.mjs";
import { correctPattern, decodeSuspend, encodeSuspend, formatResponse, INTERACTION_TYPE, resultWord, timespan, timestamp }
  from "./scorm-mapping.mjs";

function start() {
  const data = JSON.parse(document.getElementById("oerkit-sco").textContent);
  const t = (key, params) => translate(data.messages, key, params);
  const v2004 = data.version === "2004";
  const lms = connect(window, data.version);
  const pages = [...document.querySelectorAll(".sco-page")];
  const items = data.quiz ? data.quiz.items : [];
  const started = Date.now();
  const k = (key12, key2004) => (v2004 ? key2004 : key12);
  let state = decodeSuspend(items, lms ? lms.get("cmi.suspend_data") : "", pages.length);
  let quiz = { responses: state.responses, position: 0, finished: state.finished, score: 0, outcomeMastery: {} };
  const outcomes = data.outcomes;

  const complete = () => state.seen.every(Boolean) && (!data.quiz || quiz.finished);
  const report = () => {
    if (!lms) return;
    const summary = data.quiz && quiz.finished ? finish(items, quiz, data.quiz.masteryScore).summary : null;
    if (summary) {
      const scaled = summary.score / 100;
      lms.set(k("cmi.core.score.raw", "cmi.score.raw"), summary.score);
      lms.set(k("cmi.core.score.min", "cmi.score.min"), 0);
      lms.set(k("cmi.core.score.max", "cmi.score.max"), 100);
      if (v2004) lms.set("cmi.score.scaled", scaled.toFixed(2));
      outcomes.forEach((oid, n) => {
        const m = summary.outcomeMastery[oid];
        if (!m) return;
        const passed = m.score * 100 >= data.quiz.masteryScore;
        if (v2004) {
          lms.set(`cmi.objectives.${n}.success_status`, passed ? "passed" : "failed");
          lms.set(`cmi.objectives.${n}.completion_status`, "completed");
          lms.set(`cmi.objectives.${n}.score.scaled`, m.score.toFixed(2));
        } else {
          lms.set(`cmi.objectives.${n}.status`, passed ? "passed" : "failed");
          lms.set(`cmi.objectives.${n}.score.raw`, Math.round(m.score * 100));
          lms.set(`cmi.objectives.${n}.score.min`, 0);
          lms.set(`cmi.objectives.${n}.score.max`, 100);
        }
      });
    }
    const done = complete();
    if (v2004) {
      lms.set("cmi.completion_status", done ? "completed" : "incomplete");
      if (summary && done) lms.set("cmi.success_status", summary.passed ? "passed" : "failed");
    } else {
      let status = "incomplete";
      if (done) status = summary ? (summary.passed ? "passed" : "failed") : "completed";
      lms.set("cmi.core.lesson_status", status);
    }
    lms.set(k("cmi.core.lesson_location", "cmi.location"), state.location);
    lms.set("cmi.suspend_data", encodeSuspend(items, { ...state, responses: quiz.responses, finished: quiz.finished }));
    lms.set(k("cmi.core.exit", "cmi.exit"), done ? (v2004 ? "normal" : "") : "suspend");
    lms.commit();
  };

  if (lms) {
    // one objective per learning outcome, so the outcome framework travels into the LMS
    outcomes.forEach((oid, n) => {
      lms.set(`cmi.objectives.${n}.id`, oid);
    });
  }

  const nav = el("nav", { class: "sco-nav", "aria-label": t("sco.pages") });
  const status = el("p", { class: "sco-status", role: "status", "aria-live": "polite" });
  const prev = el("button", { type: "button", class: "sco-button", text: t("sco.previous") });
  const next = el("button", { type: "button", class: "sco-button", text: t("sco.next") });
  const finishButton = el("button", { type: "button", class: "sco-button sco-primary", text: t("sco.finish") });
  const show = (index, focus) => {
    state.location = index;
    state.seen[index] = true;
    pages.forEach((p, i) => { p.hidden = i !== index; });
    nav.querySelectorAll("a").forEach((a, i) => {
      if (i === index) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      a.dataset.seen = state.seen[i] ? "1" : "0";
    });
    prev.disabled = index === 0;
    next.disabled = index === pages.length - 1;
    if (focus) pages[index].querySelector("h1")?.focus();
    report();
  };
  const list = el("ol", {}, ...pages.map((p, i) => el("li", {}, el("a", { href: `#${p.id}`, text: p.dataset.title,
    onclick: (e) => { e.preventDefault(); show(i, true); } }))));
  nav.append(list);
  document.getElementById("sco-main").addEventListener("click", (e) => {
    const link = e.target.closest('a[href^="#page-"]');
    const index = link ? pages.findIndex((p) => `#${p.id}` === link.getAttribute("href")) : -1;
    if (index >= 0) {
      e.preventDefault();
      show(index, true);
    }
  });
  prev.addEventListener("click", () => show(Math.max(0, state.location - 1), true));
  next.addEventListener("click", () => show(Math.min(pages.length - 1, state.location + 1), true));
  pages.forEach((p) => p.querySelector("h1")?.setAttribute("tabindex", "-1"));

  let interactionCount = lms ? Number(lms.get(k("cmi.interactions._count", "cmi.interactions._count"))) || 0 : 0;
  let lastAnswerAt = Date.now(); // latency: the time since the previous answer (or the start of the session)
  const recordInteraction = (item, response, result) => {
    if (!lms) return;
    const now = Date.now();
    const n = interactionCount;
    interactionCount += 1;
    const base = `cmi.interactions.${n}`;
    lms.set(`${base}.id`, item.id);
    lms.set(`${base}.type`, INTERACTION_TYPE[item.type]);
    lms.set(`${base}.objectives.0.id`, item.outcomes[0]);
    lms.set(`${base}.correct_responses.0.pattern`, correctPattern(item, data.version));
    lms.set(`${base}.${v2004 ? "learner_response" : "student_response"}`, formatResponse(item, response, data.version));
    lms.set(`${base}.result`, resultWord(result.correct, data.version));
    lms.set(`${base}.weighting`, 1);
    lms.set(`${base}.${v2004 ? "timestamp" : "time"}`, timestamp(new Date(now), data.version));
    lms.set(`${base}.latency`, timespan(now - lastAnswerAt, data.version));
    lastAnswerAt = now;
  };

  if (data.quiz) {
    const host = document.getElementById("sco-quiz");
    const results = el("div", { class: "sco-results", "aria-live": "polite" });
    host.append(...items.map((item, i) => itemView(item, {
      t, number: i + 1, total: items.length, response: quiz.responses[item.id],
      onAnswer: (response) => {
        const step = answer(items, quiz, item.id, response);
        quiz = step.state;
        recordInteraction(item, response, step.result);
        report();
      },
    }).node));
    const showResult = () => {
      const summary = finish(items, quiz, data.quiz.masteryScore).summary;
      results.replaceChildren(el("p", {}, el("strong", { text: t("quiz.score", { score: summary.score }) }), " ",
        summary.passed ? t("quiz.passed", { mastery: data.quiz.masteryScore }) : t("quiz.not_passed", { mastery: data.quiz.masteryScore })));
    };
    host.append(el("p", {}, el("button", { type: "button", class: "sco-button sco-primary", text: t("quiz.finish"), onclick: () => {
      quiz = finish(items, quiz, data.quiz.masteryScore).state;
      showResult();
      report();
    } })), results);
    if (quiz.finished) showResult();
  }
  finishButton.addEventListener("click", () => {
    report();
    if (lms) {
      lms.set(k("cmi.core.session_time", "cmi.session_time"), timespan(Date.now() - started, data.version));
      lms.commit();
      lms.terminate();
    }
    status.textContent = complete() ? t("sco.finished") : t("sco.finished_incomplete");
  });
  window.addEventListener("pagehide", () => {
    if (!lms) return;
    report();
    lms.set(k("cmi.core.session_time", "cmi.session_time"), timespan(Date.now() - started, data.version));
    lms.commit();
    lms.terminate();
  });
  const bar = el("div", { class: "sco-bar" }, prev, next, finishButton);
  document.getElementById("sco-nav").append(nav);
  document.getElementById("sco-controls").append(bar, status);
  if (!lms) document.getElementById("sco-notice").textContent = t("sco.no_lms");
  show(state.location, false);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
