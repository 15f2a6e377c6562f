"""The authoring guide on the site: the "Contribute" section in four languages, and the field reference written
from the JSON Schemas when the site is built, so a field added to a schema appears without anyone writing it."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from browser import axe_violations, chromium, static_server
from oerkit.build import build_all
from oerkit.export.site import guide
from oerkit.export.site.docs_tree import DocsWriter, nav
from oerkit.export.site.field_reference import reference_page
from oerkit.load import load_project
from oerkit.locales import Messages
from oerkit.schemas import schema_files

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "mini"
PAGES = ["index", "learning-outcomes", "quiz-items", "pages-and-media", "translations", "review"]
SECTION_TITLES = {"en": "Contribute", "el": "Συνεισφορά", "de": "Mitwirken", "pt": "Contribuir"}


def mini_with_guide(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    shutil.copytree(REPO / "guide", folder / "guide")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = mini_with_guide(tmp_path_factory.mktemp("guide") / "mini")
    assert build_all(root, formats=["none"]) == 0
    return root / "site"


def page(site: Path, lang: str, name: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return (site / prefix / "contribute" / f"{name}.html").read_text(encoding="utf-8")


def test_the_guide_is_published_in_every_language_from_its_translations(site):
    for lang in SECTION_TITLES:
        for name in PAGES + ["field-reference"]:
            html = page(site, lang, name)
            assert f'<html lang="{lang}"' in html
            assert "oerkit-fallback" not in html, (lang, name)  # every page of the guide is translated
    assert "Γράψτε μαθησιακά αποτελέσματα" in page(site, "el", "learning-outcomes")
    assert "Lernergebnisse schreiben" in page(site, "de", "learning-outcomes")
    assert "Escrever resultados de aprendizagem" in page(site, "pt", "learning-outcomes")


def test_every_language_has_a_contribute_section_in_its_navigation(site):
    for lang, title in SECTION_TITLES.items():
        html = page(site, lang, "review")
        navigation = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)[0]
        assert title in navigation, lang
        for name in PAGES[1:] + ["field-reference"]:
            assert f'href="{name}.html"' in navigation, (lang, name)
    home = (site / "el" / "index.html").read_text(encoding="utf-8")
    assert 'href="contribute/field-reference.html"' in home


def test_links_and_anchors_between_guide_pages_resolve(site):
    ids = {}
    broken = []
    for html_path in (site.rglob("contribute/*.html")):
        text = html_path.read_text(encoding="utf-8")
        for target, fragment in re.findall(r'<a [^>]*href="([^"#:]*?)(?:#([^"]*))?"', text):
            dest = (html_path.parent / unquote(target)).resolve() if target else html_path.resolve()
            if target and not dest.exists():
                broken.append(f"{html_path.relative_to(site)} -> {target}")
            elif fragment and dest.suffix == ".html":
                if dest not in ids:
                    ids[dest] = set(re.findall(r'\sid="([^"]+)"', dest.read_text(encoding="utf-8")))
                if unquote(fragment) not in ids[dest]:
                    broken.append(f"{html_path.relative_to(site)} -> {target}#{fragment}")
    assert broken == []


def test_lists_in_the_guide_render_as_lists(site):
    """A list item that Markdown swallowed into a paragraph (an indentation slip) shows up as text."""
    slips = []
    for html_path in sorted(site.rglob("contribute/*.html")):
        html = html_path.read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        for para in re.findall(r"<p>(.*?)</p>", article, re.S):
            if re.search(r"\n\s*(?:[-*+]|\d+\.) ", para) or re.search(r"\s\d+\. <strong>", para):
                slips.append(f"{html_path.relative_to(site)}: {para[:80]}")
    assert slips == []


def test_the_field_reference_lists_every_field_of_the_schemas_with_its_rules(site):
    html = page(site, "en", "field-reference")
    module = schema_files()["module.schema.json"]
    for name in module["properties"]:
        if name != "$schema":
            assert f"<code>{name}</code>" in html, name
    for name in module["properties"]["activities"]["items"]["properties"]:
        assert f"<code>activities[].{name}</code>" in html, name
    for level in ("remember", "understand", "apply", "analyse", "evaluate", "create"):
        assert f"<code>{level}</code>" in html
    assert "when <code>type</code> is <code>single</code>, <code>multiple</code>" in html
    assert "modules/&lt;id&gt;-&lt;slug&gt;/module.yaml" in html
    greek = page(site, "el", "field-reference")
    assert "Οδηγός πεδίων" in greek and "κείμενο σε κάθε γλώσσα" in greek and "Υποχρεωτικό" in greek
    # the schemas' own descriptions stay in English, and say so to assistive technology
    assert '<span lang="en">Total learner workload in hours.</span>' in greek


def test_a_field_added_to_a_schema_appears_in_the_generated_page(tmp_path, monkeypatch):
    schemas = copy.deepcopy(schema_files())
    module = schemas["module.schema.json"]
    module["properties"]["reading_minutes"] = {"type": "integer", "minimum": 1,
                                               "description": "Estimated reading time of the pages."}
    module["required"].append("reading_minutes")
    module["properties"]["reviewers"] = {"allOf": [{"$ref": "common.schema.json#/$defs/id_list"}, {"minItems": 2}],
                                         "description": "Who reviewed the module."}
    monkeypatch.setattr(guide, "schema_files", lambda: schemas)
    root = mini_with_guide(tmp_path / "mini")
    cur = load_project(root).curriculum
    guide.write_guide(DocsWriter(tmp_path / "docs"), cur)
    for path, words in (("contribute/field-reference.md", ("whole number", "yes", "At least 1.")),
                        ("contribute/field-reference.de.md", ("ganze Zahl", "ja", "Mindestens 1."))):
        text = (tmp_path / "docs" / path).read_text(encoding="utf-8")
        row = next(line for line in text.splitlines() if line.startswith("| `reading_minutes`"))
        assert "Estimated reading time of the pages." in row and all(w in row for w in words), row
    text = (tmp_path / "docs" / "contribute" / "field-reference.md").read_text(encoding="utf-8")
    assert "| `reviewers` | list of ids |  | Who reviewed the module. Minimum number of entries: 2. |" in text
    assert "reading_minutes" not in reference_page(schema_files(), Messages("en"), "en")


def test_an_untranslated_guide_page_falls_back_to_english_with_a_notice(tmp_path):
    root = mini_with_guide(tmp_path / "mini")
    (root / "guide" / "contribute" / "review.pt.md").unlink()
    guide.write_guide(DocsWriter(tmp_path / "docs"), load_project(root).curriculum)
    fallback = (tmp_path / "docs" / "contribute" / "review.pt.md").read_text(encoding="utf-8")
    assert "oerkit-fallback" in fallback and "Ainda sem tradução" in fallback
    assert "How a pull request is reviewed" in fallback and '<div lang="en"' in fallback
    assert "oerkit-fallback" not in (tmp_path / "docs" / "contribute" / "review.el.md").read_text(encoding="utf-8")


def test_a_project_without_a_guide_has_no_contribute_section(project):
    items, sections = nav(load_project(project.root).curriculum)
    assert not any(isinstance(i, dict) and "Contribute" in i for i in items)
    assert guide.nav_pages(load_project(project.root).curriculum) == []


def test_guide_pages_are_accessible(site):
    paths = ["contribute/index.html", "el/contribute/field-reference.html", "de/contribute/quiz-items.html"]
    problems = {}
    with static_server(site) as origin, chromium() as browser:
        tab = browser.new_page()
        for path in paths:
            tab.goto(f"{origin}/{path}", wait_until="networkidle")
            found = axe_violations(tab)
            if found:
                problems[path] = found
        tab.close()
    assert problems == {}
