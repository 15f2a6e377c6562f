// /tools/risk-systemicity/: a group rates how likely each risk scenario is in their city (one rater at a
// time, or raters added from the files of members who answered on their own devices), and sees the risk
// scores per scenario and theme, the awareness score, the scenarios to discuss and the policies to consider.

import { levelChart } from "./chart.mjs";
import { dataControls } from "./data-controls.mjs";
import { el, say, statusRegion, svgNode } from "./dom.mjs";
import { formatNumber, formatPercent } from "./i18n.mjs";
import { chainDiagram } from "./risk-diagram.mjs";
import { DONT_KNOW, MAX_LIKELIHOOD, MAX_NAME, addRater, mergeRaters, raterNumber, rate, removeRater, renameRater, scoreQuestionnaire } from "./risk.mjs";
import { parseImport } from "./store.mjs";

export function riskView(root, data, t, store, known) {
  let state = store.load();
  const risk = data.risk;
  const status = statusRegion();
  const scenarios = risk.themes.flatMap((theme) => theme.scenarios.map((s) => ({ ...s, themeTitle: theme.title })));
  const byId = Object.fromEntries(scenarios.map((s) => [s.id, s]));
  const num = (v) => formatNumber(v, data.lang);
  const raters = () => state.tools.risk.raters;
  const label = (r) => r.name || t("risk.rater_n", { n: raterNumber(raters(), r.id) });
  const answerText = (v) => (v === DONT_KNOW ? t("risk.dont_know") : `${v} ${t(`risk.likelihood_${v}`)}`);
  let current = null; // the id of the rater whose answers the questionnaire shows

  const setRaters = (list) => {
    state.tools.risk.raters = list;
    store.save(state);
  };
  const ensureRater = () => {
    // a first rater exists in memory from the start, so the questionnaire can be answered at once
    if (!raters().length) state.tools.risk.raters = addRater([]);
    if (!raters().some((r) => r.id === current)) current = raters()[0].id;
  };
  const raterById = (id) => raters().find((r) => r.id === id);
  const currentRater = () => raterById(current);

  const ratersBox = el("section", { class: "oerkit-risk-raters", "aria-labelledby": "oerkit-risk-raters" });
  const answering = el("p", { class: "oerkit-risk-answering" });
  const progress = el("p", { class: "oerkit-progress" });
  const questionnaire = el("div", { class: "oerkit-risk-questionnaire" });
  const results = el("section", { class: "oerkit-results", "aria-labelledby": "oerkit-risk-results" });

  const filesInput = el("input", { type: "file", multiple: true, accept: "application/json,.json", class: "oerkit-visually-hidden", id: "oerkit-risk-files", tabindex: "-1", "aria-label": t("risk.add_from_files") });
  filesInput.addEventListener("change", async () => {
    const files = [...(filesInput.files || [])];
    filesInput.value = "";
    let list = raters();
    let added = 0;
    for (const file of files) {
      const parsed = parseImport(await file.text(), { scenarios: known.scenarios }); // only the answers matter here
      if (!parsed.ok) {
        say(status, `${file.name}: ${t("data.import_refused")} ${t(parsed.error.key, parsed.error.params)}`, "error");
        return;
      }
      // a member's file: the raters they entered, often just themselves
      const merged = mergeRaters(list.filter((r) => Object.keys(r.ratings).length || r.name), parsed.state.tools.risk.raters);
      list = merged.raters;
      added += merged.added;
    }
    if (!added) {
      say(status, t("risk.nothing_in_files"), "error");
      return;
    }
    setRaters(list);
    say(status, t("risk.added_from_files", { count: added }));
    draw();
  });

  const drawRaters = () => {
    ratersBox.replaceChildren(el("h2", { id: "oerkit-risk-raters", text: t("risk.raters") }),
      el("ul", { class: "oerkit-risk-rater-list" }, ...raters().map((r) => {
        const id = `oerkit-risk-name-${r.id}`;
        const number = t("risk.rater_n", { n: raterNumber(raters(), r.id) });
        const input = el("input", { type: "text", id, value: r.name, maxlength: MAX_NAME, autocomplete: "off", placeholder: number });
        const remove = el("button", { type: "button", class: "oerkit-small", text: t("risk.remove_rater", { rater: label(r) }) });
        input.addEventListener("change", () => {
          setRaters(renameRater(raters(), r.id, input.value));
          remove.textContent = t("risk.remove_rater", { rater: label(raterById(r.id)) });
          drawAnswering();
          drawQuestionnaire();
          drawResults();
        });
        remove.addEventListener("click", () => {
          const name = label(raterById(r.id));
          if (!window.confirm(t("risk.remove_confirm", { rater: name }))) return;
          setRaters(removeRater(raters(), r.id));
          say(status, t("risk.rater_removed", { rater: name }));
          draw();
          ratersBox.querySelector(".oerkit-risk-add")?.focus();
        });
        return el("li", { "data-rater": r.id }, el("label", { for: id, text: t("risk.rater_name", { rater: number }) }), " ", input, " ", remove);
      })),
      el("div", { class: "oerkit-buttons" },
        el("button", { type: "button", class: "md-button oerkit-risk-add", text: t("risk.add_rater"), onclick: () => {
          const list = addRater(raters());
          const added = list[list.length - 1];
          setRaters(list);
          current = added.id;
          say(status, t("risk.rater_added", { rater: label(added) }));
          draw();
          document.getElementById(`oerkit-risk-name-${added.id}`)?.focus();
        } }),
        el("button", { type: "button", class: "md-button", text: t("risk.add_from_files"), onclick: () => filesInput.click() })),
      filesInput);
  };

  const drawAnswering = () => {
    const select = el("select", { id: "oerkit-risk-current" }, ...raters().map((r) => el("option", { value: r.id, text: label(r), selected: r.id === current })));
    select.addEventListener("change", () => {
      current = select.value;
      drawQuestionnaire();
    });
    answering.replaceChildren(el("label", { for: "oerkit-risk-current", text: t("risk.answering_as") }), " ", select);
  };

  const drawProgress = (score) => {
    progress.textContent = t("risk.progress", { answered: score.answered, total: score.total, raters: raters().length, scenarios: scenarios.length });
  };

  const scenarioBlock = (s) => {
    const rater = currentRater();
    const name = `oerkit-risk-${s.id}`;
    const chain = s.factors.join(" → ") + (s.cycle ? ` → ${t("risk.back_to", { factor: s.factors[0] })}` : "");
    const fieldset = el("fieldset", { class: "oerkit-risk-rating" }, el("legend", { text: t("risk.question", { rater: label(rater) }) }));
    for (const value of [...Array(MAX_LIKELIHOOD + 1).keys(), DONT_KNOW]) {
      const id = `${name}-${value}`;
      const radio = el("input", { type: "radio", name, id, value, checked: rater.ratings[s.id] === value });
      radio.addEventListener("change", () => {
        setRaters(rate(raters(), current, s.id, value));
        drawResults();
      });
      fieldset.append(el("span", { class: "oerkit-risk-choice" }, radio, " ", el("label", { for: id, text: value === DONT_KNOW ? t("risk.dont_know") : `${value} ${t(`risk.likelihood_${value}`)}` })));
    }
    return el("article", { class: "oerkit-risk-scenario", "data-scenario": s.id, "aria-labelledby": `${name}-title` },
      el("h4", { id: `${name}-title` }, `${s.id} ${s.title} `,
        el("span", { class: "oerkit-badge", text: s.cycle ? t("risk.kind_cycle") : t("risk.kind_chain") })),
      s.description ? el("p", { text: s.description }) : null,
      el("figure", { class: "oerkit-risk-diagram" },
        svgNode(chainDiagram(s.factors, { cycle: s.cycle, id: `${name}-diagram`,
          title: t(s.cycle ? "risk.diagram_cycle" : "risk.diagram_chain", { id: s.id, count: s.factors.length }) })),
        el("figcaption", { text: t("risk.chain_text", { chain }) })),
      fieldset);
  };

  const drawQuestionnaire = () => {
    questionnaire.replaceChildren(el("h2", { text: t("risk.questionnaire") }),
      ...risk.themes.map((theme) => el("section", { class: "oerkit-risk-theme", "data-theme": theme.id, "aria-labelledby": `oerkit-risk-theme-${theme.id}` },
        el("h3", { id: `oerkit-risk-theme-${theme.id}`, text: theme.title }),
        theme.description ? el("p", { class: "oerkit-hint", text: theme.description }) : null,
        ...theme.scenarios.map(scenarioBlock))));
  };

  const drawResults = () => {
    const score = scoreQuestionnaire(risk, raters(), data.method);
    drawProgress(score);
    const pct = (v) => (v === null ? t("risk.none") : formatPercent(v, data.lang));
    const out = [el("h2", { id: "oerkit-risk-results", text: t("risk.results") }), el("p", { text: progress.textContent }),
      el("p", { text: score.awareness === null ? t("risk.awareness_none") : t("risk.awareness_total", { value: pct(score.awareness) }) })];
    if (!score.ranked.length) {
      results.replaceChildren(...out, el("p", { text: t("risk.no_ratings") }));
      return;
    }
    const themeRows = risk.themes.map((theme, i) => ({ theme, result: score.themes[i] }));
    out.push(
      el("figure", { class: "oerkit-chart" }, svgNode(levelChart(
        themeRows.map(({ theme, result }) => ({ id: theme.id, label: theme.title, current: result.score, target: null })),
        100, { title: t("risk.chart_title"), current: t("risk.col_score") }, 25)),
      el("figcaption", { text: t("risk.chart_caption") })),
      el("div", { class: "oerkit-table-scroll oerkit-risk-scroll", tabindex: 0, role: "region", "aria-label": t("risk.themes_caption") }, el("table", { class: "oerkit-risk-themes" },
        el("caption", { text: t("risk.themes_caption") }),
        el("thead", {}, el("tr", {}, ...["theme", "score", "awareness", "rated"].map((k) => el("th", { scope: "col", text: t(`risk.col_${k}`) })))),
        el("tbody", {}, ...themeRows.map(({ theme, result }) => el("tr", { "data-theme": theme.id },
          el("th", { scope: "row", text: theme.title }),
          el("td", { text: result.score === null ? t("risk.none") : num(Math.round(result.score)) }),
          el("td", { text: pct(result.awareness) }),
          el("td", { text: t("risk.rated_of", { rated: result.rated, total: result.total }) })))))),
      el("h3", { text: t("risk.ranked") }),
      // a table wider than the page scrolls; the region takes the focus so the keyboard can scroll it
      el("div", { class: "oerkit-table-scroll oerkit-risk-scroll", tabindex: 0, role: "region", "aria-label": t("risk.ranked_caption") }, el("table", { class: "oerkit-risk-ranked" },
        el("caption", { text: t("risk.ranked_caption") }),
        el("thead", {}, el("tr", {}, ...["rank", "scenario", "weight", "mean", "risk", "answers", "discuss"].map((k) => el("th", { scope: "col", text: t(`risk.col_${k}`) })))),
        el("tbody", {}, ...score.ranked.map((r, i) => {
          const s = byId[r.id];
          const flags = [r.disagree ? t("risk.flag_disagree", { spread: r.spread }) : null,
            r.dontKnow ? t("risk.flag_dont_know", { count: r.dontKnow }) : null].filter(Boolean);
          return el("tr", { "data-scenario": r.id },
            el("td", { text: String(i + 1) }),
            el("th", { scope: "row" }, `${s.id} ${s.title}`, el("br"), el("span", { class: "oerkit-hint", text: s.themeTitle })),
            el("td", {}, formatNumber(s.weight, data.lang, 3), el("br"), el("span", { class: "oerkit-hint", text: `${s.cycle ? t("risk.kind_cycle") : t("risk.kind_chain")}, ${t("risk.factors_count", { count: s.factors.length })}` })),
            el("td", { text: num(r.mean) }),
            el("td", { text: num(Math.round(r.score)) }),
            el("td", {}, el("ul", { class: "oerkit-risk-answers" }, ...r.answers.map((a) =>
              el("li", { text: `${label(raterById(a.rater))}: ${answerText(a.value)}` })))),
            el("td", { class: flags.length ? "oerkit-warning" : null, text: flags.join("; ") }));
        })))));
    const unrated = score.scenarios.filter((r) => r.score === null).map((r) => r.id);
    if (unrated.length) out.push(el("p", { text: t("risk.not_rated", { list: unrated.join(", ") }) }));
    out.push(el("h3", { text: t("risk.priorities") }), el("p", { text: t("risk.priorities_intro", { top: data.method.top }) }),
      el("ol", { class: "oerkit-risk-priorities" }, ...score.priorities.map((r) => {
        const s = byId[r.id];
        return el("li", { "data-scenario": s.id }, t("risk.priority_scenario", { scenario: `${s.id} ${s.title}`, score: num(Math.round(r.score)) }),
          el("ul", {}, ...s.policies.map((p) => el("li", {}, p.url ? el("a", { href: p.url, text: `${p.code} ${p.title}` }) : `${p.code} ${p.title}`))));
      })));
    results.replaceChildren(...out);
  };

  const draw = () => {
    ensureRater();
    drawRaters();
    drawAnswering();
    drawQuestionnaire();
    root.replaceChildren(el("p", { text: t("risk.how") }), ratersBox, el("div", { class: "oerkit-risk-bar" }, answering, progress),
      questionnaire, results,
      el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "md-button", text: t("plan.print"), onclick: () => window.print() })),
      status, dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: draw }));
    drawResults();
  };
  draw();
}
