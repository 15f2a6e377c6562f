"""Read Markdown pages: front matter, body and the line where the body starts."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
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
    meta, error = _front_matter(match.group(1))
    return MarkdownPage(copy.deepcopy(meta), text[match.end():], text[:match.end()].count("\n") + 1, error)


@lru_cache(maxsize=16384)
def _front_matter(head: str) -> tuple[dict, str]:
    """A front matter's data (each page gets a copy) and what is wrong with it, parsed once per process:
    validation, the site, SCORM and EPUB each read every page, some several times."""
    try:
        meta = parse_plain(head) or {}
    except yaml.YAMLError as exc:
        return {}, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"
    if not isinstance(meta, dict):
        return {}, "front matter must be a mapping (key: value)"
    return meta, ""


def read_markdown(path: Path) -> MarkdownPage:
    return split_front_matter(path.read_text(encoding="utf-8"))


def write_front_matter(path: Path, updates: dict) -> None:
    """Set keys in a page's front matter, keeping the body unchanged."""
    text = path.read_text(encoding="utf-8")
    page = split_front_matter(text)
    meta = dict(page.meta)
    meta.update(updates)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip()
    path.write_text(f"---\n{head}\n---\n{page.body}", encoding="utf-8")


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
