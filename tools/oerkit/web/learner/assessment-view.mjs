// The self-assessment page: learner profile, can-do self-ratings with knowledge checks, and results
// (chart, accessible table, ranked gaps). Saved on every change; resumable.

import { progress } from "./assessment.mjs";
import { dataControls } from "./data-controls.mjs";
import { el, statusRegion, svgNode, uid } from "./dom.mjs";
import { levelChart } from "./chart.mjs";
import { formatNumber } from "./i18n.mjs";
import { itemView } from "./item-view.mjs";
import { competenceList, gapsFromState } from "./learner-model.mjs";

export function assessmentView(root, data, t, store, known) {
  let state = store.load();
  const save = () => store.save(state);
  const status = statusRegion();
  const comps = competenceList(data);
  const titles = Object.fromEntries(comps.map((c) => [c.id, c.title]));
  const bar = el("progress", { max: comps.length, value: 0, "aria-labelledby": "oerkit-progress-label" });
  const barLabel = el("span", { id: "oerkit-progress-label" });
  const results = el("section", { class: "oerkit-results", id: "oerkit-results" });

  const updateProgress = () => {
    const p = progress(comps, state.assessment.ratings);
    bar.value = p.rated;
    barLabel.textContent = t("assess.progress", { rated: p.rated, total: p.total });
  };

  const profileForm = () => {
    const p = state.assessment.profile;
    const hours = el("input", { type: "number", min: 0, max: 80, step: 1, id: "oerkit-hours", value: p.weeklyHours });
    hours.addEventListener("change", () => {
      const v = Number(hours.value);
      if (Number.isFinite(v) && v >= 0 && v <= 80) { state.assessment.profile.weeklyHours = v; save(); }
    });
    const date = el("input", { type: "date", id: "oerkit-target-date", value: p.targetDate });
    date.addEventListener("change", () => { state.assessment.profile.targetDate = date.value; save(); });
    const checkboxes = (name, options, chosen) => el("div", { class: "oerkit-choices" }, ...options.map((o) => {
      const id = uid(name);
      const box = el("input", { type: "checkbox", id, value: o.id, checked: chosen.includes(o.id) });
      box.addEventListener("change", () => {
        const list = state.assessment.profile[name];
        state.assessment.profile[name] = box.checked ? [...new Set([...list, o.id])] : list.filter((x) => x !== o.id);
        save();
      });
      return el("span", { class: "oerkit-choice" }, box, " ", el("label", { for: id, text: o.label }));
    }));
    const experience = el("select", { id: "oerkit-experience" }, ...["none", "some", "extensive"].map((v) =>
      el("option", { value: v, text: t(`assess.experience_${v}`), selected: p.experience === v })));
    experience.addEventListener("change", () => { state.assessment.profile.experience = experience.value; save(); });
    return el("section", { class: "oerkit-profile" },
      el("h2", { text: t("assess.profile_title") }), el("p", { text: t("assess.profile_intro") }),
      el("p", {}, el("label", { for: "oerkit-hours", text: t("assess.weekly_hours") }), " ", hours),
      el("p", {}, el("label", { for: "oerkit-target-date", text: t("assess.target_date") }), " ", date),
      el("fieldset", {}, el("legend", { text: t("assess.strategies") }), checkboxes("strategies", data.strategies, p.strategies)),
      el("fieldset", {}, el("legend", { text: t("assess.modalities") }), checkboxes("modalities", data.modalities, p.modalities)),
      el("p", {}, el("label", { for: "oerkit-experience", text: t("assess.experience") }), " ", experience));
  };

  const competenceBlock = (c) => {
    const name = `oerkit-rate-${c.id}`;
    const fieldset = el("fieldset", { class: "oerkit-rating", "data-competence": c.id },
      el("legend", { text: t("assess.rate_legend", { competence: `${c.id} ${c.title}` }) }),
      el("p", { class: "oerkit-hint", text: c.description }));
    for (const s of data.scale) {
      const id = `${name}-${s.level}`;
      const radio = el("input", { type: "radio", name, id, value: s.level, checked: state.assessment.ratings[c.id] === s.level });
      radio.addEventListener("change", () => {
        state.assessment.ratings[c.id] = s.level;
        save();
        updateProgress();
        drawResults();
      });
      fieldset.append(el("div", { class: "oerkit-level" }, radio, " ",
        el("label", { for: id }, el("strong", { text: `${s.level} ${s.label}` }), `: ${s.can_do}`)));
    }
    const checks = data.checks?.[c.id] || [];
    const block = el("div", { class: "oerkit-competence" }, el("h3", { text: `${c.id} ${c.title}` }), fieldset);
    if (checks.length) {
      block.append(el("p", { class: "oerkit-hint", text: t("assess.checks_intro") }));
      checks.forEach((item) => block.append(itemView(item, { t, response: state.assessment.checks[item.id], onAnswer: (r) => {
        state.assessment.checks[item.id] = r;
        save();
        drawResults();
      } }).node));
    }
    return block;
  };

  const drawResults = () => {
    const rows = gapsFromState(data, state);
    const byArea = competenceList(data).map((c) => rows.find((r) => r.id === c.id));
    const assessed = rows.filter((r) => r.current !== null);
    results.replaceChildren(el("h2", { text: t("assess.results_title") }));
    if (!assessed.length) {
      results.append(el("p", { text: t("assess.no_results") }));
      return;
    }
    results.append(el("p", { text: t("assess.rule") }));
    const chart = el("figure", { class: "oerkit-chart" }, svgNode(levelChart(
      byArea.map((r) => ({ id: r.id, label: `${r.id} ${titles[r.id]}`, current: r.current, target: r.target })),
      data.maxLevel, { title: t("assess.chart_title"), current: t("assess.current"), target: t("assess.target") })),
    el("figcaption", { text: t("assess.chart_caption") }));
    const level = (v) => (v === null || v === undefined ? "–" : formatNumber(v, data.lang));
    const note = (r) => (r.disagreement ? t(`assess.${r.disagreement}`) : "");
    const table = el("table", { class: "oerkit-gap-table" },
      el("caption", { text: t("assess.table_caption") }),
      el("thead", {}, el("tr", {}, ...["competence", "self", "evidence", "current", "target", "gap", "priority", "note"]
        .map((k) => el("th", { scope: "col", text: t(`assess.col_${k}`) })))),
      el("tbody", {}, ...rows.map((r) => el("tr", { "data-competence": r.id },
        el("th", { scope: "row", text: `${r.id} ${titles[r.id]}` }), el("td", { text: level(r.selfRating) }),
        el("td", { text: r.evidenceItems ? `${level(r.evidenceLevel)} (${t("assess.items", { n: r.evidenceItems })})` : "–" }),
        el("td", { text: level(r.current) }), el("td", { text: level(r.target) }), el("td", { text: level(r.gap) }),
        el("td", { text: level(r.priority) }), el("td", { text: note(r) })))));
    const ranked = rows.filter((r) => r.priority > 0);
    results.append(chart, el("div", { class: "oerkit-table-scroll" }, table),
      el("h3", { text: t("assess.ranked_title") }),
      ranked.length ? el("ol", { class: "oerkit-ranked" }, ...ranked.map((r) => el("li", { "data-competence": r.id },
        el("strong", { text: `${r.id} ${titles[r.id]}` }), ": " + t("assess.ranked_item", { gap: r.gap, priority: r.priority }))))
        : el("p", { text: t("assess.no_gaps") }),
      el("p", {}, el("a", { class: "md-button md-button--primary", href: data.plannerUrl, text: t("assess.to_planner") })));
  };

  const redraw = () => {
    root.replaceChildren(
      el("p", { class: "oerkit-progress" }, barLabel, " ", bar),
      profileForm(),
      ...data.areas.map((a) => el("section", { class: "oerkit-area" }, el("h2", { text: `${a.id} ${a.title}` }),
        ...a.competences.map((c) => competenceBlock({ ...c })))),
      results, status,
      dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: () => redraw() }));
    updateProgress();
    drawResults();
  };
  redraw();
}
