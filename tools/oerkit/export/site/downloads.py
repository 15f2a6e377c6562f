"""Download sizes on the site's pages. The pages are written while the exports are still being made, so a
download link carries an empty size element naming its file; once every file exists, `fill_sizes` writes
the sizes into the built pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..__init__ import Artifact
from ...files import write_new
from .mkdocs_backend import SiteBuildError

SIZE_ATTR = "data-oerkit-size"
SIZE_SPAN = re.compile(rf'(<span class="oerkit-size" {SIZE_ATTR}=")([^"]+)(">)[^<]*(</span>)')


def size_label(size: int) -> str:
    return f"({max(1, round(size / 1024))} KB)"


def fill_sizes(site_dir: Path, artifacts: list[Artifact]) -> None:
    """Write each download's size into the pages that link to it (again, in pages kept from the last
    build); a link to a file no export made is an error rather than a page that silently shows no size."""
    sizes = {a.path: a.size for a in artifacts}
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if SIZE_ATTR not in text:
            continue

        def fill(match: re.Match, page=page) -> str:
            path = html.unescape(match.group(2))
            if path not in sizes:
                raise SiteBuildError(f"{page.relative_to(site_dir)} links to {path}, which no export wrote")
            return match.group(1) + match.group(2) + match.group(3) + size_label(sizes[path]) + match.group(4)

        filled = SIZE_SPAN.sub(fill, text)
        if filled != text:  # a page kept from the last build has its sizes already, unless one changed
            write_new(page, filled)
