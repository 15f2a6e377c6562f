"""Markdown to HTML, in one place, for the exporters that need HTML outside the site (SCORM, EPUB).

It uses Python-Markdown with the same extensions as the site, so a page reads the same everywhere.
Links are rewritten by a callback, because each format resolves them differently.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from typing import Callable

import markdown
from pymdownx.slugs import slugify

from .markdown_source import read_markdown
from .markdown_speed import SkipInlineExtension

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "toc"]
HREF = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


_local = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown instance per thread: an instance keeps state while it converts, and the build renders
    SCORM pages in one thread while another renders the EPUBs."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=[*EXTENSIONS, SkipInlineExtension()], extension_configs={
            "toc": {"slugify": slugify(case="lower"), "permalink": False}}, output_format="html")
    return md


def _render(text: str) -> str:
    md = _converter()
    md.reset()
    return md.convert(text)


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> str:
    """Rendered once per distinct text (activities, descriptions: short texts used in several places)."""
    return _render(text)


_pages: dict[tuple[str, int, int], str] = {}


def page_html(path) -> str:
    """A page's HTML (front matter dropped), rendered once per version of the file: SCORM 1.2, SCORM 2004
    and the EPUB of a page in a language share it, whatever the number of pages (a bounded cache of texts
    was outgrown at about 170 modules, and the EPUBs, made later than the SCORM packages, rendered again)."""
    stat = os.stat(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    html = _pages.get(key)
    if html is None:
        html = _pages[key] = _render(read_markdown(path).body)
    return html


def render_page(path, rewrite_link: Callable[[str], str | None] | None = None) -> str:
    """HTML of a Markdown page (front matter dropped). `rewrite_link(href)` returns the new href, or None to
    keep only the link's text (for targets the format does not carry)."""
    html = page_html(path)
    if rewrite_link is None:
        return html

    def replace(match: re.Match) -> str:
        new = rewrite_link(match.group(1))
        if new is None:
            return match.group(3)
        return f'<a href="{new}"{match.group(2)}>{match.group(3)}</a>'

    return HREF.sub(replace, html)
