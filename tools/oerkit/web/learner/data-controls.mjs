// "Download my data", "Import data" and "Delete my data": on every tool page.

import { download, el, say } from "./dom.mjs";
import { mergeImported, parseImport } from "./store.mjs";

export function dataControls({ t, store, getState, setState, known, status, onChange }) {
  const fileInput = el("input", { type: "file", accept: "application/json,.json", class: "oerkit-visually-hidden", id: "oerkit-import-file", tabindex: "-1", "aria-label": t("data.import") });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    if (file.size > 200_000) {
      say(status, t("data.too_large", { max: 200 }), "error");
      return;
    }
    const result = parseImport(await file.text(), known);
    if (!result.ok) {
      say(status, t("data.import_refused") + " " + t(result.error.key, result.error.params), "error");
      return;
    }
    const merged = mergeImported(getState(), result.state, result.raw);
    setState(merged);
    store.save(merged);
    say(status, t("data.imported"));
    onChange();
  });
  return el("section", { class: "oerkit-data-controls", "aria-label": t("data.title") },
    el("h2", { text: t("data.title") }),
    el("p", { text: t("data.privacy") }),
    el("div", { class: "oerkit-buttons" },
      el("button", { type: "button", class: "md-button", text: t("data.download"), onclick: () => {
        download("my-learning-data.json", JSON.stringify(getState(), null, 2), "application/json");
      } }),
      el("button", { type: "button", class: "md-button", text: t("data.import"), onclick: () => fileInput.click() }),
      el("button", { type: "button", class: "md-button oerkit-danger", text: t("data.delete"), onclick: () => {
        if (!window.confirm(t("data.delete_confirm"))) return;
        store.clear();
        setState(store.load());
        say(status, t("data.deleted"));
        onChange();
      } })),
    fileInput);
}
