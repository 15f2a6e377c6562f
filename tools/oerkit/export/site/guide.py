"""The authoring guide: the project's guide/contribute/ pages, published as the site's "Contribute" section in
every language, followed by the field reference written from the JSON Schemas.

A page is guide/contribute/<name>.md; its translations sit beside it as <name>.<lang>.md, like module pages,
and a page not yet translated is published in the default language with a notice. index.md comes first,
then the pages by the `order` of their front matter, then by name. Other files there (figures) are copied."""

from __future__ import annotations

from ...guide_sources import GUIDE_DIR, REFERENCE, guide_pages
from ...locales import Messages
from ...markdown_source import first_heading, read_markdown
from ...model import Curriculum
from ...schemas import schema_files
from .field_reference import reference_page

SECTION = "contribute"  # the site folder of the guide's pages


def nav_pages(cur: Curriculum) -> list[str]:
    """The section's navigation entries; empty when the project has no guide."""
    pages = guide_pages(cur)
    return [f"{SECTION}/{p.stem}.md" for p in pages] + [f"{SECTION}/{REFERENCE}.md"] if pages else []


def write_guide(w, cur: Curriculum) -> None:
    from .docs_tree import fallback_page, localized_name, with_front_matter  # docs_tree imports this module
    pages = guide_pages(cur)
    if not pages:
        return
    default = cur.default_language
    schemas = schema_files()
    for lang in cur.languages:
        t = Messages(lang, default)
        for page in pages:
            target = f"{SECTION}/{localized_name(page.stem, lang, default)}"
            if lang == default or lang in page.translations:
                w.text(target, read_markdown(page.translations.get(lang, page.path)).body)
            else:
                body = read_markdown(page.path).body
                title = first_heading(body) or page.stem
                w.text(target, with_front_matter({"title": title}, fallback_page(body, title, t, default)))
        w.text(f"{SECTION}/{localized_name(REFERENCE, lang, default)}", reference_page(schemas, t, lang))
    for asset in sorted((cur.root / GUIDE_DIR).rglob("*")):
        if asset.is_file() and asset.suffix != ".md":
            w.copy(f"{SECTION}/{asset.relative_to(cur.root / GUIDE_DIR).as_posix()}", asset)
