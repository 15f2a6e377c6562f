// Entry point of the learner tools on the site: reads the page's data and starts its tool.

import { assessmentView } from "./assessment-view.mjs";
import { maturityView, policiesView } from "./maturity-view.mjs";
import { translate } from "./i18n.mjs";
import { plannerView } from "./planner-view.mjs";
import { localQuizAdapter, quizView } from "./quiz-view.mjs";
import { LearnerStore } from "./store.mjs";

function start() {
  const node = document.getElementById("oerkit-data");
  const root = document.getElementById("oerkit-app");
  if (!node || !root) return;
  const data = JSON.parse(node.textContent);
  const t = (key, params) => translate(data.messages, key, params);
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
  const known = { modules: new Set((data.modules || []).map((m) => m.id)),
    competences: new Set((data.areas || []).flatMap((a) => a.competences.map((c) => c.id))),
    policies: data.maturity ? new Set(data.maturity.policies.map((p) => p.code)) : undefined };
  const store = new LearnerStore(storage, data.storageKey, known);
  if (data.tool === "self-assessment") assessmentView(root, data, t, store, known);
  else if (data.tool === "journey-planner") plannerView(root, data, t, store, known);
  else if (data.tool === "maturity-model") maturityView(root, data, t, store, known);
  else if (data.tool === "quiz") quizView(root, data, t, localQuizAdapter(store, data.quiz.module));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
