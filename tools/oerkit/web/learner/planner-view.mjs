// The journey planner: from gaps (or hand-picked target competences) to an ordered, scheduled plan that
// the learner can pin, skip and reorder; exports to print, iCalendar, JSON and a share link.

import { dataControls } from "./data-controls.mjs";
import { download, el, say, statusRegion, uid } from "./dom.mjs";
import { formatDate, formatNumber } from "./i18n.mjs";
import { competenceList, prioritiesFromState, statusesFromState } from "./learner-model.mjs";
import { isoDate, planHours, planJourney, schedule, toIcs } from "./planner.mjs";
import { decodeShare, encodeShare } from "./store.mjs";

export function plannerView(root, data, t, store, known) {
  let state = store.load();
  const status = statusRegion();
  const mods = Object.fromEntries(data.modules.map((m) => [m.id, m]));
  const output = el("section", { class: "oerkit-plan", "aria-labelledby": "oerkit-plan-title" });
  const save = () => store.save(state);
  const msg = (m) => t(m.key, { ...m.params, module: m.params.module && `${m.params.module} ${mods[m.params.module]?.title || ""}`,
    prerequisite: m.params.prerequisite && `${m.params.prerequisite} ${mods[m.params.prerequisite]?.title || ""}`,
    end: m.params.end && formatDate(m.params.end, data.lang) });

  const shared = decodeShare(window.location.hash, known);
  if (shared && shared.ok) {
    state.plan = shared.state.plan;
    state.assessment.profile = shared.state.assessment.profile;
    save();
  }

  const compute = (order) => planJourney({
    modules: data.modules, outcomes: data.outcomes, priorities: prioritiesFromState(data, state),
    statuses: statusesFromState(data, state), pinned: state.plan.pinned, skipped: state.plan.skipped,
    order: order ?? state.plan.order, strategies: state.assessment.profile.strategies,
  });

  const settings = () => {
    const p = state.assessment.profile;
    if (!state.plan.startDate) state.plan.startDate = isoDate(new Date());
    const field = (id, label, input) => el("p", {}, el("label", { for: id, text: label }), " ", input);
    const hours = el("input", { type: "number", id: "oerkit-plan-hours", min: 0, max: 80, step: 1, value: p.weeklyHours });
    hours.addEventListener("change", () => {
      const v = Number(hours.value);
      if (Number.isFinite(v) && v >= 0 && v <= 80) { state.assessment.profile.weeklyHours = v; save(); draw(); }
    });
    const start = el("input", { type: "date", id: "oerkit-plan-start", value: state.plan.startDate });
    start.addEventListener("change", () => { state.plan.startDate = start.value; save(); draw(); });
    const target = el("input", { type: "date", id: "oerkit-plan-target", value: p.targetDate });
    target.addEventListener("change", () => { state.assessment.profile.targetDate = target.value; save(); draw(); });
    const strategies = el("div", { class: "oerkit-choices" }, ...data.strategies.map((s) => {
      const id = uid("oerkit-strategy");
      const box = el("input", { type: "checkbox", id, checked: p.strategies.includes(s.id) });
      box.addEventListener("change", () => {
        const list = state.assessment.profile.strategies;
        state.assessment.profile.strategies = box.checked ? [...new Set([...list, s.id])] : list.filter((x) => x !== s.id);
        save(); draw();
      });
      return el("span", { class: "oerkit-choice" }, box, " ", el("label", { for: id, text: s.label }));
    }));
    const targets = el("div", { class: "oerkit-choices" }, ...competenceList(data).map((c) => {
      const id = uid("oerkit-target");
      const box = el("input", { type: "checkbox", id, checked: state.plan.targets.includes(c.id) });
      box.addEventListener("change", () => {
        const list = state.plan.targets;
        state.plan.targets = box.checked ? [...new Set([...list, c.id])] : list.filter((x) => x !== c.id);
        save(); draw();
      });
      return el("span", { class: "oerkit-choice" }, box, " ", el("label", { for: id, text: `${c.id} ${c.title}` }));
    }));
    return el("section", { class: "oerkit-settings" }, el("h2", { text: t("plan.settings") }),
      field("oerkit-plan-hours", t("assess.weekly_hours"), hours),
      field("oerkit-plan-start", t("plan.start_date"), start),
      field("oerkit-plan-target", t("assess.target_date"), target),
      el("fieldset", {}, el("legend", { text: t("assess.strategies") }), strategies),
      el("details", {}, el("summary", { text: t("plan.manual_targets") }), el("p", { text: t("plan.manual_intro") }), targets));
  };

  const act = (fn) => { fn(); save(); draw(); };
  const moveModule = (items, index, delta) => {
    const order = items.map((i) => i.id);
    const j = index + delta;
    if (j < 0 || j >= order.length) return;
    [order[index], order[j]] = [order[j], order[index]];
    const attempt = compute(order);
    if (attempt.violations.length) {
      say(status, attempt.violations.map(msg).join(" "), "error");
      return;
    }
    state.plan.order = order;
    save();
    draw(order[j], delta < 0 ? "up" : "down");
    say(status, t("plan.moved", { module: `${order[j]} ${mods[order[j]].title}` }));
  };

  const draw = (focusId, focusDir) => {
    const plan = compute();
    const p = state.assessment.profile;
    const sched = schedule(plan.items, data.modules, p.weeklyHours, state.plan.startDate, p.targetDate);
    const hours = planHours(plan.items, data.modules);
    output.replaceChildren(el("h2", { id: "oerkit-plan-title", text: t("plan.title") }));
    if (!plan.items.length) {
      output.append(el("p", { text: t("plan.empty") }));
    } else {
      output.append(el("p", { class: "oerkit-totals", text: t("plan.totals", { modules: plan.items.filter((i) => i.status !== "done").length,
        hours: formatNumber(hours, data.lang), credits: formatNumber(hours / data.hoursPerCredit, data.lang) }) }));
    }
    for (const m of [...plan.messages, ...sched.messages]) output.append(el("p", { class: "oerkit-warning", text: msg(m) }));
    const list = el("ol", { class: "oerkit-modules" });
    plan.items.forEach((item, index) => {
      const m = mods[item.id];
      const pinned = state.plan.pinned.includes(item.id);
      const li = el("li", { "data-module": item.id, class: `oerkit-status-${item.status}` },
        el("a", { href: m.url, text: `${m.id} ${m.title}` }), " ",
        el("span", { class: "oerkit-badge", text: t(`plan.reason_${item.reason}`) }),
        item.status !== "todo" ? el("span", { class: "oerkit-badge", text: t(`plan.status_${item.status}`) }) : null,
        el("span", { class: "oerkit-hours", text: ` ${formatNumber(m.hours, data.lang)} h` }));
      const activities = item.activities.map((aid) => m.activities.find((a) => a.id === aid)).filter(Boolean);
      if (activities.length) {
        li.append(el("p", { class: "oerkit-hint", text: item.preferredMatch ? t("plan.activities_preferred") : t("plan.activities_all") }),
          el("ul", {}, ...activities.map((a) => el("li", { text: `${a.title} (${data.strategyLabels[a.strategy] || a.strategy}, ${a.minutes} min)` }))));
      }
      if (item.status === "revisit") {
        const revisit = item.revisit.map((aid) => m.activities.find((a) => a.id === aid)).filter(Boolean);
        li.append(el("div", { class: "oerkit-revisit" }, el("p", { text: t("plan.revisit_intro", { outcomes: item.weakOutcomes.join(", ") }) }),
          el("ul", {}, el("li", {}, el("a", { href: m.url, text: t("plan.revisit_pages") })),
            ...revisit.map((a) => el("li", { text: t("plan.revisit_activity", { title: a.title }) })),
            m.quizUrl ? el("li", {}, el("a", { href: m.quizUrl, text: t("plan.retake_quiz") })) : null)));
      }
      li.append(el("div", { class: "oerkit-buttons oerkit-no-print" },
        el("button", { type: "button", class: "oerkit-small", "data-dir": "up", disabled: index === 0, "aria-label": t("plan.move_up", { module: m.id }),
          text: "↑", onclick: () => moveModule(plan.items, index, -1) }),
        el("button", { type: "button", class: "oerkit-small", "data-dir": "down", disabled: index === plan.items.length - 1,
          "aria-label": t("plan.move_down", { module: m.id }), text: "↓", onclick: () => moveModule(plan.items, index, 1) }),
        el("button", { type: "button", class: "oerkit-small", "aria-pressed": pinned ? "true" : "false", text: t("plan.pin"),
          "aria-label": t(pinned ? "plan.unpin_label" : "plan.pin_label", { module: m.id }),
          onclick: () => act(() => { state.plan.pinned = pinned ? state.plan.pinned.filter((x) => x !== item.id) : [...state.plan.pinned, item.id]; }) }),
        el("button", { type: "button", class: "oerkit-small", text: t("plan.skip"), "aria-label": t("plan.skip_label", { module: m.id }),
          onclick: () => act(() => { state.plan.skipped = [...new Set([...state.plan.skipped, item.id])]; }) })));
      list.append(li);
    });
    output.append(list);
    if (state.plan.skipped.length) {
      output.append(el("h3", { text: t("plan.skipped") }), el("ul", {}, ...state.plan.skipped.filter((id) => mods[id]).map((id) => el("li", {},
        `${id} ${mods[id].title} `,
        el("button", { type: "button", class: "oerkit-small", text: t("plan.restore"), "aria-label": t("plan.restore_label", { module: id }),
          onclick: () => act(() => { state.plan.skipped = state.plan.skipped.filter((x) => x !== id); }) })))));
    }
    if (sched.weeks.length) {
      output.append(el("h3", { text: t("plan.schedule") }), el("div", { class: "oerkit-table-scroll" }, el("table", { class: "oerkit-schedule" },
        el("caption", { text: t("plan.schedule_caption", { end: formatDate(sched.end, data.lang) }) }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("plan.week") }), el("th", { scope: "col", text: t("plan.dates") }),
          el("th", { scope: "col", text: t("plan.study") }))),
        el("tbody", {}, ...sched.weeks.map((w) => el("tr", {}, el("th", { scope: "row", text: String(w.index) }),
          el("td", { text: `${formatDate(w.start, data.lang)} – ${formatDate(w.end, data.lang)}` }),
          el("td", { text: w.entries.map((e) => `${e.id} ${mods[e.id].title} (${formatNumber(e.hours, data.lang)} h)`).join("; ") })))))));
    }
    const titles = Object.fromEntries(data.modules.map((m) => [m.id, m.title]));
    const shareBox = el("input", { type: "text", readonly: true, id: "oerkit-share-link", class: "oerkit-share", value: "" });
    output.append(el("h3", { class: "oerkit-no-print", text: t("plan.export") }), el("div", { class: "oerkit-buttons oerkit-no-print" },
      el("button", { type: "button", class: "md-button", text: t("plan.print"), onclick: () => window.print() }),
      el("button", { type: "button", class: "md-button", text: t("plan.ics"), disabled: !sched.weeks.length,
        onclick: () => download("learning-journey.ics", toIcs(sched, titles, t("plan.calendar_name")), "text/calendar") }),
      el("button", { type: "button", class: "md-button", text: t("plan.json"), onclick: () => download("learning-journey.json",
        JSON.stringify({ version: state.version, assessment: { profile: state.assessment.profile }, plan: state.plan,
          journey: plan.items.map((i) => ({ module: i.id, status: i.status, reason: i.reason })), schedule: sched.weeks }, null, 2), "application/json") }),
      el("button", { type: "button", class: "md-button", text: t("plan.share"), onclick: () => {
        const url = new URL(window.location.href);
        url.hash = encodeShare(state);
        shareBox.value = url.toString();
        shareBox.hidden = false;
        shareBox.select();
        say(status, t("plan.share_ready"));
      } })),
    el("p", { class: "oerkit-no-print" }, el("label", { for: "oerkit-share-link", class: "oerkit-visually-hidden", text: t("plan.share_label") }), shareBox));
    shareBox.hidden = true;
    if (focusId) output.querySelector(`[data-module="${CSS.escape(focusId)}"] [data-dir="${focusDir}"]:not([disabled])`)?.focus()
      ?? output.querySelector(`[data-module="${CSS.escape(focusId)}"] button`)?.focus();
  };

  root.replaceChildren(settings(), output, status,
    dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: () => {
      root.replaceChildren();
      plannerView(root, data, t, store, known);
    } }));
  if (shared && !shared.ok) say(status, t("data.import_refused") + " " + t(shared.error.key, shared.error.params), "error");
  else if (shared) say(status, t("plan.loaded_from_link"));
  draw();
}
