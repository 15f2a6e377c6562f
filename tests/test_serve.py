"""`oerkit serve` regenerates the pages MkDocs watches whenever a source changes, and keeps the last good
version when the sources have errors."""

from oerkit.export.site.exporter import SiteExporter
from oerkit.serve import SourceWatcher


def test_source_change_regenerates_pages_and_errors_keep_the_last_good_version(project):
    exporter = SiteExporter(project.root, project.root / "build" / "serve")
    watcher = SourceWatcher(project.root, exporter)
    assert watcher.regenerate()
    page = project.root / "build/serve/docs/modules/A1-first-steps/introduction.md"
    landing = project.root / "build/serve/docs/modules/A2-second-steps/index.md"
    assert "More words here." in page.read_text()

    project.replace("modules/A1-first-steps/introduction.md", "More words here.", "Freshly edited words.")
    project.replace("modules/A2-second-steps/module.yaml", "title: {en: Second steps}", "title: {en: Next steps}")
    assert watcher.regenerate()
    assert "Freshly edited words." in page.read_text()
    assert "A2 Next steps" in landing.read_text()

    before = page.read_text()
    project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/none.svg)")
    project.replace("modules/A1-first-steps/introduction.md", "Freshly edited", "Broken edit")
    assert not watcher.regenerate()
    assert page.read_text() == before


def test_unchanged_files_are_not_rewritten(project):
    exporter = SiteExporter(project.root, project.root / "build" / "serve")
    watcher = SourceWatcher(project.root, exporter)
    assert watcher.regenerate()
    docs = project.root / "build/serve/docs"
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    project.replace("modules/A2-second-steps/checklist.md", "two entries", "three entries")
    assert watcher.regenerate()
    changed = [p.relative_to(docs).as_posix() for p in stamps if p.stat().st_mtime_ns != stamps[p]]
    # the English page and the three fallback pages that show it
    assert sorted(changed) == sorted(f"modules/A2-second-steps/checklist{suffix}.md"
                                     for suffix in ("", ".el", ".de", ".pt"))
