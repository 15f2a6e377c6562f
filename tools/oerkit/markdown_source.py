"""Read Markdown pages: front matter, body and the line where the body starts."""

from __future__ import annotations

import copy
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .yaml_source import parse_plain

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


@dataclass
class MarkdownPage:
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # 1-based line of the body's first line in the file
    meta_error: str = ""


def split_front_matter(text: str) -> MarkdownPage:
    match = FRONT_MATTER.match(text)
    if not match:
        return MarkdownPage({}, text, 1)
    page = MarkdownPage(body=text[match.end():], body_line=text[:match.end()].count("\n") + 1)
    try:
        meta = parse_plain(match.group(1)) or {}
        page.meta = meta if isinstance(meta, dict) else {}
        if not isinstance(meta, dict):
            page.meta_error = "front matter must be a mapping (key: value)"
    except yaml.YAMLError as exc:
        page.meta_error = f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"
    return page


_read_once: dict[str, MarkdownPage] | None = None  # within read_once(): the pages read so far, by path


@contextmanager
def read_once():
    """Within this block each page is read and its front matter parsed once (validation, the site, SCORM and
    EPUB each read every page, some several times); a build's sources do not change while it runs."""
    global _read_once
    outer = _read_once
    _read_once = {} if outer is None else outer
    try:
        yield
    finally:
        _read_once = outer


def read_markdown(path: Path) -> MarkdownPage:
    pages = _read_once
    if pages is None:
        return split_front_matter(path.read_text(encoding="utf-8"))
    page = pages.get(str(path))
    if page is None:
        page = pages[str(path)] = split_front_matter(path.read_text(encoding="utf-8"))
    return MarkdownPage(copy.deepcopy(page.meta), page.body, page.body_line, page.meta_error)


def write_front_matter(path: Path, updates: dict) -> None:
    """Set keys in a page's front matter, keeping the body unchanged."""
    text = path.read_text(encoding="utf-8")
    page = split_front_matter(text)
    meta = dict(page.meta)
    meta.update(updates)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip()
    path.write_text(f"---\n{head}\n---\n{page.body}", encoding="utf-8")
    if _read_once is not None:
        _read_once.pop(str(path), None)


def first_heading(body: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def count_words(body: str) -> int:
    """Words a reader reads: Markdown link targets, images and markup are not counted."""
    text = re.sub(r"```.*?```", " ", body, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = LINK_TARGET.sub("]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(WORD.findall(text))
