// /tools/maturity-model/: explore the maturity model, mark the policies the city has in place, and see the
// estimated stage per sub-dimension, the profile and the next-stage policies.

import { levelChart } from "./chart.mjs";
import { dataControls } from "./data-controls.mjs";
import { el, statusRegion, svgNode } from "./dom.mjs";
import { estimateStages } from "./maturity.mjs";

export function maturityView(root, data, t, store, known) {
  let state = store.load();
  const model = data.maturity;
  const status = statusRegion();
  const byCode = Object.fromEntries(model.policies.map((p) => [p.code, p]));
  const stageName = (i) => (i ? model.stages[i - 1].name : t("maturity.not_started"));
  const results = el("section", { class: "oerkit-results", "aria-labelledby": "oerkit-maturity-results" });
  const save = () => store.save(state);
  const policyLabel = (p) => `${p.code} ${p.title}`;

  const drawResults = () => {
    const estimate = estimateStages(model, state.tools.maturity.inPlace);
    const rows = model.subdimensions.map((s) => ({ id: s.id, label: `${s.id} ${s.title}`, current: estimate[s.id].stage, target: null }));
    results.replaceChildren(
      el("h2", { id: "oerkit-maturity-results", text: t("maturity.results") }),
      el("figure", { class: "oerkit-chart" }, svgNode(levelChart(rows, model.stages.length,
        { title: t("maturity.chart_title"), current: t("maturity.stage_reached") })),
      el("figcaption", { text: t("maturity.chart_caption") })),
      el("div", { class: "oerkit-table-scroll" }, el("table", {},
        el("caption", { text: t("maturity.table_caption") }),
        el("thead", {}, el("tr", {}, ...["subdimension", "stage", "next"].map((k) => el("th", { scope: "col", text: t(`maturity.col_${k}`) })))),
        el("tbody", {}, ...model.subdimensions.map((s) => el("tr", { "data-subdimension": s.id },
          el("th", { scope: "row", text: `${s.id} ${s.title}` }),
          el("td", { text: stageName(estimate[s.id].stage) }),
          el("td", {}, estimate[s.id].next.length ? el("ul", {}, ...estimate[s.id].next.map((code) => el("li", {},
            byCode[code].hasCase ? el("a", { href: `${data.policiesUrl}#policy-${code.toLowerCase()}`, text: policyLabel(byCode[code]) })
              : policyLabel(byCode[code])))) : t("maturity.top_reached"))))))));
  };

  const grid = () => model.dimensions.map((dim) => el("section", { class: "oerkit-dimension" },
    el("h2", { text: `${dim.id} ${dim.title}` }),
    ...dim.subdimensions.map((sub) => el("fieldset", { class: "oerkit-subdimension", "data-subdimension": sub.id },
      el("legend", { text: `${sub.id} ${sub.title}` }),
      ...model.stages.map((stage) => {
        const policies = model.policies.filter((p) => p.subdimension === sub.id && p.stage === stage.id);
        return el("div", { class: "oerkit-stage" }, el("p", { class: "oerkit-stage-name" }, el("strong", { text: stage.name })),
          ...policies.map((p) => {
            const id = `oerkit-policy-${p.code}`;
            const box = el("input", { type: "checkbox", id, value: p.code, checked: state.tools.maturity.inPlace.includes(p.code) });
            box.addEventListener("change", () => {
              const list = state.tools.maturity.inPlace;
              state.tools.maturity.inPlace = box.checked ? [...new Set([...list, p.code])].sort() : list.filter((c) => c !== p.code);
              save();
              drawResults();
            });
            return el("div", { class: "oerkit-policy-row" }, box, " ",
              el("label", { for: id }, el("strong", { text: p.code }), ` ${p.title} `,
                el("span", { class: "oerkit-badge", text: p.origin === "smr" ? t("maturity.origin_smr") : t("maturity.origin_curriculum") })),
              el("p", { class: "oerkit-hint", text: p.summary }));
          }));
      })))));

  const draw = () => {
    root.replaceChildren(el("p", { text: t("maturity.rule") }), el("p", { text: t("maturity.how") }), ...grid(), results,
      el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "md-button", text: t("plan.print"), onclick: () => window.print() })),
      status, dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: draw }));
    drawResults();
  };
  draw();
}

/** /tools/resilience-policies/: filter the portfolio (the cases themselves are static HTML on the page). */
export function policiesView(root, data, t) {
  const sections = [...document.querySelectorAll(".oerkit-policy")];
  const count = el("p", { class: "oerkit-progress", role: "status", "aria-live": "polite" });
  const select = (id, label, options) => {
    const node = el("select", { id }, el("option", { value: "", text: t("policies.any") }),
      ...options.map((o) => el("option", { value: o.id, text: o.name })));
    return [el("label", { for: id, text: label }), " ", node];
  };
  const [dl, , dim] = select("oerkit-filter-dimension", t("policies.dimension"), data.dimensions);
  const [sl, , stage] = select("oerkit-filter-stage", t("policies.stage"), data.stages);
  const [kl, , who] = select("oerkit-filter-stakeholder", t("policies.stakeholder"), data.stakeholders);
  const search = el("input", { type: "search", id: "oerkit-filter-text" });
  const apply = () => {
    let shown = 0;
    for (const s of sections) {
      const text = search.value.trim().toLocaleLowerCase();
      const visible = (!dim.value || s.dataset.dimension === dim.value) && (!stage.value || s.dataset.stage === stage.value)
        && (!who.value || s.dataset.stakeholders.split(" ").includes(who.value))
        && (!text || s.textContent.toLocaleLowerCase().includes(text));
      s.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = t("policies.count", { shown, total: sections.length });
  };
  for (const control of [dim, stage, who]) control.addEventListener("change", apply);
  search.addEventListener("input", apply);
  root.replaceChildren(el("form", { class: "oerkit-filters", role: "search", "aria-label": t("policies.filter") },
    el("p", {}, dl, " ", dim), el("p", {}, sl, " ", stage), el("p", {}, kl, " ", who),
    el("p", {}, el("label", { for: "oerkit-filter-text", text: t("policies.search") }), " ", search)), count);
  apply();
}
