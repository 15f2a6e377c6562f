"""The contributors' guide as a source: guide/contribute/<name>.md and its translations beside it,
<name>.<lang>.md, like module pages. The site publishes it (export/site/guide.py) and the translation status
tracks its translations (i18n.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import TRANSLATION_RE
from .markdown_source import read_markdown
from .model import Curriculum

GUIDE_DIR = Path("guide") / "contribute"
REFERENCE = "field-reference"  # the page the site generates from the JSON Schemas: no source of that name


@dataclass
class GuidePage:
    stem: str
    path: Path
    translations: dict[str, Path]
    order: float


def guide_pages(cur: Curriculum) -> list[GuidePage]:
    """The guide's pages: index.md first, then by the `order` of their front matter, then by name."""
    folder = cur.root / GUIDE_DIR
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.glob("*.md")):
        if TRANSLATION_RE.match(path.name) or path.stem == REFERENCE:
            continue
        order = read_markdown(path).meta.get("order", 100)
        translations = {lang: path.with_name(f"{path.stem}.{lang}.md") for lang in cur.languages
                        if path.with_name(f"{path.stem}.{lang}.md").is_file()}
        pages.append(GuidePage(path.stem, path, translations,
                               -1 if path.stem == "index" else order if isinstance(order, (int, float)) else 100))
    return sorted(pages, key=lambda p: (p.order, p.stem))
