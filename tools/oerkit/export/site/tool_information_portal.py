"""The resilience information portal's page (/tools/information-portal/): the catalogue of resources, kinds of
indicators and kinds of data sources, written into the page as static HTML, so that it reads without JavaScript
and the site search indexes it. web/learner/portal-view.mjs adds the audience views, the filters and the offline
search, and keeps the learner's shortlist and notes in the browser."""

from __future__ import annotations

from ...model import Curriculum, InformationPortal, PortalEntry, text
from ...player_data import ui_messages
from .markdown import esc

PREFIXES = ("portal.", "data.", "plan.print")
KINDS = ("resource", "indicator", "data-source")  # the groups of the catalogue, in page order


def entry_anchor(entry_id: str) -> str:
    return f"portal-{entry_id}"


def _key(value: str) -> str:
    """A kind, access or update value as part of a UI string key (data-source -> data_source)."""
    return value.replace("-", "_")


def _linked_modules(cur: Curriculum, entry: PortalEntry) -> list[str]:
    """The entry's modules that the project has (the validator warns about the others)."""
    return [mid for mid in entry.modules if mid in cur.modules]


def portal_json(cur: Curriculum, lang: str, t) -> dict:
    """What the script needs beside the static entries: the choices of each filter and the entries' texts for
    the shortlist."""
    p: InformationPortal = cur.portal
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    used = {mid for e in p.entries for mid in _linked_modules(cur, e)}
    return {
        "audiences": [{"id": a.id, "name": tx(a.name), "description": tx(a.description)} for a in p.audiences],
        "kinds": [{"id": k, "name": t(f"portal.kind_{_key(k)}")} for k in KINDS],
        "topics": [{"id": c.id, "name": tx(c.name)} for c in p.topics],
        "frameworks": [{"id": c.id, "name": tx(c.name)} for c in p.frameworks],
        "modules": [{"id": m.id, "name": f"{m.id} {tx(m.title)}"} for m in cur.modules_in_order() if m.id in used],
        "entries": [{"id": e.id, "kind": e.kind, "title": tx(e.title), "summary": tx(e.summary)} for e in p.entries],
    }


def _entry(cur: Curriculum, e: PortalEntry, lang: str, t) -> list[str]:
    p = cur.portal
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    names = lambda choices, ids: ", ".join(tx(c.name) for i in ids for c in choices if c.id == i)  # noqa: E731
    modules = _linked_modules(cur, e)
    attrs = {"id": entry_anchor(e.id), "data-entry": e.id, "data-kind": e.kind, "data-audiences": " ".join(e.audiences),
             "data-topics": " ".join(e.topics), "data-frameworks": " ".join(e.frameworks), "data-modules": " ".join(modules)}
    meta = [t(f"portal.kind_{_key(e.kind)}"), *(tx(c.name) for i in e.frameworks for c in p.frameworks if c.id == i)]
    out = ['<section class="oerkit-portal-entry" ' + " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items()) + ' markdown="1">',
           "", f"### {tx(e.title)}", "", f'<p class="oerkit-portal-meta">{esc(" · ".join(meta))}</p>', "", tx(e.summary), "",
           f"- **{t('portal.label_audiences')}:** {names(p.audiences, e.audiences)}",
           f"- **{t('portal.label_topics')}:** {names(p.topics, e.topics)}"]
    if p.essentials and set(e.essentials) >= set(p.essentials):
        out.append(f"- **{t('portal.label_essentials')}:** {t('portal.all_essentials')}")
    elif e.essentials:  # a nested list: Essentials' titles hold commas
        out += [f"- **{t('portal.label_essentials')}:**", *(f"    - {n} {tx(p.essentials[n])}" for n in e.essentials
                                                          if n in p.essentials)]
    if e.access:
        out.append(f"- **{t('portal.label_access')}:** {t('portal.access_' + e.access)}")
    if e.updated:
        out.append(f"- **{t('portal.label_updated')}:** {t('portal.updated_' + _key(e.updated))}")
    if e.contributors:
        out.append(f"- **{t('portal.label_contributors')}:** {names(p.audiences, e.contributors)}")
    if modules:
        out.append(f"- **{t('portal.label_modules')}:** " + ", ".join(
            f"[{mid} {tx(cur.modules[mid].title)}](../../modules/{cur.modules[mid].slug}/index.md)" for mid in modules))
    if e.policies:
        policies = {q.code: q for q in cur.maturity.policies} if cur.maturity else {}
        out.append(f"- **{t('portal.label_policies')}:** " + ", ".join(
            f"[{code} {tx(policies[code].title)}](../resilience-policies/index.md#policy-{code.lower()})"
            if code in policies else code for code in e.policies))
    return out + ["", "</section>", ""]


def _reference(cur: Curriculum, lang: str, t) -> list[str]:
    """The frameworks and the Ten Essentials the entries refer to, described once below the catalogue."""
    p = cur.portal
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    out = ['<div class="oerkit-portal-reference" markdown="1">', "", f"## {t('portal.frameworks_title')}", "",
           t("portal.frameworks_intro"), ""]
    out += [f"- **{tx(c.name)}**: {tx(c.description)}" if c.description else f"- **{tx(c.name)}**" for c in p.frameworks]
    if p.essentials:
        out += ["", f"### {t('portal.essentials_title')}", ""]
        out += [f"{n}. {tx(p.essentials[n])}" for n in sorted(p.essentials)]
    return out + ["", "</div>", ""]


def portal_page(cur: Curriculum, lang: str, t) -> tuple[dict, str]:
    p = cur.portal
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    data = {"tool": "information-portal", "lang": lang, "storageKey": f"oerkit:{cur.programme.id}",
            "messages": ui_messages(lang, cur.default_language, PREFIXES), "portal": portal_json(cur, lang, t)}
    out = [f"# {t('tools.portal.title')}", "", t("tools.portal.intro"), "", tx(p.description), "",
           f"## {t('portal.how_title')}", "",
           *(f"- {t(f'portal.how_{step}')}" for step in ("views", "filters", "search", "shortlist")), "",
           t("tools.privacy"), "",
           '<div id="oerkit-app" class="oerkit-app oerkit-portal-controls" markdown="0">',
           f'<noscript><p>{t("portal.noscript")}</p></noscript>', "</div>", ""]
    for kind in KINDS:
        entries = [e for e in p.entries if e.kind == kind]
        if not entries:
            continue
        out += [f'<div class="oerkit-portal-group" data-kind="{kind}" markdown="1">', "",
                f"## {t(f'portal.group_{_key(kind)}')}", ""]
        for e in entries:
            out += _entry(cur, e, lang, t)
        out += ["</div>", ""]
    out += ['<div id="oerkit-portal-shortlist" class="oerkit-app oerkit-portal-shortlist" markdown="0"></div>', ""]
    out += _reference(cur, lang, t)
    return {"oerkit_data": data}, "\n".join(out)
