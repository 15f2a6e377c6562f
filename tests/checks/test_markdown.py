"""Module pages: images, alt text, links, unsafe HTML, titles."""

from conftest import REPO, only

INTRO = "modules/A1-first-steps/introduction.md"


def test_missing_image(project):
    project.replace(INTRO, "media/cycle.svg)", "media/missing.svg)")
    d = only(project.diagnostics(), "markdown-missing-image")[0]
    assert (d.file, d.line) == (INTRO, project.line_of(INTRO, "missing.svg"))


def test_image_without_alt_text(project):
    project.replace(INTRO, "![A cycle of four steps: resist, absorb, adapt, recover]", "![]")
    d = only(project.diagnostics(), "markdown-alt-text")[0]
    assert d.line == project.line_of(INTRO, "![](media/cycle.svg)")


def test_broken_link(project):
    project.replace(INTRO, "[details](details.md)", "[details](detail.md)")
    d = only(project.diagnostics(), "markdown-broken-link")[0]
    assert "'detail.md' does not exist" in d.message and d.line == project.line_of(INTRO, "detail.md")


def test_links_to_generated_pages_resolve(project):
    # ../../glossary.md and ../A2-second-steps/index.md are generated, not source files
    assert not project.diagnostics("markdown-broken-link")


def test_script_tag_is_rejected(project):
    project.replace(INTRO, "## What comes next", "<script>alert(1)</script>\n\n## What comes next")
    d = only(project.diagnostics(), "markdown-unsafe-html")[0]
    assert "<script>" in d.message and d.line == project.line_of(INTRO, "<script>")


def test_event_handler_attribute_is_rejected(project):
    project.replace(INTRO, "More words here.", 'More <span onclick="steal()">words</span> here.')
    d = only(project.diagnostics(), "markdown-unsafe-html")[0]
    assert "onclick" in d.message


def test_javascript_url_is_rejected(project):
    project.replace(INTRO, "More words here.", "More [words](javascript:alert(1)) here.")
    d = only(project.diagnostics(), "markdown-unsafe-url")[0]
    assert "javascript:" in d.message


def test_remote_image_is_rejected(project):
    project.replace(INTRO, "(media/cycle.svg)", "(https://example.org/cycle.png)")
    only(project.diagnostics(), "markdown-remote-image")


def test_page_without_title(project):
    project.replace("modules/A1-first-steps/details.md", "# Details\n", "")
    d = only(project.diagnostics(), "markdown-title")[0]
    assert d.file == "modules/A1-first-steps/details.md"


def test_listed_page_that_does_not_exist(project):
    project.path("modules/A1-first-steps/details.md").unlink()
    d = only(project.diagnostics(), "module-page-missing")[0]
    assert d.line == project.line_of("modules/A1-first-steps/module.yaml", "pages:")


def test_unlisted_page_is_a_warning(project):
    project.write("modules/A1-first-steps/notes.md", "# Notes\n")
    d = only(project.diagnostics(), "module-page-unlisted")[0]
    assert d.severity == "warning"


def test_absolute_link_is_rejected(project):
    project.replace(INTRO, "[details](details.md)", "[details](/modules/details/)")
    only(project.diagnostics(), "markdown-absolute-link")


def test_pages_with_the_same_front_matter_each_get_their_own_and_edits_are_read(tmp_path):
    from oerkit.markdown_source import read_markdown
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    for page in (first, second):
        page.write_text("---\ntitle: Same\ntags: [a]\n---\n# Heading\n\nBody.\n", encoding="utf-8")
    one = read_markdown(first)
    one.meta["tags"].append("changed by a reader")
    two = read_markdown(second)
    assert (two.meta, two.body, two.body_line) == ({"title": "Same", "tags": ["a"]}, "# Heading\n\nBody.\n", 5)
    first.write_text("---\ntitle: Edited\n---\n# Other\n", encoding="utf-8")
    assert read_markdown(first).meta == {"title": "Edited"}
    first.write_text("---\ntitle: [unclosed\n---\n# Other\n", encoding="utf-8")
    assert read_markdown(first).meta_error.startswith("front matter is not valid YAML")


EDGE_TEXTS = [
    "A paragraph with no link.\n\nAnother with a [link](page.md) and an ![image](media/a.png).",
    "An autolink <https://example.org> and inline <span>HTML</span>, and `code with [brackets](x.md)`.",
    "A [reference link][ref] and a [collapsed][] one.\n\n[ref]: page.md\n[collapsed]: other.md",
    "Escaped \\[not a link\\](x.md) and \\<not html>, entities &lt;b&gt; and &#91;x&#93;(y.md).",
    "# A heading with a [link](a.md)\n\n| a | b |\n|---|---|\n| [x](y.md) | <br> |\n\n- item [z](z.md)\n",
    '<div markdown="1">\n\n[inside](in.md)\n\n</div>\n\n> quoted <a href="javascript:alert(1)">x</a>',
]


def test_markdown_parse_keeps_what_the_checks_see(monkeypatch):
    """The page parser skips the inline parsing of texts without '[' or '<'; the tokens the checks are given
    are those of markdown-it's full parse, for every page of the curriculum and for texts made to trip it."""
    from markdown_it import MarkdownIt
    from oerkit.checks import markdown as page_checks
    from oerkit.markdown_source import read_markdown

    bodies = EDGE_TEXTS + [read_markdown(p).body for p in sorted(REPO.glob("modules/*/*.md"))]
    skipping = [page_checks.parse_tokens(body) for body in bodies]
    full = MarkdownIt("commonmark").enable("table")
    full.validateLink = lambda url: True
    monkeypatch.setattr(page_checks, "_md", full)
    assert skipping == [page_checks.parse_tokens(body) for body in bodies]
    assert len(bodies) > 400 and sum(len(t["children"]) for tokens in skipping for t in tokens) > 1000
