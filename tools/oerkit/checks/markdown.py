"""Module pages: each listed page exists, has one title, safe HTML, links and images that resolve,
and alt text on every image."""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from ..check_cache import CheckCache, salt
from ..load import TRANSLATION_RE, rel
from ..routes import GENERATED_PAGES, MODULE_GENERATED
from ..yaml_source import read_text
from .context import CheckContext

UNSAFE_TAGS = {"script", "iframe", "object", "embed", "form", "style", "base", "meta", "link"}
UNSAFE_SCHEMES = {"javascript", "vbscript", "data"}
_md = MarkdownIt("commonmark").enable("table")
# markdown-it drops javascript: links silently, but MkDocs' renderer would keep them: see every link, judge it here.
_md.validateLink = lambda url: True


def _inline_where_checked(state) -> None:
    """markdown-it's `inline` rule for the texts that can hold what the checks look at: links and images
    start with '[' or '![', autolinks and HTML with '<'. Other texts keep no inline tokens; parsing them was
    a third of a page's parse (the tokens kept are the same: test_markdown_parse_keeps_what_the_checks_see)."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if "[" in token.content or "<" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


_md.core.ruler.at("inline", _inline_where_checked)


class _HtmlScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.images_without_alt = 0
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.problems.append(f"<{tag}> is not allowed in content")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"event-handler attribute '{name}' is not allowed in content")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and value:
                self.urls.append(value)
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.images_without_alt += 1

    handle_startendtag = handle_starttag


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", unquote(url)).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned.split("/", 1)[0] else ""


def _line_in_block(lines: list[str], start: int, end: int, needle: str) -> int:
    for i in range(start, min(end, len(lines))):
        if needle and needle in lines[i]:
            return i
    return start


PARSER_PACKAGES = ("markdown_it_py",)  # its version is part of the cache key of parsed pages
KEPT_TOKENS = {"heading_open", "html_block", "inline"}
KEPT_CHILDREN = {"html_inline", "link_open", "image"}


@lru_cache(maxsize=1)
def _salt() -> str:
    return salt("markdown", packages=PARSER_PACKAGES, files=("checks/markdown.py",))


def parse_tokens(body: str) -> list[dict]:
    """The tokens the page checks look at (headings, HTML, inline content with its links, images and
    HTML), as plain data the check cache can keep."""
    kept = []
    for t in _md.parse(body):
        children = [{"type": c.type, "content": c.content, "attrs": dict(c.attrs)}
                    for c in t.children or [] if c.type in KEPT_CHILDREN]
        # a paragraph without links, images or HTML has nothing to check
        if t.type in KEPT_TOKENS and (t.type != "inline" or children):
            kept.append({"type": t.type, "tag": t.tag, "map": t.map,
                         "content": t.content if t.type == "html_block" else "", "children": children})
    return kept


def page_tokens(body: str, cache: CheckCache) -> list[SimpleNamespace]:
    """parse_tokens of a page, once per distinct page text; `cache` may have them from an earlier run."""
    return [SimpleNamespace(**dict(t, children=[SimpleNamespace(**c) for c in t["children"]]))
            for t in cache.get(_salt(), body, lambda: parse_tokens(body))]


class PageChecker:
    def __init__(self, ctx: CheckContext, root: Path, module_folders: set[str]):
        self.ctx = ctx
        self.root = root
        self.module_folders = module_folders
        self.folders: dict[Path, str] = {}  # folder -> its path relative to the root
        self.files: dict[str, set[str]] = {}  # folder relative to the root -> the names of its files

    def target_exists(self, folder: Path, target: str) -> bool:
        """Does a relative link from a page in `folder` reach a source file or a generated page?"""
        if folder not in self.folders:
            self.folders[folder] = rel(self.root, folder)
        joined = posixpath.normpath(posixpath.join(self.folders[folder], target))
        if joined in GENERATED_PAGES:
            return True
        parts = joined.split("/")
        if len(parts) == 3 and parts[0] == "modules" and parts[1] in self.module_folders and parts[2] in MODULE_GENERATED:
            return True
        if parts[0] == "..":
            return (self.root / joined).is_file()
        return self.is_file(joined)

    def is_file(self, joined: str) -> bool:
        """Is there a file at `joined` (relative to the root)? Each folder is listed once: pages link to the
        same few folders thousands of times."""
        directory, name = posixpath.split(joined)
        names = self.files.get(directory)
        if names is None:
            try:
                with os.scandir(self.root / directory) as entries:
                    names = {entry.name for entry in entries if entry.is_file()}
            except OSError:
                names = set()
            self.files[directory] = names
        return name in names

    def check(self, path: Path, folder: Path) -> None:
        report = self.ctx.report
        file = rel(self.root, path)
        if read_text(path, file, report) is None:
            return
        page = self.ctx.page(path)
        if page.meta_error:
            report.error(file, (1, 1), page.meta_error, "markdown-front-matter")
        lines = page.body.splitlines()
        offset = page.body_line
        tokens = page_tokens(page.body, self.ctx.cache)
        h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
        if not h1:
            report.error(file, (offset, 1), "the page has no title: start it with a '# Title' line", "markdown-title")
        elif len(h1) > 1:
            report.error(file, (h1[1].map[0] + offset, 1), "the page has more than one '# ' title; "
                         "use '## ' for sections", "markdown-title")
        last_level = 0
        for tok in tokens:
            if tok.type == "heading_open":
                level = int(tok.tag[1])
                if last_level and level > last_level + 1:
                    report.warning(file, (tok.map[0] + offset, 1), f"heading level jumps from {last_level} to {level}; "
                                   f"use '{'#' * (last_level + 1)} '", "markdown-heading-order")
                last_level = level
            if tok.type in ("html_block", "html_inline") or tok.type == "inline":
                self._check_html_and_links(tok, file, folder, lines, offset)

    def _check_html_and_links(self, tok, file, folder, lines, offset):
        report = self.ctx.report
        block = tok.map or [0, len(lines)]
        children = tok.children or []
        html_parts = [tok.content] if tok.type == "html_block" else [c.content for c in children if c.type == "html_inline"]
        for html in html_parts:
            scanner = _HtmlScanner()
            scanner.feed(html)
            line = _line_in_block(lines, block[0], block[1], html.strip().split("\n")[0][:30]) + offset
            for problem in scanner.problems:
                report.error(file, (line, 1), problem, "markdown-unsafe-html")
            if scanner.images_without_alt:
                report.error(file, (line, 1), "an <img> has no alt text", "markdown-alt-text")
            for url in scanner.urls:
                if _scheme(url) in UNSAFE_SCHEMES:
                    report.error(file, (line, 1), f"'{_scheme(url)}:' URLs are not allowed in content", "markdown-unsafe-url")
        for child in children:
            if child.type == "link_open":
                href = child.attrs.get("href", "")
                line = _line_in_block(lines, block[0], block[1], f"]({href}") + offset
                self._check_url(file, folder, href, line, image=False)
            elif child.type == "image":
                src = child.attrs.get("src", "")
                line = _line_in_block(lines, block[0], block[1], f"]({src}") + offset
                if not child.content.strip():
                    report.error(file, (line, 1), f"image '{src}' has no alt text: describe what it shows in "
                                 "![...](...)", "markdown-alt-text")
                self._check_url(file, folder, src, line, image=True)

    def _check_url(self, file, folder, url, line, image):
        report = self.ctx.report
        scheme = _scheme(url)
        if scheme in UNSAFE_SCHEMES:
            report.error(file, (line, 1), f"'{scheme}:' URLs are not allowed in content", "markdown-unsafe-url")
            return
        if scheme or url.startswith("//"):
            if image:
                report.error(file, (line, 1), f"image '{url}' is loaded from another host; put the file in the "
                             "module's media/ folder (pages must not load anything from other hosts)",
                             "markdown-remote-image")
            return
        parts = urlsplit(url)
        target = unquote(parts.path)
        if not target:
            return  # same-page anchor
        if target.startswith("/"):
            report.error(file, (line, 1), f"'{url}' is an absolute path; use a relative link such as "
                         "'../../glossary.md' so it works in every language and offline", "markdown-absolute-link")
            return
        if not self.target_exists(folder, target):
            what = "image" if image else "link target"
            report.error(file, (line, 1), f"{what} '{target}' does not exist", "markdown-missing-image" if image
                         else "markdown-broken-link")


def check_module_pages(ctx: CheckContext) -> None:
    cur = ctx.cur
    root = cur.root
    # a module whose module.yaml has errors keeps its generated pages for the links to them (its errors are
    # reported; its pages are checked once it loads)
    checker = PageChecker(ctx, root, {m.slug for m in cur.modules.values()} | ctx.result.not_loaded.get("module folder", set()))
    languages = cur.languages
    # parse the pages the cache does not know in parallel first (a first run, a large curriculum)
    sources = [path for mod in cur.modules.values() for page in mod.pages if page.name not in MODULE_GENERATED
               for path in [page.path, *page.translations.values()]]
    ctx.cache.fill(_salt(), {page.body: page.body for p in sources if (page := ctx.page(p)) is not None}, parse_tokens)
    for mod in cur.modules.values():
        listed = {p.name for p in mod.pages}
        for page in mod.pages:
            if page.name in MODULE_GENERATED:
                ctx.error(page.source, (), f"'{page.name}' is a page name the toolchain generates in every module "
                          "folder; rename the page", "module-page-reserved")
                continue
            if not page.path.is_file():
                ctx.error(page.source, (), f"page '{page.name}' does not exist in {rel(root, mod.folder)}/",
                          "module-page-missing")
                continue
            checker.check(page.path, mod.folder)
            for lang, tpath in sorted(page.translations.items()):
                if lang != cur.default_language:
                    checker.check(tpath, mod.folder)
        for path in sorted(mod.folder.glob("*.md")):
            match = TRANSLATION_RE.match(path.name)
            if match:
                if match["lang"] not in languages:
                    if cur.programme is None:
                        continue  # the languages are declared in the programme, whose own errors are reported
                    ctx.report.error(rel(root, path), (1, 1), f"'{path.name}' is a translation into '{match['lang']}', "
                                     f"which is not a declared language ({', '.join(languages)})", "lang-unknown")
                elif f"{match['stem']}.md" not in listed:
                    ctx.report.warning(rel(root, path), (1, 1), f"translation of '{match['stem']}.md', which module.yaml "
                                       "does not list in pages", "module-page-unlisted")
            elif path.name not in listed:
                ctx.report.warning(rel(root, path), (1, 1), f"'{path.name}' is not listed in module.yaml pages and "
                                   "will not be published", "module-page-unlisted")
