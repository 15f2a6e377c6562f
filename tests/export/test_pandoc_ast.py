"""The books' pandoc JSON (pandoc_ast.py) is the document pandoc's own HTML reader makes of the same HTML:
the same blocks, inlines, identifiers and metadata, with its words joined (join_words). An EPUB made from
it is the EPUB made from the HTML, byte for byte. What the converter cannot reproduce is left to pandoc's
reader."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from oerkit.export.epub import EpubExporter, pandoc_api_version, pandoc_input, pandoc_path
from oerkit.export.epub.pandoc_ast import Unsupported, html_to_json, join_words
from oerkit.render import markdown_to_html
from oerkit.validate import validate_project

REPO = Path(__file__).resolve().parents[2]


def pandoc_reads(document: str) -> dict:
    """pandoc's document of the HTML, its words joined as oerkit gives them to pandoc."""
    out = subprocess.run([pandoc_path(), "-f", "html", "-t", "json"], input=document, capture_output=True,
                         text=True, check=True)
    read = json.loads(out.stdout)
    join_words(read["blocks"])
    join_words(read["meta"])
    return read


def epubs(exporter: EpubExporter, books: list[tuple], monkeypatch) -> tuple[list[dict], list[dict]]:
    """Each book (the arguments of EpubExporter.convert) as pandoc writes it from oerkit's JSON, and as it
    writes it from the HTML."""
    import oerkit.export.epub as epub
    with ThreadPoolExecutor(max_workers=2) as pool:
        fast = list(pool.map(lambda book: exporter.convert(*book), books))
        assert {epub.pandoc_input(book[0])[0] for book in books} == {"json"}
        monkeypatch.setattr(epub, "pandoc_input", lambda document: ("html", document))
        slow = list(pool.map(lambda book: exporter.convert(*book), books))
    monkeypatch.undo()
    return fast, slow


def ours(document: str) -> dict:
    return json.loads(html_to_json(document, pandoc_api_version()))


def page(body: str, lang: str = "en", title: str = "A book") -> str:
    return (f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}"><head>'
            f'<meta charset="utf-8"/><title>{title}</title></head><body>{body}</body></html>')


def test_every_book_of_the_curriculum_is_the_document_pandoc_reads_from_its_html(tmp_path, monkeypatch):
    """Every module (each in one of the languages, in turn) and the programme book of every language: the
    same document, and the same EPUB."""
    cur = validate_project(REPO).curriculum
    tasks = list(EpubExporter(REPO, tmp_path).books(cur, tmp_path, None, None, True))
    order = {mod.id: i for i, mod in enumerate(cur.modules_in_order())}
    chosen = [(artifact.path, arguments()) for artifact, _, arguments in tasks
              if artifact.module is None or artifact.lang == cur.languages[order[artifact.module] % len(cur.languages)]]
    assert len(chosen) == len(cur.modules) + len(cur.languages)
    assert {lang for path, _ in chosen for lang in cur.languages if path.endswith(f"-{lang}.epub")} == set(cur.languages)
    with ThreadPoolExecutor(max_workers=2) as pool:
        expected = list(pool.map(pandoc_reads, [book[0] for _, book in chosen]))
    for (path, book), reference in zip(chosen, expected):
        assert ours(book[0]) == reference, path
    # document, metadata, output, split level, epoch, source folder: convert's arguments
    fast, slow = epubs(EpubExporter(REPO, tmp_path), [(*book[:2], *book[3:6], path) for path, book in chosen],
                       monkeypatch)
    for (path, _), ours_epub, pandocs_epub in zip(chosen, fast, slow):
        assert ours_epub == pandocs_epub, path


AUTHORED = """# A page *title*

Text with **strong**, *emphasis* and `code  with   spaces`, a [link](https://example.org/a b "Title"),
a line break{BREAK}
here, an ![image](media/a%20b.png "T"){ width=40 .wide #fig }, and an e&nbsp;mail at a&amp;b.

<!-- an author's comment -->

## Same heading

## Same heading { #custom .cls }

!!! note "Check this"
    Inside an *admonition*.

    - one
    - two

| Left | Centre | Right | Plain |
|:-----|:------:|------:|-------|
| a    | **b**  | c     |       |

1. First

    Second paragraph of the first item.

2. Second
    1. nested

Term
:   Its definition.

> A quote
> on two lines.

    code block
      indented

---

Ελληνικά με «εισαγωγικά» — και ΣΑΣ.
""".replace("{BREAK}", "  ")  # two spaces: a line break


def png() -> bytes:
    """A one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def same_epub(document: str, folder: Path, monkeypatch) -> None:
    """pandoc writes the same EPUB from oerkit's JSON of `document` as from its HTML."""
    for image in ("p.png", "media/a b.png"):  # the images the documents of these tests show
        (folder / image).parent.mkdir(parents=True, exist_ok=True)
        (folder / image).write_bytes(png())
    meta = {"title": "A book", "lang": "en",  # an identifier: pandoc makes a random one without
            "identifier": [{"scheme": "UUID", "text": "urn:uuid:00000000-0000-4000-8000-000000000000"}]}
    fast, slow = epubs(EpubExporter(REPO, folder), [(document, meta, 1, 0, folder, "a-book.epub")], monkeypatch)
    assert fast == slow


def test_what_authors_write_in_markdown_is_the_document_pandoc_reads(tmp_path, monkeypatch):
    document = page(markdown_to_html(AUTHORED))
    assert ours(document) == pandoc_reads(document)
    same_epub(document, tmp_path, monkeypatch)


@pytest.mark.parametrize("body", [
    # headings of generated parts carry no id: pandoc's automatic identifiers, unique in the book
    "<h2>Activity 1: Map &amp; plan — what’s next? (2) a_b-c.d</h2><h2>Activity 1: Map &amp; plan — what’s next? (2) a_b-c.d</h2>"
    "<h2>123</h2><h2>ΟΔΟΣ ΣΑΣ</h2><h2>İstanbul</h2><h2>a<br/>b</h2><h2><img alt=\"pic\" src=\"p.png\"/> t</h2><h2>section</h2>",
    '<h2 id="x">x</h2><h2>x</h2><h3 class="k" data-x="1"> T  <em>x</em> </h3>',
    # spaces at the edges of inline elements, empty ones, adjacent ones
    "<p><em> x </em><sup> 2</sup><sub>3</sub><del>d</del><s>s</s><u>u</u><ins>i</ins><span>plain</span>"
    '<span class="c"> sp </span><a href="u"> l </a><code> a b </code><b>b</b><i>i</i><em>\ny</em><em> </em>z'
    "<strong></strong><em>a</em><em>b</em></p><p></p><p> </p><p>x<!-- d -->y</p>",
    # whitespace in text: runs of spaces and tabs, line breaks with spaces around them, at the edges and
    # between words, next to inline elements and comments (text_inlines joins a line's words itself)
    "<p>  a  b\tc \t d \n  e\n\nf  </p><p>\n a</p><p>a \n</p><p>\t</p><p>x <em> y\n z </em>\tw<!-- c --> v\n</p>"
    "<p>one<!--c-->  two <!-- c -->\nthree</p><h2>  Title \n with\tbreak  </h2><p>a<br/> \n b</p>",
    # lists, definitions, quotes and divisions with and without paragraphs (pandoc's plain/para rules)
    '<ol><li>a</li><li><p>b</p></li></ol><ol start="3" type="a"><li>a<ul><li>z</li></ul></li></ol>'
    '<ol type="i" start="x"><li>a</li></ol><ol start="²"><li>b</li></ol><dl><dt> t <em>x</em> </dt><dd><p>d</p>e</dd><dd>f</dd></dl>'
    "<blockquote>q</blockquote><blockquote><p>q</p>text</blockquote><p>a</p>text<div>b<p>c</p></div>",
    # the marks of a page shown untranslated
    '<div class="fallback"><p><strong>Not translated.</strong> x</p></div><div lang="en" xml:lang="en"><h2 id="p-a">A</h2></div>',
    '<table><thead><tr><th style="text-align: center;">A</th><th align="right">B</th><th>C</th></tr></thead>'
    '<tbody><tr><td style="text-align: center;"></td><td align="right">y</td><td> z </td></tr></tbody></table>',
])
def test_html_the_books_are_made_of_is_the_document_pandoc_reads(body, tmp_path, monkeypatch):
    document = page(body, lang="el", title=" T &amp; more ")
    assert ours(document) == pandoc_reads(document)
    same_epub(document, tmp_path, monkeypatch)


@pytest.mark.parametrize("body", [
    "<details><summary>Answer</summary><p>Hidden</p></details>",  # raw HTML an author may write
    "<p>Press <kbd>Ctrl</kbd></p>",
    "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><p>a</p>b</td></tr></tbody></table>",  # pandoc sizes columns
    "<table><tbody><tr><td>no head</td></tr></tbody></table>",
    "<ul><li id='x'>item</li></ul>",
    "<p>unclosed <em>emphasis</p>",
    '<h2 id="twice">A</h2><h2 id="twice">B</h2>',  # pandoc warns, and --fail-if-warnings fails the book
])
def test_what_it_cannot_reproduce_is_left_to_pandocs_html_reader(body):
    document = page(body)
    with pytest.raises(Unsupported):
        html_to_json(document, pandoc_api_version())
    assert pandoc_input(document) == ("html", document)


@pytest.mark.parametrize("document", [
    '<!DOCTYPE html>\n<html lang="en"><body><p>no head</p></body></html>',
    '<!DOCTYPE html>\n<html lang="en"><head><title>T</title></head><body><p>a</p></body></html><p>after</p>',
])
def test_a_document_of_another_shape_is_left_to_pandocs_html_reader(document):
    assert pandoc_input(document) == ("html", document)


def test_another_version_of_pandocs_document_model_is_left_to_the_html_reader():
    document = page("<p>text</p>")
    assert pandoc_input(document)[0] == "json"
    with pytest.raises(Unsupported):
        html_to_json(document, [1, 99, 0])

