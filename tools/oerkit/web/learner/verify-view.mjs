// The /verify/ page: choose or drop a credential file, read the verdict. The file never leaves the browser.

import { el, say, statusRegion, uid } from "./dom.mjs";
import { formatDate } from "./i18n.mjs";
import { MAX_BYTES, checkCredential } from "./verify.mjs";

const MESSAGES = { valid: "verify.valid", "signature-invalid": "verify.signature_invalid",
  "unknown-issuer": "verify.unknown_issuer", expired: "verify.expired", "not-yet-valid": "verify.not_yet_valid",
  malformed: "verify.malformed", unsupported: "verify.unsupported" };

function date(iso, lang) {
  return iso ? formatDate(iso.slice(0, 10), lang) : "";
}

function detailsTable(info, t, lang) {
  const rows = [["verify.learner", info.learner], ["verify.achievement", info.achievement],
    ["verify.issuer_name", info.issuer], ["verify.valid_from", date(info.validFrom, lang)],
    ["verify.valid_until", date(info.validUntil, lang)], ["verify.credential_id", info.id]].filter(([, v]) => v);
  return el("table", {}, el("caption", { text: t("verify.details") }),
    el("tbody", {}, rows.map(([key, value]) => el("tr", {}, el("th", { scope: "row", text: t(key) }), el("td", { text: value })))));
}

export function verifyView(root, data, t) {
  if (!data.issuer) return; // the page already says that no key is published
  const lang = data.lang;
  const hintId = uid("oerkit-verify-hint");
  const input = el("input", { type: "file", accept: "application/json,.json,.jsonld", "aria-label": t("verify.file"),
    "aria-describedby": hintId });
  const status = statusRegion();
  const output = el("div", { class: "oerkit-table-scroll" });
  const zone = el("fieldset", { class: "oerkit-verify-drop" }, el("legend", { text: t("verify.file") }),
    el("p", { class: "oerkit-hint", id: hintId, text: t("verify.drop") }), input);

  async function check(file) {
    output.replaceChildren();
    status.classList.remove("oerkit-right");
    delete status.dataset.verdict;
    say(status, t("verify.checking"));
    const result = file.size > MAX_BYTES ? { verdict: "malformed", reason: "verify.reason_large" }
      : await checkCredential(await file.text(), data.issuer);
    const params = { issuer: data.issuer.name, date: date(result.date, lang),
      reason: result.reason ? t(result.reason) : "" };
    say(status, t(MESSAGES[result.verdict], params), result.verdict === "valid" ? "info" : "error");
    status.dataset.verdict = result.verdict;
    if (result.verdict === "valid") status.classList.add("oerkit-right");
    if (result.details) output.append(detailsTable(result.details, t, lang));
  }

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) check(file);
  });
  zone.addEventListener("dragover", (event) => event.preventDefault());
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file) check(file);
  });
  root.replaceChildren(zone, status, output);
}
