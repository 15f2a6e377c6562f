"""What every check needs: the model, the report, and positions of fields inside objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check_cache import NO_CACHE, CheckCache
from ..diagnostics import Report
from ..load import LoadResult
from ..markdown_source import MarkdownPage, read_markdown
from ..model import Curriculum, Source


@dataclass
class CheckContext:
    result: LoadResult
    cache: CheckCache = field(default=NO_CACHE)  # findings that depend on one file's content alone
    _pages: dict = field(default_factory=dict, repr=False)

    def page(self, path: Path) -> MarkdownPage | None:
        """The Markdown page at `path`, read once for all checks; None when it cannot be read as UTF-8
        (the page check reports that, with the file)."""
        if path not in self._pages:
            try:
                self._pages[path] = read_markdown(path)
            except (OSError, UnicodeDecodeError):
                self._pages[path] = None
        return self._pages[path]

    @property
    def cur(self) -> Curriculum:
        return self.result.curriculum

    @property
    def report(self) -> Report:
        return self.result.report

    def pos(self, src: Source, *sub) -> tuple[int, int]:
        """Position of field `sub` inside the object defined at `src`."""
        doc = self.result.documents.get(src.file)
        if doc is None:
            return src.pos
        return doc.pos(src.path + tuple(sub))

    def error(self, src: Source, sub: tuple, message: str, code: str) -> None:
        self.report.error(src.file, self.pos(src, *sub), message, code)

    def warning(self, src: Source, sub: tuple, message: str, code: str) -> None:
        self.report.warning(src.file, self.pos(src, *sub), message, code)


def known(ids) -> str:
    """'C1-C8' style summary of known ids for messages."""
    ids = sorted(ids, key=_natural)
    if not ids:
        return "none defined"
    if len(ids) > 8:
        return f"{', '.join(ids[:6])}, ... {ids[-1]}"
    return ", ".join(ids)


def _natural(s: str):
    import re
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]
