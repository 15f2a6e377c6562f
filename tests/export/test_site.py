"""The site exporter: every page in every language, per-language search, offline and atomic builds."""

from __future__ import annotations

import json
import re

import pytest

from oerkit.build import build_all

EXTERNAL = re.compile(r'(?:src|href)="(https?:)?//(?!creativecommons\.org|doi\.org)[^"]+"')


@pytest.fixture
def built(project):
    assert build_all(project.root) == 0
    return project.root / "site"


def test_every_language_has_every_page(built):
    for prefix in ("", "el/", "de/", "pt/"):
        for page in ("index.html", "programme.html", "competences.html", "outcomes.html", "coverage.html",
                     "glossary.html", "modules/A1-first-steps/index.html", "modules/A1-first-steps/details.html",
                     "modules/A2-second-steps/checklist.html"):
            assert (built / prefix / page).is_file(), prefix + page


def test_translated_page_is_used_and_untranslated_page_falls_back_with_notice(built):
    el_intro = (built / "el/modules/A1-first-steps/introduction.html").read_text()
    assert "Η ανθεκτικότητα είναι" in el_intro and "oerkit-fallback" not in el_intro
    el_details = (built / "el/modules/A1-first-steps/details.html").read_text()
    assert "oerkit-fallback" in el_details and 'lang="en"' in el_details
    assert '<html lang="el"' in el_details
    en_details = (built / "modules/A1-first-steps/details.html").read_text()
    assert "oerkit-fallback" not in en_details


def test_yaml_translations_are_used(built):
    el_landing = (built / "el/modules/A1-first-steps/index.html").read_text()
    assert "Πρώτα βήματα" in el_landing
    assert "Εξηγεί τι σημαίνει ανθεκτικότητα." in el_landing


def test_module_page_carries_learning_resource_json_ld(built):
    html = (built / "modules/A1-first-steps/index.html").read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks
    data = json.loads(blocks[0])
    assert data["@type"] == "LearningResource"
    assert data["teaches"] == ["Explain what resilience means."]
    assert data["timeRequired"] == "PT2H" and data["inLanguage"] == "en"
    assert data["educationalLevel"] == "EQF level 5"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_search_index_per_language(built):
    en = json.loads((built / "search/search_index.json").read_text())
    el = json.loads((built / "el/search/search_index.json").read_text())
    assert en["docs"] and el["docs"]
    assert not any(d["location"].startswith(("el/", "de/", "pt/")) for d in en["docs"])
    assert any("Η ανθεκτικότητα" in d["text"] for d in el["docs"])
    assert not any("Η ανθεκτικότητα" in d["text"] for d in en["docs"])
    # a page not yet translated is still found in the language that shows it (in English)
    assert any(d["location"].startswith("modules/A1-first-steps/details.html") for d in el["docs"])
    assert (built / "el/search/search_index.js").read_text().startswith("var __index = ")
    page = (built / "el/modules/A1-first-steps/index.html").read_text()
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1])
    assert config["base"] == "../../../el/"


def test_no_page_loads_from_another_host(built):
    offenders = []
    for page in built.rglob("*.html"):
        offenders += [f"{page.relative_to(built)}: {m.group(0)}" for m in EXTERNAL.finditer(page.read_text())
                      if not m.group(0).startswith("href=")]
    assert offenders == []
    assert not any("fonts.googleapis" in p.read_text() for p in built.rglob("*.html"))
    assert (built / "assets/javascripts/iframe-worker.js").is_file()


def test_generated_pages_from_the_model(built):
    programme = (built / "programme.html").read_text()
    assert "<svg" in programme and "prereq-title" in programme
    assert 'href="modules/A2-second-steps/index.html"' in programme
    coverage = (built / "coverage.html").read_text()
    assert 'class="heat-' in coverage and "<caption>" in coverage
    assert "Competence one" in (built / "competences.html").read_text()
    assert 'id="lo-a1-lo1"' in (built / "outcomes.html").read_text()


def test_failed_build_keeps_previous_site(project, built):
    marker = built / "index.html"
    before = marker.read_text()
    project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/gone.svg)")
    assert build_all(project.root) == 1
    assert marker.read_text() == before
    assert not (project.root / "site.building").exists()


def child_processes() -> list[str]:
    """The processes this test process started that are still there (Linux' /proc)."""
    from pathlib import Path
    return [pid for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]


def test_a_build_stopped_by_an_error_leaves_no_mkdocs_process_behind(project, built):
    # MkDocs starts in its own process before the sources are validated; a build that stops must end it
    assert child_processes() == []
    project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/gone.svg)")
    assert build_all(project.root) == 1
    assert child_processes() == []


def test_a_book_that_fails_while_the_site_builds_is_reported_at_once(project, built, monkeypatch, capsys):
    """The books are written while MkDocs builds the site: a book's error stops the build then, without
    waiting for the site (MkDocs is ended), and the previous site stays."""
    import oerkit.build as build
    from oerkit.export.epub import EpubExporter, EpubExportError

    def fails(self, document, meta, split_level, epoch, source, name):
        raise EpubExportError(f"{name}: pandoc failed: a test failure")

    ended = []
    stop = build.MkDocsProcess.stop

    def stopped(self):
        ended.append(self.process.poll())  # None: MkDocs was still building when the build stopped
        stop(self)

    monkeypatch.setattr(EpubExporter, "pandoc_epub", fails)
    monkeypatch.setattr(build.MkDocsProcess, "stop", stopped)
    before = (built / "index.html").read_text()
    (project.root / "modules/A1-first-steps/introduction.md").write_text(
        (project.root / "modules/A1-first-steps/introduction.md").read_text() + "\nOne more line.\n")
    assert build_all(project.root, force=True) == 1
    assert "pandoc failed: a test failure" in capsys.readouterr().err
    assert ended == [None]
    assert (built / "index.html").read_text() == before and not (project.root / "site.building").exists()
    assert child_processes() == []


def test_build_cli_reports_errors_without_traceback(project):
    project.write("curriculum/profiles/officer.yaml", "id: [unclosed\n")
    result = project.oerkit("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"curriculum/profiles/officer.yaml:\d+:\d+: error: YAML syntax error", result.stderr)


def test_download_links_show_the_size_of_the_file_they_point_to(built):
    # the pages are built while the exports are written: the sizes are filled in afterwards
    pages = [built / "programme.html", built / "el" / "programme.html",
             *built.glob("modules/*/index.html"), *built.glob("pt/modules/*/index.html")]
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for href, path, kb in re.findall(r'<a href="([^"]+)" download>[^<]*</a> <span class="oerkit-size" '
                                         r'data-oerkit-size="([^"]+)">\((\d+) KB\)</span>', html):
            assert href.endswith(path)
            assert int(kb) == max(1, round((built / path).stat().st_size / 1024)), (page, path)
            checked += 1
        assert not re.search(r'data-oerkit-size="[^"]+"></span>', html), page  # no size left empty
    assert checked == 2 * 2 * 6 + 2  # both modules in two languages (SCORM 1.2 and 2004, EPUB, Moodle XML, GIFT,
    # H5P), and the two programme books


def test_a_mkdocs_failure_is_reported_and_keeps_the_previous_site(project, built):
    # MkDocs runs in its own process while the exports are written; its error must still reach the author
    before = (built / "index.html").read_text()
    project.replace("mkdocs.yml", "  - def_list\n", "  - def_list\n  - no_such_extension_xyz\n")
    result = project.oerkit("build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no_such_extension_xyz" in result.stderr and "previous site/ is unchanged" in result.stderr
    assert (built / "index.html").read_text() == before and not (project.root / "site.building").exists()


def test_a_tool_page_carries_its_data_whole_and_outside_the_search_index(project):
    """The quiz page's data sits in the page as JSON: text that looks like markup or breaks lines in Python
    arrives unchanged, cannot end the element early, and is not indexed for search."""
    bank = project.root / "assessment_quiz" / "A1.yaml"
    tricky = "Rivers < levees & dams > walls: 'unsafe' \u2028next\u2029line\x85end"
    bank.write_text(bank.read_text().replace('feedback: {en: "Resilience is about resisting, absorbing, adapting and recovering."}',
                                             f"feedback: {{en: {json.dumps(tricky)}}}"), encoding="utf-8")
    assert build_all(project.root) == 0
    html = (project.root / "site/modules/A1-first-steps/quiz.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/json" id="oerkit-data">(.*?)</script>', html, re.S)
    assert len(blocks) == 1 and "<" not in blocks[0] and "\u2028" not in blocks[0]
    assert tricky in json.dumps(json.loads(blocks[0]), ensure_ascii=False)
    assert html.count("assets/oerkit/learner.js") == 1
    assert "levees" not in (project.root / "site/search/search_index.json").read_text(encoding="utf-8")
    plain = (project.root / "site/modules/A1-first-steps/index.html").read_text(encoding="utf-8")
    assert 'id="oerkit-data"' not in plain and "learner.js" not in plain
