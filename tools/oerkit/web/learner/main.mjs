// Entry point of the learner tools on the site: reads the page's data and starts its tool.

import { assessmentView } from "./assessment-view.mjs";
import { dynamicsView } from "./dynamics-view.mjs";
import { maturityView, policiesView } from "./maturity-view.mjs";
import { translate } from "./i18n.mjs";
import { plannerView } from "./planner-view.mjs";
import { portalView } from "./portal-view.mjs";
import { localQuizAdapter, quizView } from "./quiz-view.mjs";
import { riskView } from "./risk-view.mjs";
import { LearnerStore } from "./store.mjs";
import { verifyView } from "./verify-view.mjs";

function start() {
  const node = document.getElementById("oerkit-data");
  const root = document.getElementById("oerkit-app");
  if (!node || !root) return;
  const data = JSON.parse(node.textContent);
  const t = (key, params) => translate(data.messages, key, params);
  if (data.tool === "verify") return verifyView(root, data, t); // needs no storage
  let storage;
  try { storage = window.localStorage; } catch { storage = null; }
  if (!storage) {
    root.textContent = t("data.no_storage");
    return;
  }
  if (data.tool === "resilience-policies") {
    policiesView(root, data, t);
    return;
  }
  // ids a page can check an import against; a page without the data (a toolkit page has no modules)
  // checks only the form of those sections, so a full export imports on every page
  const known = { modules: data.modules ? new Set(data.modules.map((m) => m.id)) : undefined,
    competences: data.areas ? new Set(data.areas.flatMap((a) => a.competences.map((c) => c.id))) : undefined,
    policies: data.maturity ? new Set(data.maturity.policies.map((p) => p.code)) : undefined,
    dynamicsPolicies: data.dynamics ? new Set(data.dynamics.policies.map((p) => p.code)) : undefined,
    scenarios: data.risk ? new Set(data.risk.themes.flatMap((th) => th.scenarios.map((s) => s.id))) : undefined,
    portalEntries: data.portal ? new Set(data.portal.entries.map((e) => e.id)) : undefined };
  const store = new LearnerStore(storage, data.storageKey, known);
  if (data.tool === "self-assessment") assessmentView(root, data, t, store, known);
  else if (data.tool === "journey-planner") plannerView(root, data, t, store, known);
  else if (data.tool === "maturity-model") maturityView(root, data, t, store, known);
  else if (data.tool === "risk-systemicity") riskView(root, data, t, store, known);
  else if (data.tool === "city-dynamics") dynamicsView(root, data, t, store, known);
  else if (data.tool === "information-portal") portalView(root, data, t, store, known);
  else if (data.tool === "quiz") quizView(root, data, t, localQuizAdapter(store, data.quiz.module));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
