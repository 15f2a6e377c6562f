"""The HTML a book is made of: outcomes, pages, activities, a static self-check with answers, glossary,
references. One function per part; ids are prefixed per page so a whole programme has no duplicates."""

from __future__ import annotations

import html
import re

from ...locales import Messages
from ...model import Curriculum, Module, QuizItem, text
from ...render import markdown_to_html, render_page

ID_ATTR = re.compile(r'\sid="([^"]+)"')
HREF_LOCAL = re.compile(r'href="#([^"]+)"')
HEADING = re.compile(r"<(/?)h([1-6])([^>]*)>")
IMG_SRC = re.compile(r'<img([^>]*?)src="([^"]+)"')


def shift_headings(fragment: str, by: int) -> str:
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}{m.group(3)}>", fragment) if by else fragment


def prefix_ids(fragment: str, prefix: str) -> str:
    fragment = ID_ATTR.sub(lambda m: f' id="{prefix}-{m.group(1)}"', fragment)
    return HREF_LOCAL.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', fragment)


def keep_external(href: str) -> str | None:
    """Inside a book only web links stay links; links to other pages become plain text."""
    return href if href.startswith(("http://", "https://", "mailto:", "#")) else None


class BookWriter:
    def __init__(self, cur: Curriculum, lang: str):
        self.cur = cur
        self.lang = lang
        self.default = cur.default_language
        self.t = Messages(lang, self.default)

    def tx(self, value) -> str:
        return text(value, self.lang, self.default)

    def e(self, value) -> str:
        return html.escape(self.tx(value) if isinstance(value, dict) else str(value))

    def md(self, value) -> str:
        return markdown_to_html(self.tx(value))

    def images_absolute(self, fragment: str, mod: Module) -> str:
        return IMG_SRC.sub(lambda m: f'<img{m.group(1)}src="{(mod.folder / m.group(2)).as_posix()}"'
                           if not m.group(2).startswith(("/", "http")) else m.group(0), fragment)

    def module_parts(self, mod: Module, level: int) -> list[str]:
        """The module as HTML sections; `level` is the heading level of the module's own chapters."""
        t, h, key = self.t, f"h{level}", mod.id.lower()
        # no <section> wrappers: pandoc splits chapters only at headings that are not inside a block
        parts = [f'<{h} id="{key}-outcomes">{html.escape(t("module.outcomes"))}</{h}>',
                 f"<p>{html.escape(t('module.outcomes_intro'))}</p><ul>"]
        parts += [f"<li><strong>{html.escape(o)}</strong>: {self.e(self.cur.outcomes[o].statement)}</li>"
                  for o in mod.outcomes if o in self.cur.outcomes]
        parts.append("</ul>")
        for page in mod.pages:
            if not page.path.is_file():
                continue
            source = page.path if self.lang == self.default else page.translations.get(self.lang)
            body = render_page(source or page.path, keep_external)
            body = prefix_ids(shift_headings(body, level - 1), f"{key}-{page.stem}")
            body = self.images_absolute(body, mod)
            if source is None:  # not translated yet: the original, marked as such; its title stays outside the div
                end = body.find(f"</h{level}>")
                head, rest = (body[:end + 5], body[end + 5:]) if end >= 0 else ("", body)
                body = (f'{head}<div class="fallback"><p><strong>{html.escape(t("fallback.title"))}.</strong> '
                        f'{html.escape(t("fallback.notice"))}</p></div><div lang="{self.default}" xml:lang="{self.default}">{rest}</div>')
            parts.append(body)
        parts += self.activities(mod, level)
        parts += self.self_check(mod, level)
        parts += self.glossary(mod, level)
        if mod.references:
            parts.append(f'<{h} id="{key}-references">{html.escape(t("module.references"))}</{h}><ul>')
            for r in mod.references:
                link = (f' <a href="https://doi.org/{html.escape(r.doi)}">doi:{html.escape(r.doi)}</a>' if r.doi else
                        f' <a href="{html.escape(r.url)}">{html.escape(r.url)}</a>' if r.url else "")
                parts.append(f"<li>{html.escape(r.text)}{link}</li>")
            parts.append("</ul>")
        return parts

    def activities(self, mod: Module, level: int) -> list[str]:
        if not mod.activities:
            return []
        t, h, h2 = self.t, f"h{level}", f"h{min(6, level + 1)}"
        out = [f'<{h} id="{mod.id.lower()}-activities">{html.escape(t("module.activities"))}</{h}>']
        for a in mod.activities:
            meta = t("module.activity_meta", strategy=t(f"strategy.{a.strategy}"), minutes=a.duration_minutes)
            out += [f"<{h2}>{self.e(a.title)}</{h2}>", f"<p><em>{html.escape(meta)}</em></p>",
                    shift_headings(self.md(a.instructions), level),
                    f"<p><strong>{html.escape(t('module.expected_output'))}</strong> {self.e(a.output)}</p>"]
        return out

    def self_check(self, mod: Module, level: int) -> list[str]:
        """The quiz on paper: questions first, then the answers with their feedback."""
        bank = self.cur.quizzes.get(mod.id)
        if not bank:
            return []
        t, h, h2 = self.t, f"h{level}", f"h{min(6, level + 1)}"
        key = f"{mod.id.lower()}-check"
        out = [f'<{h} id="{key}">{html.escape(t("epub.self_check"))}</{h}>',
               f"<p>{html.escape(t('epub.self_check_intro'))}</p><ol>"]
        out += [f"<li>{self.question(item)}</li>" for item in bank.items]
        out += ["</ol>", f"<{h2}>{html.escape(t('epub.answers'))}</{h2}>", "<ol>"]
        out += [f"<li>{self.answer(item)}</li>" for item in bank.items]
        return out + ["</ol>"]

    def question(self, item: QuizItem) -> str:
        t = self.t
        stem = self.e(item.stem).replace("[[", "[ ").replace("]]", " ]")
        stem = re.sub(r"\[ (\d+) \]", lambda m: f"_____ ({m.group(1)})", stem)
        body = f"<p>{stem}</p>"
        if item.type in ("single", "multiple"):
            if item.type == "multiple":
                body += f"<p><em>{html.escape(t('quiz.select_all'))}</em></p>"
            body += '<ol type="a">' + "".join(f"<li>{self.e(o.text)}</li>" for o in item.options) + "</ol>"
        elif item.type == "truefalse":
            body += f"<p>{html.escape(t('quiz.true'))} / {html.escape(t('quiz.false'))}</p>"
        elif item.type == "matching":
            matches = sorted((self.tx(p.match) for p in item.pairs), key=str.casefold)
            body += "<ul>" + "".join(f"<li>{self.e(p.prompt)}</li>" for p in item.pairs) + "</ul>"
            body += f"<p>{html.escape(t('epub.match_with'))} " + "; ".join(html.escape(m) for m in matches) + "</p>"
        elif item.type == "ordering":
            elements = sorted((self.tx(s.text) for s in item.sequence), key=str.casefold)
            body += f"<p>{html.escape(t('epub.put_in_order'))}</p><ul>" + "".join(
                f"<li>{html.escape(x)}</li>" for x in elements) + "</ul>"
        return body

    def answer(self, item: QuizItem) -> str:
        t = self.t
        if item.type in ("single", "multiple"):
            letters = "abcdefghijklmnopqrstuvwxyz"
            right = ", ".join(f"{letters[i]}) {self.e(o.text)}" for i, o in enumerate(item.options) if o.correct)
            out = f"<p><strong>{right}</strong></p><ul>"
            out += "".join(f"<li>{letters[i]}) {self.e(o.feedback)}</li>" for i, o in enumerate(item.options))
            out += "</ul>"
        elif item.type == "truefalse":
            out = (f"<p><strong>{html.escape(t('quiz.true') if item.answer else t('quiz.false'))}</strong>. "
                   f"{self.e(item.feedback_true if item.answer else item.feedback_false)}</p>")
        elif item.type == "matching":
            out = "<ul>" + "".join(f"<li>{self.e(p.prompt)} → {self.e(p.match)}</li>" for p in item.pairs) + "</ul>"
        elif item.type == "ordering":
            out = "<ol>" + "".join(f"<li>{self.e(s.text)}</li>" for s in item.sequence) + "</ol>"
        else:
            lang = self.lang if self.lang in item.stem else self.default
            out = "<p><strong>" + "; ".join(f"({i + 1}) {html.escape((b.answers.get(lang) or b.answers.get(self.default, ['']))[0])}"
                                            for i, b in enumerate(item.blanks)) + "</strong></p>"
        return out + f"<p>{self.e(item.feedback)}</p>"

    def glossary(self, mod: Module, level: int) -> list[str]:
        terms = sorted((g for g in self.cur.glossary.values() if mod.id in g.modules), key=lambda g: self.tx(g.term).casefold())
        if not terms:
            return []
        h = f"h{level}"
        out = [f'<{h} id="{mod.id.lower()}-glossary">{html.escape(self.t("nav.glossary"))}</{h}><dl>']
        out += [f"<dt>{self.e(g.term)}</dt><dd>{self.e(g.definition)}</dd>" for g in terms]
        return out + ["</dl>"]

    def document(self, title: str, body: list[str]) -> str:
        return (f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{self.lang}" xml:lang="{self.lang}">'
                f"<head><meta charset=\"utf-8\"/><title>{html.escape(title)}</title></head><body>"
                + "\n".join(body) + "</body></html>")
