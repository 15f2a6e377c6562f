// /tools/city-dynamics/: choose maturity-model policies, put them in order, change the assumptions, and compare the
// simulated years of your plan with a second run (the same policies in maturity order, or no policies at all).

import { dataControls } from "./data-controls.mjs";
import { el, say, statusRegion, svgNode } from "./dom.mjs";
import { ASSUMPTION_LIMITS, defaultAssumptions, explain, maturityOrder, movePolicy, niceMax, simulate,
  trajectoryChart } from "./dynamics.mjs";
import { formatNumber } from "./i18n.mjs";

// The assumptions as the form shows them: percentages for the two shares.
const FIELDS = [
  { key: "income", label: "dynamics.income", scale: 1, step: "0.5" },
  { key: "shockScale", label: "dynamics.shock_scale", scale: 100, step: "10" },
  { key: "foundationDependence", label: "dynamics.foundation", scale: 100, step: "10" },
];
const STOCKS = [
  { key: "R", name: "resilience", max: (m) => m.stocks.resilience.maximum },
  { key: "B", name: "budget", max: null },
  { key: "E", name: "engagement", max: (m) => m.stocks.engagement.maximum },
];

export function dynamicsView(root, data, t, store, known) {
  let state = store.load();
  const model = data.dynamics;
  const lang = data.lang;
  const byCode = Object.fromEntries(model.policies.map((p) => [p.code, p]));
  const stageName = Object.fromEntries(model.stages.map((s) => [s.id, `${s.id} ${s.name}`]));
  const status = statusRegion();
  const num = (v) => formatNumber(v, lang);
  const percent = (share) => formatNumber(Math.round(100 * share), lang);
  const mine = () => state.tools.dynamics;
  // a plan saved before the model changed may name policies the model no longer has: they are left out
  const keepKnown = () => { mine().plan = mine().plan.filter((code) => byCode[code]); };
  const label = (code) => `${code} ${byCode[code].title}`;
  const chooser = el("section", { class: "oerkit-dyn-choose oerkit-no-print", "aria-labelledby": "oerkit-dyn-choose-title" });
  const planBox = el("section", { class: "oerkit-dyn-plan", "aria-labelledby": "oerkit-dyn-plan-title" });
  const settings = el("section", { class: "oerkit-dyn-settings", "aria-labelledby": "oerkit-dyn-settings-title" });
  const results = el("section", { class: "oerkit-results oerkit-dyn-results", "aria-labelledby": "oerkit-dyn-results-title" });

  const update = (change, message, focusId) => {
    change(mine());
    store.save(state);
    refresh(focusId);
    if (message) say(status, message);
  };
  const setPlan = (plan, message, focusId) => update((s) => { s.plan = plan; }, message, focusId);
  const assumptions = () => ({ ...defaultAssumptions(model), ...mine().assumptions });

  const drawChooser = () => {
    chooser.replaceChildren(el("h2", { id: "oerkit-dyn-choose-title", text: t("dynamics.choose") }),
      ...model.stages.map((stage) => {
        const policies = model.policies.filter((p) => p.stage === stage.id);
        if (!policies.length) return null;
        return el("fieldset", { "data-stage": stage.id }, el("legend", { text: stageName[stage.id] }),
          ...policies.map((p) => {
            const id = `oerkit-dyn-pick-${p.code}`;
            const box = el("input", { type: "checkbox", id, value: p.code, checked: mine().plan.includes(p.code) });
            box.addEventListener("change", () => {
              const plan = mine().plan.filter((c) => c !== p.code);
              if (box.checked) setPlan([...plan, p.code], t("dynamics.added", { policy: label(p.code), position: plan.length + 1 }), id);
              else setPlan(plan, t("dynamics.removed", { policy: label(p.code) }), id);
            });
            return el("div", { class: "oerkit-policy-row" }, box, " ",
              el("label", { for: id }, el("strong", { text: p.code }), ` ${p.title} `,
                el("span", { class: "oerkit-hint", text: t("dynamics.policy_cost", { cost: num(p.cost), upkeep: num(p.upkeep) }) })));
          }));
      }).filter(Boolean));
  };

  const drawPlan = () => {
    const plan = mine().plan;
    const total = plan.reduce((sum, code) => sum + byCode[code].cost, 0);
    const move = (index, delta) => {
      const next = movePolicy(plan, index, delta);
      const code = plan[index];
      const dir = delta < 0 ? "up" : "down";
      const position = index + delta + 1;
      const focus = position === 1 || position === plan.length ? `oerkit-dyn-${dir === "up" ? "down" : "up"}-${code}` : `oerkit-dyn-${dir}-${code}`;
      setPlan(next, t("dynamics.moved", { policy: label(code), position, count: plan.length }), focus);
    };
    const list = el("ol", { class: "oerkit-dyn-list" }, ...plan.map((code, index) => {
      const p = byCode[code];
      return el("li", { "data-policy": code },
        el("span", { class: "oerkit-dyn-name" }, el("strong", { text: code }), ` ${p.title} `),
        el("span", { class: "oerkit-badge", text: stageName[p.stage] }),
        el("span", { class: "oerkit-hint", text: ` ${t("dynamics.policy_cost", { cost: num(p.cost), upkeep: num(p.upkeep) })}` }),
        el("span", { class: "oerkit-dyn-moves oerkit-no-print" },
          el("button", { type: "button", class: "oerkit-small", id: `oerkit-dyn-up-${code}`, disabled: index === 0,
            "aria-label": t("dynamics.move_up", { policy: code }), text: "↑", onclick: () => move(index, -1) }),
          el("button", { type: "button", class: "oerkit-small", id: `oerkit-dyn-down-${code}`, disabled: index === plan.length - 1,
            "aria-label": t("dynamics.move_down", { policy: code }), text: "↓", onclick: () => move(index, 1) }),
          el("button", { type: "button", class: "oerkit-small", "aria-label": t("dynamics.remove", { policy: code }), text: "✕",
            onclick: () => setPlan(plan.filter((c) => c !== code), t("dynamics.removed", { policy: label(code) }),
              plan[index + 1] ? `oerkit-dyn-up-${plan[index + 1]}` : "oerkit-dyn-sort") })));
    }));
    planBox.replaceChildren(el("h2", { id: "oerkit-dyn-plan-title", text: t("dynamics.plan") }),
      el("p", { text: plan.length ? t("dynamics.plan_count", { count: plan.length, cost: num(total) }) : t("dynamics.plan_empty") }),
      ...(plan.length ? [list] : []),
      el("div", { class: "oerkit-buttons oerkit-no-print" },
        el("button", { type: "button", class: "md-button", id: "oerkit-dyn-sort", text: t("dynamics.sort"), disabled: plan.length < 2,
          onclick: () => setPlan(maturityOrder(model, plan), t("dynamics.sorted"), "oerkit-dyn-sort") }),
        el("button", { type: "button", class: "md-button", id: "oerkit-dyn-reverse", text: t("dynamics.reverse"), disabled: plan.length < 2,
          onclick: () => setPlan([...plan].reverse(), t("dynamics.reversed"), "oerkit-dyn-reverse") }),
        el("button", { type: "button", class: "md-button", id: "oerkit-dyn-all", text: t("dynamics.select_all"),
          onclick: () => setPlan(maturityOrder(model, model.policies.map((p) => p.code)),
            t("dynamics.all_selected", { count: model.policies.length }), "oerkit-dyn-all") }),
        el("button", { type: "button", class: "md-button", id: "oerkit-dyn-clear", text: t("dynamics.clear"), disabled: !plan.length,
          onclick: () => setPlan([], t("dynamics.cleared"), "oerkit-dyn-all") })));
  };

  const drawSettings = () => {
    const current = assumptions();
    const name = (f) => t(f.label).replace(/\s*:\s*$/, ""); // the label without its colon, inside a sentence
    const inputs = FIELDS.map((f) => {
      const [min, max] = ASSUMPTION_LIMITS[f.key].map((v) => v * f.scale);
      const id = `oerkit-dyn-${f.key}`;
      const error = el("span", { class: "oerkit-warning", id: `${id}-error` });
      const input = el("input", { type: "number", id, min, max, step: f.step, value: String(Math.round(current[f.key] * f.scale * 100) / 100),
        inputmode: "decimal", "aria-describedby": error.id });
      input.addEventListener("change", () => {
        const value = input.value.trim() === "" ? NaN : Number(input.value);
        if (!Number.isFinite(value) || value < min || value > max) {
          input.setAttribute("aria-invalid", "true");
          error.textContent = ` ${t("dynamics.invalid_number", { label: name(f), min: num(min), max: num(max) })}`;
          say(status, error.textContent.trim(), "error");
          return;
        }
        input.removeAttribute("aria-invalid");
        error.textContent = "";
        update((s) => { s.assumptions = { ...s.assumptions, [f.key]: value / f.scale }; }, t("dynamics.assumption_set", { label: name(f), value: num(value) }));
      });
      return el("p", {}, el("label", { for: id, text: t(f.label) }), " ", input, error);
    });
    const compare = el("select", { id: "oerkit-dyn-compare" },
      ...["maturity", "none"].map((k) => el("option", { value: k, text: t(`dynamics.compare_${k}`), selected: mine().compare === k })));
    compare.addEventListener("change", () => update((s) => { s.compare = compare.value; }, null));
    settings.replaceChildren(el("h2", { id: "oerkit-dyn-settings-title", text: t("dynamics.assumptions") }),
      el("p", { class: "oerkit-hint", text: t("dynamics.assumptions_hint") }), ...inputs,
      el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "md-button", id: "oerkit-dyn-reset", text: t("dynamics.reset"),
        onclick: () => { update((s) => { s.assumptions = {}; }, t("dynamics.assumptions_reset"), "oerkit-dyn-reset"); drawSettings(); } })),
      el("p", {}, el("label", { for: "oerkit-dyn-compare", text: t("dynamics.compare") }), " ", compare));
  };

  const drawResults = () => {
    const { plan, compare } = mine();
    const a = assumptions();
    const yours = simulate(model, plan, a);
    const other = simulate(model, compare === "none" ? [] : maturityOrder(model, plan), a);
    const names = [t("dynamics.yours"), t(compare === "none" ? "dynamics.no_policies" : "dynamics.maturity_order")];
    const runs = [yours, other];
    const formatParams = (params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? num(v) : v]));
    const metric = (key, value) => el("tr", {}, el("th", { scope: "row", text: t(`dynamics.m_${key}`) }), ...runs.map((run) => el("td", { text: value(run) })));
    const summary = el("table", { class: "oerkit-dyn-summary" },
      el("caption", { text: t("dynamics.summary_caption", { years: model.years }) }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("dynamics.metric") }), ...names.map((name) => el("th", { scope: "col", text: name })))),
      el("tbody", {},
        metric("resilience", (r) => num(r.totals.resilience)),
        metric("engagement", (r) => num(r.totals.engagement)),
        metric("budget", (r) => num(r.totals.budget)),
        metric("losses", (r) => num(r.totals.losses)),
        metric("spent", (r) => num(r.totals.spent)),
        metric("upkeep", (r) => num(r.totals.upkeep)),
        metric("recovery", (r) => num(r.totals.recovery)),
        metric("adopted", (r) => t("dynamics.adopted_of", { adopted: r.adopted.length, total: r.plan.length })),
        metric("readiness", (r) => (r.totals.meanReadiness === null ? "–" : `${percent(r.totals.meanReadiness)} %`))));
    const why = explain(model, yours, other, compare).map((m) => el("li", { text: t(m.key, formatParams(m.params)) }));
    const notes = yours.deferrals.map((d) => el("li", { text: d.toYear
      ? t("dynamics.deferred", { policy: label(d.code), cost: num(d.cost), from: d.fromYear, to: d.toYear })
      : t("dynamics.deferred_never", { policy: label(d.code), cost: num(d.cost), from: d.fromYear, years: model.years }) }));
    const shockYears = model.shocks.map((s) => s.year);
    const charts = STOCKS.map((stock) => {
      const title = t(`dynamics.chart_${stock.name}`);
      const series = runs.map((run, i) => ({ label: names[i], points: run.steps.map((s) => ({ t: s.t, v: s[stock.key] })) }));
      const desc = [...runs.map((run, i) => {
        const values = run.steps.map((s) => s[stock.key]);
        return t("dynamics.chart_desc", { series: names[i], start: num(values[0]), end: num(values[values.length - 1]),
          min: num(Math.min(...values)), max: num(Math.max(...values)) });
      }), shockYears.length ? t("dynamics.chart_shocks", { years: shockYears.join(", ") }) : ""].join(" ").trim();
      const yMax = stock.max ? stock.max(model) : niceMax(Math.max(...runs.flatMap((run) => run.steps.map((s) => s.B))));
      return el("figure", { class: "oerkit-chart oerkit-dyn-chart", "data-stock": stock.name },
        svgNode(trajectoryChart({ id: `oerkit-dyn-chart-${stock.name}`, title, desc, years: model.years, yMax, shocks: shockYears,
          shockLabel: t("dynamics.shock"), yearLabel: t("dynamics.year_axis"), format: num, series })),
        el("figcaption", { text: title }));
    });
    const head = (key) => names.map((name) => el("th", { scope: "col", text: `${t(key)}: ${name}` }));
    // a wide table scrolls sideways on narrow screens: the region takes the focus so keys can scroll it
    const scroller = (caption, table) => el("div", { class: "oerkit-table-scroll", role: "region", tabindex: "0", "aria-label": caption }, table);
    const yearly = scroller(t("dynamics.table_caption"), el("table", { class: "oerkit-dyn-yearly" },
      el("caption", { text: t("dynamics.table_caption") }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("dynamics.col_year") }),
        ...head("dynamics.stock_resilience"), ...head("dynamics.stock_budget"), ...head("dynamics.stock_engagement"), ...head("dynamics.col_losses"))),
      el("tbody", {}, ...yours.yearly.map((point, i) => el("tr", {}, el("th", { scope: "row", text: String(point.t) }),
        ...["R", "B", "E", "losses"].flatMap((key) => runs.map((run) => el("td", { text: num(run.yearly[i][key]) }))))))));
    const timeline = plan.length ? [el("h3", { text: t("dynamics.timeline") }), scroller(t("dynamics.timeline_caption"), el("table", { class: "oerkit-dyn-timeline" },
      el("caption", { text: t("dynamics.timeline_caption") }),
      el("thead", {}, el("tr", {}, ...["col_policy", "col_stage", "col_adopted", "col_readiness", "col_effect"].map((k) => el("th", { scope: "col", text: t(`dynamics.${k}`) })))),
      el("tbody", {}, ...plan.map((code) => {
        const x = yours.adopted.find((item) => item.code === code);
        return el("tr", { "data-policy": code }, el("th", { scope: "row", text: label(code) }), el("td", { text: stageName[byCode[code].stage] }),
          el("td", { text: x ? String(x.year) : t("dynamics.not_adopted") }), el("td", { text: x ? `${percent(x.readiness)} %` : "–" }),
          el("td", { text: x ? `${percent(x.effect)} %` : "–" }));
      }))))] : [];
    results.replaceChildren(...[el("h2", { id: "oerkit-dyn-results-title", text: t("dynamics.results") }),
      el("p", { class: "oerkit-dyn-assumed", text: t("dynamics.assumptions_used", { income: num(a.income), shock: percent(a.shockScale),
        foundation: percent(a.foundationDependence) }) }),
      el("div", { class: "oerkit-table-scroll" }, summary),
      el("h3", { text: t("dynamics.why") }), el("ul", { class: "oerkit-dyn-why" }, ...why),
      notes.length ? el("h3", { text: t("dynamics.notes") }) : null, notes.length ? el("ul", { class: "oerkit-dyn-notes" }, ...notes) : null,
      ...charts, yearly, ...timeline].filter(Boolean));
  };

  const refresh = (focusId) => {
    drawChooser();
    drawPlan();
    drawResults();
    if (focusId) {
      const target = document.getElementById(focusId);
      (target && !target.disabled ? target : document.getElementById("oerkit-dyn-all"))?.focus();
    }
  };

  const draw = () => {
    keepKnown();
    drawSettings();
    root.replaceChildren(el("p", { text: t("dynamics.how") }), chooser, planBox, settings, results,
      el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "md-button", text: t("plan.print"), onclick: () => window.print() })),
      status, dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: draw }));
    refresh();
  };
  draw();
}
