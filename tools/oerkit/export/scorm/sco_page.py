"""The SCO: one HTML page holding the module's pages (one shown at a time) and the quiz."""

from __future__ import annotations

import html
import json

from ...locales import Messages
from ...markdown_source import first_heading, read_markdown
from ...model import Curriculum, Module, text
from ...player_data import item_json, ui_messages
from ...render import render_page

SCO_PREFIXES = ("quiz.", "sco.")


def rewrite_link(href: str) -> str | None:
    """Links inside a package: pages of the module become in-page anchors; other site pages are dropped."""
    if href.startswith(("http://", "https://", "mailto:", "#")):
        return href
    if href.startswith("../") or href.startswith("/"):
        return None  # another module or a site page: not in this package
    path, _, _fragment = href.partition("#")
    if path.endswith(".md"):
        return f"#page-{path[:-3]}"
    return href


def sco_html(cur: Curriculum, mod: Module, lang: str, version: str) -> str:
    default = cur.default_language
    t = Messages(lang, default)
    tx = lambda v: text(v, lang, default)  # noqa: E731
    sections = []
    for page in mod.pages:
        if not page.path.is_file():
            continue
        translated = page.translations.get(lang) if lang != default else page.path
        source = translated or page.path
        body = render_page(source, rewrite_link)
        title = first_heading(read_markdown(source).body) or page.stem
        if translated is None:
            body = (f'<p class="sco-fallback" role="note"><strong>{html.escape(t("fallback.title"))}.</strong> '
                    f'{html.escape(t("fallback.notice"))}</p><div lang="{default}">{body}</div>')
        sections.append(f'<section class="sco-page" id="page-{page.stem}" data-title="{html.escape(title)}">{body}</section>')
    bank = cur.quizzes.get(mod.id)
    if bank:
        sections.append(f'<section class="sco-page" id="page-quiz" data-title="{html.escape(t("sco.quiz_title"))}">'
                        f'<h1>{html.escape(t("sco.quiz_title"))}</h1><div id="sco-quiz"></div></section>')
    data = {
        "version": version, "lang": lang, "messages": ui_messages(lang, default, SCO_PREFIXES),
        "outcomes": mod.outcomes,
        "quiz": {"masteryScore": bank.mastery_score or cur.programme.mastery_score,
                 "items": [item_json(i, lang, default) for i in bank.items]} if bank else None,
    }
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    title = f"{mod.id} {tx(mod.title)}"
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>", '<link rel="stylesheet" href="sco.css">', "</head>", "<body>",
        '<header class="sco-header">', f'<p class="sco-programme">{html.escape(tx(cur.programme.title))}</p>',
        f'<p class="sco-title">{html.escape(title)}</p>', '<p id="sco-notice" class="sco-notice" role="note"></p>', "</header>",
        '<div class="sco-layout">', '<div id="sco-nav"></div>', '<main id="sco-main">', *sections, "</main>", "</div>",
        '<div id="sco-controls"></div>',
        f'<script type="application/json" id="oerkit-sco">{payload}</script>', '<script src="sco.js"></script>',
        "</body>", "</html>", ""])
