"""Write the Markdown tree MkDocs renders: generated pages and module pages, in every language.

A page with no translation is written in the default language with a notice in the reader's
language, so every language has every page and readers see why a page is in English.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from ...locales import Messages
from ...markdown_source import first_heading, read_markdown
from ...model import Curriculum, Module
from ..__init__ import Artifact
from . import guide, learner, toolkit, verify_page
from . import pages as P
from .incremental import page_title

GENERATED = {"index": P.home, "programme": P.programme, "competences": P.competences, "outcomes": P.outcomes,
             "coverage": P.coverage, "glossary": P.glossary}


def localized_name(stem: str, lang: str, default: str) -> str:
    return f"{stem}.md" if lang == default else f"{stem}.{lang}.md"


# what could end the element early (as Jinja's tojson escapes it), then the characters Python's
# str.splitlines() breaks lines at although JSON leaves them as they are; replaced one by one, as
# str.translate with a table took a third of the time spent writing the pages
_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027"),
            ("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\x85", "\\u0085"))


def data_script(data) -> str:
    """A tool page's data as the JSON element its script reads, escaped like Jinja's tojson so that no
    string in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _ESCAPES:
        text = text.replace(char, escaped)
    return f'<script type="application/json" id="oerkit-data">{text}</script>'


def with_front_matter(meta: dict, body: str) -> str:
    """The page's Markdown with its front matter. A tool's data (`oerkit_data`) goes into the body as a raw
    JSON element rather than into the front matter: as YAML it took seconds to write and as long again for
    MkDocs to read on every build, and the theme only ever printed it back as JSON."""
    if "oerkit_data" in meta:
        body = f"{body.rstrip()}\n\n{data_script(meta['oerkit_data'])}\n"
        meta = {k: v for k, v in meta.items() if k != "oerkit_data"} | {"oerkit_tool": True}
    if not meta:
        return body
    # libyaml's emitter: the Python one spent seconds on the quiz pages' front matter
    head = yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=True, width=1000).strip()
    return f"---\n{head}\n---\n\n{body}"


class DocsWriter:
    """Writes files only when their content changed, and removes files no longer produced,
    so `mkdocs serve` reloads only what changed.

    With a `state` file it remembers what it wrote (content hash, modification time, size and, of a page, its
    title lines): a file whose hash and stat are as recorded is not read back to be compared, and `files`
    gives the tree's content hashes and page titles without reading it again (incremental.snapshot)."""

    def __init__(self, docs_dir: Path, state: Path | None = None):
        self.docs_dir = docs_dir
        self.written: set[Path] = set()
        self.state_file = state
        self.previous: dict[str, list] = {}
        if state is not None:
            try:
                stored = json.loads(state.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = None
            if isinstance(stored, dict):  # entries of another shape are not trusted (_put)
                self.previous = {rel: e for rel, e in stored.items() if isinstance(e, list) and len(e) == 4}
        self.files: dict[str, list] = {}  # rel -> [sha256, mtime_ns, size, title lines or None]

    def text(self, rel: str, content: str) -> None:
        self._put(rel, content.encode("utf-8"))

    def copy(self, rel: str, source: Path) -> None:
        self._put(rel, source.read_bytes())

    def _put(self, rel: str, data: bytes) -> None:
        path = self.docs_dir / rel
        self.written.add(path)
        digest = hashlib.sha256(data).hexdigest()
        known = self.previous.get(rel)
        try:
            if known is not None and known[0] == digest:
                stat = path.stat()
                if [stat.st_mtime_ns, stat.st_size] == known[1:3]:
                    self.files[rel] = known
                    return
            unchanged = known is None and path.is_file() and path.read_bytes() == data
        except OSError:
            unchanged = False
        if not unchanged:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        stat = path.stat()
        title = page_title(data.decode("utf-8")) if rel.endswith(".md") else None
        self.files[rel] = [digest, stat.st_mtime_ns, stat.st_size, title]

    def prune(self) -> None:
        if not self.docs_dir.is_dir():
            return
        for path in sorted(self.docs_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def save(self) -> None:
        """Record what was written, for the next run."""
        if self.state_file is not None:
            self.state_file.write_text(json.dumps(self.files, ensure_ascii=False), encoding="utf-8")


def fallback_page(body: str, title: str, t: Messages, source_lang: str) -> str:
    return "\n".join([
        '<div class="oerkit-fallback" role="note" markdown="1">',
        f"**{t('fallback.title')}.** {t('fallback.notice')}",
        "</div>", "",
        f'<div lang="{source_lang}" markdown="1">', "", body.strip(), "", "</div>", ""])


def write_module(w: DocsWriter, cur: Curriculum, mod: Module, artifacts: list[Artifact]) -> None:
    default = cur.default_language
    base = f"modules/{mod.slug}"
    for lang in cur.languages:
        pc = P.PageContext(cur, lang, artifacts)
        meta = {"jsonld": P.module_jsonld(cur, mod, lang)}
        w.text(f"{base}/{localized_name('index', lang, default)}", with_front_matter(meta, P.module_landing(pc, mod)))
        for page in mod.pages:
            if not page.path.is_file():
                continue
            if lang == default or lang in page.translations:
                src = page.path if lang == default else page.translations[lang]
                md = read_markdown(src)
                w.text(f"{base}/{localized_name(page.stem, lang, default)}", md.body)
            else:
                md = read_markdown(page.path)
                title = first_heading(md.body) or page.stem
                w.text(f"{base}/{localized_name(page.stem, lang, default)}",
                       with_front_matter({"title": title}, fallback_page(md.body, title, pc.t, default)))
        if mod.id in cur.quizzes:
            meta, body = learner.quiz_page(cur, mod, lang, pc.t)
            w.text(f"{base}/{localized_name('quiz', lang, default)}", with_front_matter(meta, body))
    for asset in sorted(mod.folder.rglob("*")):
        if asset.is_file() and asset.suffix != ".md" and asset.name != "module.yaml":
            w.copy(f"{base}/{asset.relative_to(mod.folder).as_posix()}", asset)


def write_docs(cur: Curriculum, docs_dir: Path, artifacts: list[Artifact], assets: dict[str, Path],
               state: Path | None = None) -> dict[str, list]:
    """Write the tree; return each file's [content hash, mtime, size, title lines] (DocsWriter)."""
    w = DocsWriter(docs_dir, state)
    for lang in cur.languages:
        pc = P.PageContext(cur, lang, artifacts)
        for stem, render in GENERATED.items():
            w.text(localized_name(stem, lang, cur.default_language), render(pc))
        for stem, tool in (("self-assessment", learner.self_assessment_page), ("journey-planner", learner.journey_planner_page)):
            meta, body = tool(cur, lang, pc.t)
            w.text(localized_name(stem, lang, cur.default_language), with_front_matter(meta, body))
        for tool in toolkit.TOOLS:
            if tool.has_data(cur):
                meta, body = tool.page(cur, lang, pc.t)
                w.text(localized_name(f"tools/{tool.name}/index", lang, cur.default_language), with_front_matter(meta, body))
        if verify_page.has_page(cur):
            meta, body = verify_page.verify_page(cur, lang, pc.t, artifacts)
            w.text(localized_name(verify_page.PAGE, lang, cur.default_language), with_front_matter(meta, body))
    for rel, content in verify_page.published_files(cur).items():
        w.text(rel, content)
    for mod in cur.modules_in_order():
        write_module(w, cur, mod, artifacts)
    guide.write_guide(w, cur)
    for rel, source in assets.items():
        w.copy(rel, source)
    w.prune()
    w.save()
    return w.files


def nav(cur: Curriculum) -> tuple[list, dict[str, dict[str, str]]]:
    """The navigation, and per language the translations of its section titles."""
    from ...model import text
    default = cur.default_language
    t = Messages(default, default)
    sections: dict[str, dict[str, str]] = {lang: {} for lang in cur.languages}

    def section(key_text: dict, fallback_key: str | None = None) -> str:
        title = text(key_text, default, default)
        for lang in cur.languages[1:]:
            sections[lang][title] = text(key_text, lang, default)
        return title

    def ui_section(key: str) -> str:
        title = t(key)
        for lang in cur.languages[1:]:
            sections[lang][title] = Messages(lang, default)(key)
        return title

    items: list = ["index.md", "self-assessment.md", "journey-planner.md", "programme.md", "competences.md",
                   "outcomes.md", "coverage.md"]
    for group in (cur.programme.groups if cur.programme else []):
        entries = []
        for mid in group.module_ids:
            mod = cur.modules.get(mid)
            if mod is None:
                continue
            mod_title = {lang: f"{mod.id} {text(mod.title, lang, default)}" for lang in cur.languages}
            pages = [f"modules/{mod.slug}/index.md"] + [f"modules/{mod.slug}/{p.name}" for p in mod.pages
                                                         if p.path.is_file()]
            if mod.id in cur.quizzes:
                pages.append(f"modules/{mod.slug}/quiz.md")
            entries.append({section(mod_title): pages})
        if entries:
            group_title = {lang: f"{group.id} {text(group.title, lang, default)}" for lang in cur.languages}
            items.append({section(group_title): entries})
    tools = toolkit.available(cur)
    if tools:
        items.append({ui_section("nav.toolkit"): list(tools.values())})
    items.append("glossary.md")
    if verify_page.has_page(cur):
        items.append(f"{verify_page.PAGE}.md")
    contribute = guide.nav_pages(cur)
    if contribute:
        items.append({ui_section("contribute.nav"): contribute})
    return items, sections
