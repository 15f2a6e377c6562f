"""Incremental builds: an unchanged project is not rebuilt, an edited page rebuilds only its module's
exports, and whatever comes from the cache is byte for byte what a clean build makes."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES
from oerkit import build_cache
from oerkit.build import build_all
from oerkit.cli import main as oerkit_main


STABLE_TOOLCHAIN = build_cache.toolchain_fingerprint(FIXTURES)


@pytest.fixture(autouse=True)
def stable_toolchain(monkeypatch):
    """The toolchain's fingerprint as at the start of the tests (its own test is below), so that editing the
    package while the tests run does not look like a toolchain change."""
    monkeypatch.setattr("oerkit.build_state.toolchain_fingerprint", lambda root: STABLE_TOOLCHAIN)


@pytest.fixture
def mini(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    return root


def cache_line(err: str) -> tuple[int, int]:
    match = re.search(r"export cache: (\d+) reused, (\d+) built", err)
    assert match, err
    return int(match.group(1)), int(match.group(2))


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_without_changes_does_nothing(mini, capsys):
    assert build_all(mini) == 0
    page = mini / "site" / "index.html"
    before = page.stat().st_mtime_ns
    capsys.readouterr()
    assert oerkit_main(["--root", str(mini), "build"]) == 0
    assert "nothing changed since the last build" in capsys.readouterr().err
    assert page.stat().st_mtime_ns == before
    # --force builds again, every export from the cache
    assert oerkit_main(["--root", str(mini), "build", "--force"]) == 0
    reused, built = cache_line(capsys.readouterr().err)
    assert built == 0 and reused > 0


def test_an_edited_page_rebuilds_only_its_module_and_matches_a_clean_build(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    capsys.readouterr()
    page = mini / "modules" / "A1-first-steps" / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence for the cache test.\n", encoding="utf-8")
    untouched = mini / "site" / "modules" / "A2-second-steps" / "checklist.html"
    before = untouched.stat().st_mtime_ns
    assert build_all(mini) == 0
    err = capsys.readouterr().err
    reused, built = cache_line(err)
    # the site: the page, and its German and Portuguese stand-ins (not translated, they show the English text)
    assert "rebuilding the 3 page source(s) of the site that changed" in err
    assert untouched.stat().st_mtime_ns == before  # kept from the last build, not rendered again
    # A1 in SCORM 1.2 and 2004, its EPUB, and the programme book, in the languages that show the English page
    # (Greek has its own translation of it); A2, A1 in Greek and the quiz banks (one entry) come from the cache
    assert built == 3 * (2 + 1 + 1)
    assert reused == 4 * (2 + 1) + (2 + 1 + 1) + 1
    assert "One more sentence for the cache test." in (mini / "site" / "modules" / "A1-first-steps" /
                                                      "introduction.html").read_text(encoding="utf-8")
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    cached, clean = tree(mini / "site"), tree(tmp_path / "clean")
    assert sorted(cached) == sorted(clean)
    assert [name for name in cached if cached[name] != clean[name]] == []


def test_an_edited_translation_rebuilds_its_language_alone_and_matches_a_clean_build(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    capsys.readouterr()
    page = mini / "modules" / "A1-first-steps" / "introduction.el.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nΜία ακόμη πρόταση.\n", encoding="utf-8")
    site = mini / "site"
    english, german = site / "modules" / "A1-first-steps" / "introduction.html", site / "de" / "index.html"
    before = english.stat().st_mtime_ns, german.stat().st_mtime_ns
    assert build_all(mini) == 0
    assert "rebuilding the 1 page source(s) of the site that changed (en, el)" in capsys.readouterr().err
    assert (english.stat().st_mtime_ns, german.stat().st_mtime_ns) == before
    assert "Μία ακόμη πρόταση." in (site / "el" / "modules" / "A1-first-steps" / "introduction.html").read_text(
        encoding="utf-8")
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(site) == tree(tmp_path / "clean")  # the sitemap, the search indexes and 404 pages included


def test_a_page_by_page_build_leaves_the_published_site_as_it_was_until_it_replaces_it(mini, capsys, monkeypatch):
    # the staging site's files are second names (hard links) of the published site's: a build that wrote into
    # one of them in place would change the published site before it is replaced, or after a failed build
    from oerkit import build as build_module
    assert build_all(mini) == 0
    published = tree(mini / "site")
    page = mini / "modules" / "A1-first-steps" / "introduction.md"  # shown in three languages, with new sizes
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    seen = {}
    publish = build_module.publish

    def checked_publish(staging, target):
        seen["before"] = tree(target)
        publish(staging, target)

    monkeypatch.setattr(build_module, "publish", checked_publish)
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "page source(s) of the site that changed" in capsys.readouterr().err
    assert seen["before"] == published
    assert tree(mini / "site") != published
    # a build that fails at the end leaves it as it was too
    published = tree(mini / "site")
    page.write_text(page.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")

    def failing_publish(staging, target):
        raise build_module.SiteBuildError("the disk is full")

    monkeypatch.setattr(build_module, "publish", failing_publish)
    with pytest.raises(build_module.SiteBuildError):
        build_all(mini)
    assert tree(mini / "site") == published


def test_unchanged_downloads_are_taken_from_the_published_site_unless_it_was_altered(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    site = mini / "site"
    scorm = site / "downloads" / "scorm" / "mini-A2-en-scorm12.zip"
    quiz = site / "downloads" / "quiz" / "mini-A2-en-moodle.xml"
    assert (mini / "build" / "published-exports.json").is_file()
    page = mini / "modules" / "A1-first-steps" / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    scorm_inode, quiz_inode = scorm.stat().st_ino, quiz.stat().st_ino
    assert build_all(mini) == 0
    # the same files, given a second name in the new site: no byte written again
    assert (scorm.stat().st_ino, quiz.stat().st_ino) == (scorm_inode, quiz_inode)
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    clean = tree(tmp_path / "clean")
    assert tree(site) == clean
    # a published download someone altered is not taken: one of another size is rebuilt from the cache, and
    # --force trusts nothing published
    with scorm.open("ab") as f:
        f.write(b"appended")
    page.write_text(page.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    assert build_all(mini) == 0
    assert scorm.read_bytes() == clean["downloads/scorm/mini-A2-en-scorm12.zip"]
    quiz.write_bytes(bytes(len(quiz.read_bytes())))
    assert build_all(mini, force=True) == 0
    assert quiz.read_bytes() == clean["downloads/quiz/mini-A2-en-moodle.xml"]


def test_the_docs_tree_is_written_again_only_where_it_differs_from_what_was_written(mini):
    assert build_all(mini) == 0
    docs = mini / "build" / "docs"
    home, glossary = docs / "index.md", docs / "glossary.md"
    expected, before = home.read_text(encoding="utf-8"), glossary.stat().st_mtime_ns
    home.write_text("Changed by hand.\n", encoding="utf-8")
    assert build_all(mini, force=True) == 0
    assert home.read_text(encoding="utf-8") == expected
    assert glossary.stat().st_mtime_ns == before  # recorded as written: not read back, not written again


@pytest.mark.parametrize("damage", ["not json", '{"target": 1}', "[]", "entries", "bundles"])
def test_a_damaged_record_of_the_published_downloads_is_not_used(mini, tmp_path, damage):
    assert build_all(mini) == 0
    record = mini / "build" / "published-exports.json"
    if damage == "entries":
        data = json.loads(record.read_text(encoding="utf-8"))
        data["files"] = {rel: ["key"] if n % 2 else [None, "size"] for n, rel in enumerate(data["files"])}
        record.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "bundles":
        data = json.loads(record.read_text(encoding="utf-8"))
        data["bundles"] = {key: {"paths": [7], "summary": {}} for key in data["bundles"]}
        record.write_text(json.dumps(data), encoding="utf-8")
    else:
        record.write_text(damage, encoding="utf-8")
    page = mini / "modules" / "A1-first-steps" / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert build_all(mini) == 0
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


@pytest.mark.parametrize("cp", ["missing", "failing"])
def test_without_a_working_cp_the_published_site_is_copied_in_process(mini, tmp_path, capsys, monkeypatch, cp):
    from oerkit.export.site import incremental
    assert build_all(mini) == 0
    monkeypatch.setattr(incremental.shutil, "which", lambda name: None if cp == "missing" else "/bin/false")
    page = mini / "modules" / "A1-first-steps" / "introduction.el.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nΜία ακόμη πρόταση.\n", encoding="utf-8")
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "rebuilding the 1 page source(s)" in capsys.readouterr().err
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


def test_a_page_by_page_build_on_another_day_builds_every_language(mini, tmp_path, capsys, monkeypatch):
    # the sitemap lists every language's pages with the day of the build: a build on the next day must
    # write it anew, which MkDocs does with the last language it builds
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert build_all(mini) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # 2026-01-02
    page = mini / "modules" / "A1-first-steps" / "introduction.el.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nΜία ακόμη πρόταση.\n", encoding="utf-8")
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "rebuilding the 1 page source(s) of the site that changed (en, el, de, pt)" in capsys.readouterr().err
    assert "2026-01-02" in (mini / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


def test_the_languages_a_page_by_page_build_goes_through():
    from oerkit.export.site.incremental import languages_to_build
    languages = ["en", "el", "de", "pt"]
    files = ["index.md", "index.el.md", "index.de.md", "index.pt.md", "a.md", "a.el.md", "media/x.svg"]
    last = {"files": {name: "old" for name in files}}

    def changed(*names):
        return languages_to_build(last, {"files": {n: "new" if n in names else "old" for n in files}}, languages)

    assert changed("index.de.md") == ["en", "de"]  # the default language is always built
    assert changed("index.md") == ["en"]
    assert changed("a.md") == ["en", "de", "pt"]  # shown untranslated in German and Portuguese
    assert changed("a.el.md", "index.pt.md") == ["en", "el", "pt"]
    assert changed("media/x.svg") is None  # every language copies the image


def test_the_quiz_banks_are_rebuilt_when_a_quiz_changes_and_else_come_from_the_cache(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    quiz = tree(mini / "site" / "downloads" / "quiz")
    capsys.readouterr()
    assert build_all(mini, force=True) == 0
    err = capsys.readouterr().err
    assert "moodle-xml: 6 item(s) exported, 0 not exported" in err  # the totals are reported from the cache too
    assert cache_line(err)[1] == 0
    assert tree(mini / "site" / "downloads" / "quiz") == quiz
    bank = next((mini / "assessment_quiz").glob("*.yaml"))
    bank.write_text(bank.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build_all(mini) == 0
    assert cache_line(capsys.readouterr().err)[1] >= 1
    # a damaged cache entry is built again, not trusted
    entries = list((mini / "build" / "cache").glob("*/*"))
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-100] + bytes(100))
    capsys.readouterr()
    assert build_all(mini, force=True) == 0
    assert cache_line(capsys.readouterr().err) == (0, len(entries))
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


def test_a_changed_title_rebuilds_the_whole_site_since_every_page_shows_it(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    page = mini / "modules" / "A1-first-steps" / "details.md"
    page.write_text(re.sub(r"^# .*$", "# Renamed details", page.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "building the site in 4 languages" in capsys.readouterr().err
    neighbour = (mini / "site" / "modules" / "A2-second-steps" / "checklist.html").read_text(encoding="utf-8")
    assert "Renamed details" in neighbour  # in the navigation of a page whose own source did not change
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


def test_a_page_by_page_build_keeps_no_download_of_the_last_build(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    capsys.readouterr()
    assert build_all(mini, formats=["scorm"]) == 0  # only the download lists changed: page by page
    assert "page source(s) of the site that changed" in capsys.readouterr().err
    assert not list((mini / "site" / "downloads").glob("epub/*"))
    assert build_all(mini, formats=["scorm"], out=tmp_path / "clean", cache=False) == 0
    assert tree(mini / "site") == tree(tmp_path / "clean")


def test_a_toolchain_change_rebuilds_everything(mini, capsys, monkeypatch):
    assert build_all(mini) == 0
    capsys.readouterr()
    monkeypatch.setattr("oerkit.build_state.toolchain_fingerprint", lambda root: STABLE_TOOLCHAIN + "-new-pandoc")
    assert build_all(mini) == 0
    reused, built = cache_line(capsys.readouterr().err)
    # 2 modules x (SCORM 1.2, 2004, EPUB) + programme book, in 4 languages; the quiz banks
    assert reused == 0 and built == 4 * (2 * 2 + 2 + 1) + 1


def test_a_failed_build_keeps_the_site_and_is_not_taken_for_up_to_date(mini, capsys):
    assert build_all(mini) == 0
    outcomes = mini / "learning_outcomes" / "A.yaml"
    good = outcomes.read_text(encoding="utf-8")
    outcomes.write_text(good + "  - broken: [\n", encoding="utf-8")
    assert build_all(mini) == 1
    assert (mini / "site" / "index.html").is_file()
    outcomes.write_text(good, encoding="utf-8")
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "nothing changed" in capsys.readouterr().err  # back to the sources of the last good build


def test_jobs_must_be_a_positive_number(mini, capsys):
    with pytest.raises(SystemExit) as exit_info:
        oerkit_main(["--root", str(mini), "build", "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_the_toolchain_fingerprint_follows_the_package_files(tmp_path, monkeypatch):
    package = tmp_path / "oerkit"
    (package / "web").mkdir(parents=True)
    (package / "web" / "sco.css").write_text("body { color: black; }")
    (package / "build.py").write_text("print('build')")
    monkeypatch.setattr("oerkit.build_cache.resources.files", lambda name: package)
    first = build_cache.toolchain_fingerprint(tmp_path)
    assert build_cache.toolchain_fingerprint(tmp_path) == first
    (package / "web" / "sco.css").write_text("body { color: navy; }")
    assert build_cache.toolchain_fingerprint(tmp_path) != first
    (package / "__pycache__").mkdir()
    changed = build_cache.toolchain_fingerprint(tmp_path)
    (package / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"compiled")
    assert build_cache.toolchain_fingerprint(tmp_path) == changed  # compiled files are not inputs


def test_the_parallel_build_writes_what_each_exporter_writes_alone(mini, tmp_path):
    # SCORM pages and EPUBs are rendered in two threads at once: neither may see the other's Markdown
    from oerkit.export.epub import EpubExporter
    from oerkit.export.scorm import ScormExporter
    from oerkit.validate import validate_project
    assert build_all(mini, cache=False) == 0
    cur = validate_project(mini).curriculum
    alone = tmp_path / "alone"
    ScormExporter(mini, tmp_path / "work").export(cur, alone)
    EpubExporter(mini, tmp_path / "work").export(cur, alone, jobs=1)
    expected = tree(alone / "downloads")
    built = tree(mini / "site" / "downloads")
    assert expected and {name: built.get(name) == data for name, data in expected.items()} == \
        {name: True for name in expected}


def test_a_language_s_packages_depend_on_the_page_versions_it_shows(mini):
    from oerkit.validate import validate_project
    intro = mini / "modules" / "A1-first-steps" / "introduction.md"  # translated into Greek only

    def prints():
        cur = validate_project(mini).curriculum
        fp = build_cache.SourceFingerprints(mini, cur, "toolchain")
        return {lang: fp.module(cur.modules["A1"], lang) for lang in ("en", "el", "de")}

    before = prints()
    intro.write_text(intro.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    edited = prints()
    assert edited["el"] == before["el"] and edited["en"] != before["en"] and edited["de"] != before["de"]
    (mini / "modules" / "A1-first-steps" / "introduction.el.md").unlink()  # Greek now shows the original
    assert prints()["el"] != edited["el"]


def test_the_configuration_loaded_ahead_is_used_only_while_its_files_are_unchanged(mini):
    from oerkit.export.site.mkdocs_backend import GENERATED_CONFIG, WorkedOutAhead
    assert build_all(mini) == 0
    config = mini / "build" / GENERATED_CONFIG
    ahead = WorkedOutAhead(config)
    loaded = ahead.config_for(config)
    assert loaded is not None and loaded["site_name"] and loaded["docs_dir"] == str(mini / "build" / "docs")
    assert ahead.config_for(config) is None  # given once: a build changes it
    # the authors' mkdocs.yml (inherited) changed after it was loaded: not used
    ahead = WorkedOutAhead(config)
    authors = mini / "mkdocs.yml"
    authors.write_text(authors.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert ahead.config_for(config) is None
    # the generated configuration changed: not used
    ahead = WorkedOutAhead(config)
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert ahead.config_for(config) is None
    # one that does not load: nothing ahead, no error
    config.write_text("nav: [unclosed\n", encoding="utf-8")
    assert WorkedOutAhead(config).config_for(config) is None


def test_the_theme_files_listed_ahead_are_those_mkdocs_finds(mini):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from oerkit.export.site.mkdocs_backend import GENERATED_CONFIG, list_theme_files, theme_files_listed
    assert build_all(mini) == 0
    config = load_config(config_file=str(mini / "build" / GENERATED_CONFIG))
    docs_page = File("assets/oerkit.css", config.docs_dir, config.site_dir, config.use_directory_urls)

    def found(listing):
        files = Files([docs_page])  # a docs file wins over the theme's file of the same path
        with theme_files_listed(listing):
            files.add_files_from_theme(config.theme.get_env(), config)
        return [(f.src_uri, f.abs_src_path, f.dest_uri) for f in files]

    listing = list_theme_files(config)
    assert len(listing[1]) > 10
    assert found(listing) == found(None)
    # listed for other theme folders: MkDocs looks for itself
    key, files = listing
    assert found(((key[0][1:], key[1]), [])) == found(None)


def test_a_page_by_page_build_copies_a_changed_image_and_leaves_unchanged_files_alone(mini, tmp_path, capsys):
    assert build_all(mini) == 0
    site = mini / "site"
    script = next((site / "assets" / "javascripts").glob("bundle.*.js"))
    before = script.stat().st_ino
    page = mini / "modules" / "A1-first-steps" / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAnother sentence.\n", encoding="utf-8")
    image = mini / "modules" / "A1-first-steps" / "media" / "cycle.svg"
    image.write_text(image.read_text(encoding="utf-8").replace("</svg>", "<!-- redrawn --></svg>"), encoding="utf-8")
    capsys.readouterr()
    assert build_all(mini) == 0
    assert "rebuilding the" in capsys.readouterr().err  # page by page
    assert "<!-- redrawn -->" in (site / "modules" / "A1-first-steps" / "media" / "cycle.svg").read_text(encoding="utf-8")
    assert script.stat().st_ino == before  # the theme's script, unchanged, was not copied again
    assert build_all(mini, out=tmp_path / "clean", cache=False) == 0
    assert tree(site) == tree(tmp_path / "clean")
