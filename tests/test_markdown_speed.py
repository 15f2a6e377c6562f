"""Skipping the inline patterns a text cannot match changes no page: every Markdown page of the repository,
and texts made to use each pattern, render the same with and without it, as the site and the exports
render them."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from pymdownx.slugs import slugify

from oerkit.markdown_speed import NEEDS, SkipInlineExtension
from oerkit.render import EXTENSIONS

REPO = Path(__file__).resolve().parents[1]
CONFIGS = {  # the exports' renderer, and the site's mkdocs.yml (permanent links on headings)
    "exports": {"toc": {"slugify": slugify(case="lower"), "permalink": False}},
    "site": {"toc": {"slugify": slugify(case="lower"), "permalink": True}},
}

TEXTS = [
    "`code` and ``double `tick` code`` and \\\\`escaped backslashes` and \\`not code\\`",
    "\\*not emphasis\\* \\[not a link\\] \\<not html\\> \\& \\_ \\# \\! \\\\",
    "[link](https://example.org \"title\") [ref][r] [r] ![image](p.png) ![ref image][r] ![r] ![alt *em*](x.svg)\n\n"
    "[r]: https://example.org/r",
    "<https://example.org/a?b=1&c=2> <someone@example.org> <not an autolink> a < b > c",
    "line with two spaces  \nnext line\\\nand a backslash break  ",
    "<span class=\"k\">inline *html*</span> <!-- comment --> <abbr title=\"x\">X</abbr> <br> <?php ?> <![CDATA[x]]>",
    "&amp; &copy; &#169; &#xA9; & not; &nbsp;x AT&T",
    "*em* **strong** ***both*** _em_ __strong__ ___both___ snake_case_word 2*3*4 * alone * a**b**c",
    "| a | `b|c` | *d* |\n|---|---|---|\n| [e](f) | &amp; | <em>g</em> |",
    "!!! note \"Title with *em* and `code`\"\n    Body with [a link](x.md) and _em_.",
    "<div markdown=\"1\">\n*inside* [md](in.md) `html`\n</div>",
    "Term *t*\n:   Definition with **strong** and <kbd>K</kbd>",
    "## Heading with `code` and [link](x.md) { #custom-id .cls }\n\nParagraph {: .para }",
    "plain text without any pattern character at all, only words, commas and full stops.",
    "* list *item* with _em_\n* [x](y)\n    1. nested `c`",
    "",
    # one pattern alone in a text
    "Fish &amp; chips &copy; 2024", "see [the reference] here\n\n[the reference]: https://example.org",
    "![alone]", "<https://example.org>", "x  \ny", "<b>bold</b>", "\\_", "`c`", "_e_", "**s**",
]


def renders(text: str, config: dict, *extra) -> str:
    md = markdown.Markdown(extensions=[*EXTENSIONS, *extra], extension_configs=config)
    return md.convert(text)


def pages() -> list[Path]:
    folders = ["modules", "guide", "docs-src", "curriculum", "tests/fixtures"]
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.md") if p.is_file())


@pytest.mark.parametrize("config", CONFIGS.values(), ids=CONFIGS.keys())
def test_every_page_of_the_repository_renders_the_same(config):
    plain = markdown.Markdown(extensions=EXTENSIONS, extension_configs=config)
    skipping = markdown.Markdown(extensions=[*EXTENSIONS, SkipInlineExtension()], extension_configs=config)
    found = pages()
    assert len(found) > 400
    for path in found:
        text = path.read_text(encoding="utf-8")
        assert skipping.reset().convert(text) == plain.reset().convert(text), path.relative_to(REPO)


@pytest.mark.parametrize("text", TEXTS)
def test_each_inline_pattern_still_matches(text):
    for config in CONFIGS.values():
        assert renders(text, config, SkipInlineExtension()) == renders(text, config)
    assert renders(text + "\n\n" + text, CONFIGS["site"], SkipInlineExtension()) == \
        renders(text + "\n\n" + text, CONFIGS["site"])


def test_every_pattern_python_markdown_uses_is_known():
    """Python-Markdown's patterns are all in NEEDS (an unknown one is tried on every text: no harm, no gain);
    a changed pattern after an upgrade shows here."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert [p.pattern for p in md.inlinePatterns if p.pattern not in NEEDS] == []


def test_a_pattern_it_does_not_know_is_always_tried():
    """Another extension's inline pattern (pymdownx's ==mark== and ~~delete~~) is applied as before."""
    text = "==marked== and ~~deleted~~ and ^^inserted^^, *em*"
    for extensions in (["pymdownx.mark", "pymdownx.tilde", "pymdownx.caret"],):
        plain = markdown.Markdown(extensions=[*EXTENSIONS, *extensions]).convert(text)
        skipping = markdown.Markdown(extensions=[*EXTENSIONS, *extensions, SkipInlineExtension()]).convert(text)
        assert "<mark>marked</mark>" in plain and "<del>deleted</del>" in plain
        assert skipping == plain


def test_the_site_is_rendered_with_it(tmp_path):
    """MkDocs' configuration in the build gets the extension once, however often it is built."""
    from types import SimpleNamespace

    from oerkit.export.site.mkdocs_backend import inline_patterns_skipped
    config = SimpleNamespace(markdown_extensions=["toc", "tables"])
    inline_patterns_skipped(config)
    inline_patterns_skipped(config)
    assert config.markdown_extensions[:2] == ["toc", "tables"]
    assert [type(e) for e in config.markdown_extensions[2:]] == [SkipInlineExtension]
