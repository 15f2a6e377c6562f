// /tools/information-portal/: the catalogue is static HTML on the page; this view adds the audience views, the
// filters and the offline search with a count read out to screen readers, and the learner's shortlist and notes
// (kept in the browser, printable).

import { dataControls } from "./data-controls.mjs";
import { el, say, statusRegion } from "./dom.mjs";
import { MAX_TEXT } from "./fields.mjs";
import { ALL, filterEntries, queryWords, searchKey, searchWithView, setNote, shortlistEntries, toggleShortlist, viewFromSearch } from "./portal.mjs";

export function portalView(root, data, t, store, known) {
  let state = store.load();
  const portal = data.portal;
  const mine = () => state.tools.portal;
  const save = () => store.save(state);
  const status = statusRegion();
  const info = Object.fromEntries(portal.entries.map((e) => [e.id, e]));
  const kindName = Object.fromEntries(portal.kinds.map((k) => [k.id, k.name]));
  const groups = [...document.querySelectorAll(".oerkit-portal-group")];
  const words = (section, name) => (section.dataset[name] || "").split(" ").filter(Boolean);
  // each entry is searched in its text as published (heading, summary, details), read before the controls are added
  const entries = [...document.querySelectorAll(".oerkit-portal-entry")].filter((s) => info[s.dataset.entry]).map((s) => ({
    id: s.dataset.entry, kind: s.dataset.kind, audiences: words(s, "audiences"), topics: words(s, "topics"),
    frameworks: words(s, "frameworks"), modules: words(s, "modules"), key: searchKey(s.textContent), section: s }));
  const views = [...portal.audiences, { id: ALL, name: t("portal.view_all"), description: t("portal.view_all_description") }];
  const criteria = { audience: viewFromSearch(window.location.search, portal.audiences), kind: "", framework: "", topic: "", module: "" };

  // --- audience views, filters, search, count
  const viewHint = el("p", { class: "oerkit-hint" });
  const viewBox = el("fieldset", { class: "oerkit-portal-views" }, el("legend", { text: t("portal.view_legend") }),
    ...views.map((v) => {
      const id = `oerkit-portal-view-${v.id}`;
      const radio = el("input", { type: "radio", name: "oerkit-portal-view", id, value: v.id, checked: v.id === criteria.audience });
      radio.addEventListener("change", () => {
        criteria.audience = v.id;
        try { // the address keeps the view, so that a view can be bookmarked or shared (not possible on file:// in some browsers)
          window.history.replaceState(null, "", `${window.location.pathname}${searchWithView(window.location.search, v.id)}${window.location.hash}`);
        } catch { /* the view still applies */ }
        apply();
      });
      return el("span", { class: "oerkit-portal-choice" }, radio, " ", el("label", { for: id, text: v.name }));
    }), viewHint);
  const selects = {};
  const field = (key, options) => {
    const id = `oerkit-portal-${key}`;
    selects[key] = el("select", { id }, el("option", { value: "", text: t("portal.any") }),
      ...options.map((o) => el("option", { value: o.id, text: o.name })));
    selects[key].addEventListener("change", () => {
      criteria[key] = selects[key].value;
      apply();
    });
    return el("p", {}, el("label", { for: id, text: t(`portal.${key}`) }), " ", selects[key]);
  };
  const search = el("input", { type: "search", id: "oerkit-portal-search", autocomplete: "off", spellcheck: "false" });
  search.addEventListener("input", () => apply());
  const clearFilters = () => {
    for (const [key, node] of Object.entries(selects)) {
      node.value = "";
      criteria[key] = "";
    }
    search.value = "";
  };
  const filters = el("form", { class: "oerkit-filters oerkit-portal-filters", role: "search", "aria-label": t("portal.filter"),
    onsubmit: (event) => event.preventDefault() },
  field("kind", portal.kinds),
  portal.frameworks.length ? field("framework", portal.frameworks) : null,
  field("topic", portal.topics),
  portal.modules.length ? field("module", portal.modules) : null,
  el("p", {}, el("label", { for: "oerkit-portal-search", text: t("portal.search") }), " ", search),
  el("p", {}, el("button", { type: "button", class: "md-button", text: t("portal.clear"), onclick: () => {
    clearFilters();
    apply();
    search.focus();
  } })));
  const count = el("p", { class: "oerkit-progress", role: "status", "aria-live": "polite" });
  const toShortlist = el("a", { href: "#oerkit-portal-shortlist-title" });

  const apply = () => {
    const shown = new Set(filterEntries(entries, { ...criteria, words: queryWords(search.value) }).map((e) => e.id));
    for (const e of entries) e.section.hidden = !shown.has(e.id);
    for (const group of groups) group.hidden = !entries.some((e) => shown.has(e.id) && group.contains(e.section));
    viewHint.textContent = views.find((v) => v.id === criteria.audience).description;
    count.textContent = shown.size ? t("portal.count", { shown: shown.size, total: entries.length }) : t("portal.none");
  };

  // --- the learner's controls on each entry: shortlist and note
  const boxes = {};
  const notes = {};
  for (const e of entries) {
    const { title } = info[e.id];
    const boxId = `oerkit-portal-keep-${e.id}`;
    // the entry's title completes the visible label, so that each control has a name of its own
    boxes[e.id] = el("input", { type: "checkbox", id: boxId, "aria-label": `${t("portal.shortlist_add")}: ${title}` });
    boxes[e.id].addEventListener("change", () => {
      state.tools.portal.shortlist = toggleShortlist(mine().shortlist, e.id, boxes[e.id].checked);
      save();
      say(status, t(boxes[e.id].checked ? "portal.shortlist_added" : "portal.shortlist_removed", { title }));
      drawShortlist();
    });
    const noteId = `oerkit-portal-note-${e.id}`;
    const area = el("textarea", { id: noteId, rows: 3, maxlength: MAX_TEXT });
    area.addEventListener("input", () => {
      state.tools.portal.notes = setNote(mine().notes, e.id, area.value);
      save();
    });
    area.addEventListener("change", () => {
      say(status, t(mine().notes[e.id] ? "portal.note_saved" : "portal.note_removed", { title }));
      drawShortlist();
    });
    notes[e.id] = el("details", { class: "oerkit-portal-note" }, el("summary", { text: t("portal.note") }),
      el("label", { for: noteId, class: "oerkit-visually-hidden", text: t("portal.note_label", { title }) }), area);
    e.section.append(el("div", { class: "oerkit-app oerkit-portal-mine" },
      el("p", {}, boxes[e.id], " ", el("label", { for: boxId, text: t("portal.shortlist_add") })),
      notes[e.id]));
  }
  const showMine = () => {
    for (const e of entries) {
      boxes[e.id].checked = mine().shortlist.includes(e.id);
      const note = mine().notes[e.id] || "";
      notes[e.id].querySelector("textarea").value = note;
      notes[e.id].open = note !== "";
    }
  };

  // --- the shortlist, printable, with the data controls
  const reveal = (id) => {
    // a shortlisted entry the view or the filters hide is shown again when its link is followed
    if (!entries.find((e) => e.id === id)?.section.hidden) return;
    clearFilters();
    criteria.audience = ALL;
    viewBox.querySelector(`input[value="${ALL}"]`).checked = true;
    apply();
  };
  const unpick = (c) => {
    state.tools.portal.shortlist = toggleShortlist(mine().shortlist, c.id, false);
    save();
    boxes[c.id].checked = false;
    say(status, t("portal.shortlist_removed", { title: c.title }));
    drawShortlist();
    document.getElementById("oerkit-portal-shortlist-title").focus();
  };
  const picked = (c) => {
    const note = mine().notes[c.id];
    return el("li", { "data-entry": c.id },
      el("p", {}, el("a", { href: `#portal-${c.id}`, text: c.title, onclick: () => reveal(c.id) }), " ",
        el("span", { class: "oerkit-badge", text: kindName[c.kind] })),
      el("p", { text: c.summary }),
      note ? el("p", { class: "oerkit-portal-my-note" }, el("strong", { text: t("portal.my_note") }), " ", note) : null,
      el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "oerkit-small", text: t("portal.remove"),
        "aria-label": `${t("portal.remove")}: ${c.title}`, onclick: () => unpick(c) })));
  };
  const shortlist = el("section", { class: "oerkit-portal-picked", "aria-labelledby": "oerkit-portal-shortlist-title" });
  const drawShortlist = () => {
    const chosen = shortlistEntries(mine().shortlist, portal.entries);
    document.body.classList.toggle("oerkit-portal-has-shortlist", chosen.length > 0);
    toShortlist.textContent = t("portal.shortlist_link", { count: chosen.length });
    shortlist.replaceChildren(el("h2", { id: "oerkit-portal-shortlist-title", tabindex: "-1", text: t("portal.shortlist_title") }),
      el("p", { text: chosen.length ? t("portal.shortlist_count", { count: chosen.length }) : t("portal.shortlist_empty") }),
      chosen.length ? el("ol", {}, ...chosen.map(picked)) : null);
  };

  const mount = document.getElementById("oerkit-portal-shortlist") || root;
  const refresh = () => {
    showMine();
    drawShortlist();
  };
  root.replaceChildren(viewBox, filters, count, el("p", { class: "oerkit-no-print" }, toShortlist));
  const tail = [shortlist,
    el("p", { class: "oerkit-no-print oerkit-hint", text: t("portal.print_hint") }),
    el("p", { class: "oerkit-no-print" }, el("button", { type: "button", class: "md-button", text: t("plan.print"), onclick: () => window.print() })),
    status, dataControls({ t, store, known, status, getState: () => state, setState: (s) => { state = s; }, onChange: refresh })];
  if (mount === root) root.append(...tail);
  else mount.replaceChildren(...tail);
  refresh();
  apply();
}
