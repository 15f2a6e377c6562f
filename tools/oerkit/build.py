"""`oerkit build`: validate, then build the site (and, as they land, every export) into site/.

Everything is built into a staging folder first; site/ is replaced only when the whole build
succeeded, so a failed build leaves the previous site in place and nothing half-written is published.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from . import build_state
from .build_cache import NO_CACHE, BuildCache, ExportCache, PublishedDownloads, SourceFingerprints
from .export import Artifact
from .export.elm import ElmExporter
from .export.epub import EpubExporter, EpubExportError
from .export.gift import GiftExporter
from .export.h5p import H5pExporter
from .export.moodle_xml import MoodleXmlExporter
from .export._quiz_report import ExportReport
from .export.scorm import ScormExporter, ScormExportError
from .export.site.downloads import fill_sizes
from .export.site.exporter import SiteBuildError, SiteExporter
from .export.site.incremental import link_or_copy
from .export.site.mkdocs_backend import GENERATED_CONFIG, MkDocsProcess
from .validate import BackgroundChecks, validate_project


_START = time.monotonic()


_held: list[str] | None = None  # progress lines kept back while the sources are still being checked


def progress(message: str, held: bool = True) -> None:
    """One line on stderr per build step, with the seconds since the command started (kept back while
    progress_held, unless `held` is false)."""
    line = f"[oerkit {time.monotonic() - _START:6.1f}s] {message}"
    if _held is not None and held:
        _held.append(line)
    else:
        print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def progress_held():
    """Keep the progress lines of the steps taken while the sources are checked; `release` prints them (the
    checks passed), else they are dropped: a build stopped by errors does not report steps it then undoes."""
    global _held
    _held = []
    try:
        yield
    finally:
        _held = None


def release_progress() -> None:
    global _held
    lines, _held = _held or [], None
    for line in lines:
        print(line, file=sys.stderr, flush=True)


class BuildStopped(Exception):
    """The checks found errors (or, with --strict, warnings): nothing is published."""


def stopped_by(report, strict: bool) -> bool:
    """Show the checks' findings; True (and say so) when they stop the build."""
    if report.items:
        print(report.render("text"), file=sys.stderr)
    if report.errors or (strict and report.warnings):
        progress(f"build stopped: {len(set(report.errors))} error(s), {len(set(report.warnings))} warning(s); "
                 "the previous site/ is unchanged", held=False)
        return True
    return False


def publish(staging: Path, target: Path) -> None:
    """Swap the finished staging folder into place."""
    previous = target.with_name(target.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    if previous.exists():
        shutil.rmtree(previous)


def export_quiz_banks(cur, out: Path, cache: ExportCache = NO_CACHE) -> list[Artifact]:
    """Moodle XML, GIFT and H5P, with a report of what each format carried over (from the cache when the quiz
    banks, the shared sources and the toolchain did not change)."""
    def make() -> tuple[list[str], dict]:
        artifacts: list[Artifact] = []
        reports = []
        for exporter in (MoodleXmlExporter(), GiftExporter(), H5pExporter()):
            report = ExportReport(exporter.name)
            artifacts += exporter.export(cur, out, report)
            reports.append(report)
        path = out / "downloads" / "quiz" / "export-report.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([r.to_json() for r in reports], ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        (path.with_suffix(".txt")).write_text("\n".join(line for r in reports for line in r.lines()) + "\n",
                                              encoding="utf-8")
        paths = [a.path for a in artifacts] + [p.relative_to(out).as_posix() for p in (path, path.with_suffix(".txt"))]
        return paths, {"artifacts": [dataclasses.asdict(a) for a in artifacts],
                       "totals": [r.lines()[0] for r in reports]}

    summary = cache.files(out, lambda fp: ("quiz-banks", fp.shared, fp.quiz_banks), make)
    for line in summary["totals"]:
        progress(line)
    return [Artifact(**a) for a in summary["artifacts"]]


def wait_for_site(mkdocs: MkDocsProcess, books: Future | None) -> None:
    """Wait for MkDocs; books that failed meanwhile are reported at once, not once the site is built."""
    while books is not None and mkdocs.process.poll() is None:
        try:
            failed = books.exception(timeout=0.02)
        except TimeoutError:
            continue
        if failed is not None:
            books.result()  # raises the books' error
        break
    mkdocs.wait()


def wanted(fmt: str, formats: list[str] | None) -> bool:
    """Formats asked for with --only (none given: all); `--only none` builds the site alone."""
    return not formats or fmt in formats


def build_all(root: Path, strict: bool = False, formats: list[str] | None = None, out: Path | None = None,
              jobs: int | None = None, cache: bool = True, force: bool = False,
              state: tuple[bool, str, str] | None = None) -> int:
    """Validate, then build the site and the exports into `out` (default site/).

    With `cache` (the default) an unchanged project is not rebuilt at all, and each export whose inputs did
    not change comes from build/cache/; `force` rebuilds even when nothing changed; `jobs` caps the parallel
    processes (pandoc, exporters), by default one per core; `state` is build_state.check's answer when the
    caller asked it already (the sources it hashed are the ones built)."""
    started = time.monotonic()
    root = root.resolve()
    target = (out or root / "site").resolve()
    work = root / "build"
    fresh, toolchain, key = state or build_state.check(root, target, strict, formats)
    if cache and not force and fresh:
        progress(f"nothing changed since the last build: {target} is up to date")
        return 0
    # MkDocs starts now, in a process of its own, and imports itself (and loads the last build's configuration)
    # while the sources are validated
    mkdocs = MkDocsProcess(work / GENERATED_CONFIG)
    progress("validating sources")
    try:
        # the sources are loaded; the checks go on in a process of their own while the pages are written
        checks = BackgroundChecks(root, processes=jobs)
    except BaseException:
        mkdocs.stop()
        raise
    if not checks.in_background and stopped_by(checks.result().report, strict):  # a file did not load
        mkdocs.stop()
        return 1
    cur = checks.loaded.curriculum
    try:
        store = BuildCache(work / "cache") if cache else None
        exports = work / "exports"
        published = target if cache and not force else None  # what the last build published may be reused
        downloads = PublishedDownloads(work, exports, published) if store else None
        export_cache = ExportCache(store, SourceFingerprints(root, cur, toolchain), downloads) if store else NO_CACHE
        staging = target.with_name(target.name + ".building")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        artifacts: list[Artifact] = []
        if exports.exists():
            shutil.rmtree(exports)
        site = SiteExporter(root, work)
        if published is not None:
            site.preload(published, staging)
    except BaseException:
        checks.stop()
        mkdocs.stop()
        raise
    try:
        scorm, epub = ScormExporter(root, work), EpubExporter(root, work)
        planned = ((scorm.plan(cur) if wanted("scorm", formats) else [])
                   + (epub.plan(cur, exports) if wanted("epub", formats) else []))
        with ThreadPoolExecutor(max_workers=1) as background:
            # three things at once: pandoc (in its own processes) makes the books, MkDocs builds the site in
            # its own process, and this thread packages SCORM; the pages' download sizes are filled in last.
            # MkDocs, the longest single task, gets its work first, while the sources are still checked: the
            # quiz banks and ELM come before the pages (the pages say what each format carried over), and the
            # books only after them. The books need Python for their documents, and a thread making them while
            # the pages were written took half this process's time: MkDocs started 5 s later (about 3 s more
            # for the whole build).
            early = None
            with progress_held():
                try:
                    if wanted("quiz", formats):
                        progress("building quiz banks: Moodle XML, GIFT and H5P")
                        artifacts += export_quiz_banks(cur, exports, export_cache)
                    if wanted("elm", formats) and cur.certification:
                        progress("describing the programme and its modules in the European Learning Model "
                                 "(JSON-LD)")
                        artifacts += ElmExporter().export(cur, exports)
                    site.start(cur, staging, planned + artifacts, published=published,
                               toolchain=toolchain, process=mkdocs)
                    progress(f"building the site in {len(cur.languages)} languages ({', '.join(cur.languages)}), "
                             "in its own process" if site.rebuilt is None else
                             f"rebuilding the {site.rebuilt} page source(s) of the site that changed "
                             f"({', '.join(site.languages)}), in its own process")
                except Exception as exc:  # noqa: BLE001 - sources the checks find wrong are reported as such
                    early = exc
                if checks.in_background and stopped_by(checks.result().report, strict):
                    raise BuildStopped
                release_progress()
            if early is not None:
                raise early
            books = None
            if wanted("epub", formats):
                progress(f"building EPUBs: {len(cur.modules)} modules and the programme x {len(cur.languages)} "
                         "languages (in the background)")
                books = background.submit(epub.export, cur, exports, jobs=jobs, cache=export_cache)
            if wanted("scorm", formats):
                progress(f"building SCORM 1.2 and 2004 packages: {len(cur.modules)} modules x {len(cur.languages)} "
                         "languages")
                artifacts += scorm.export(cur, exports, cache=export_cache)
                progress("SCORM packages done")
            # the site's pages are finished (its search indexes split) while the last books are written
            wait_for_site(mkdocs, books)
            progress("site pages done")
            site.finish_pages(cur, staging)
            if books is not None:
                artifacts += books.result()
                progress("EPUBs done")
        fill_sizes(staging, artifacts)
        if exports.exists():  # MkDocs empties its output folder, so downloads join the site afterwards
            # as second names of the files in build/exports, which is removed at the start of every build and
            # whose files are only ever written anew, never in place
            shutil.copytree(exports, staging, dirs_exist_ok=True, copy_function=link_or_copy)
    except BuildStopped:
        mkdocs.stop()
        site.stop()
        shutil.rmtree(staging, ignore_errors=True)
        return 1
    except (SiteBuildError, ScormExportError, EpubExportError) as exc:
        mkdocs.stop()
        site.stop()
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: {exc}", file=sys.stderr)
        progress("build failed; the previous site/ is unchanged")
        return 1
    except BaseException:
        checks.stop()
        mkdocs.stop()
        site.stop()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    publish(staging, target)
    site.record(target)
    if downloads is not None:
        downloads.record(target)
    if store is not None:
        if not formats:
            store.prune()  # a complete build used every entry still needed
        progress(f"export cache: {store.hits} reused, {store.misses} built")
        build_state.record_build(work, target, key)
    progress(f"site built in {time.monotonic() - started:.1f} s: {target}")
    return 0


def export_only(root: Path, fmt: str, out: Path, languages: list[str] | None = None) -> int:
    """`oerkit export FORMAT`: validate, then write one format's files into `out`."""
    result = validate_project(root)
    if result.report.items:
        print(result.report.render("text"), file=sys.stderr)
    if result.report.errors:
        progress("export stopped: the sources have errors")
        return 1
    cur = result.curriculum
    if languages:
        unknown = [lang for lang in languages if lang not in cur.languages]
        if unknown:
            print(f"error: unknown language(s) {', '.join(unknown)} (declared: {', '.join(cur.languages)})", file=sys.stderr)
            return 2
    work = root / "build"
    try:
        if fmt == "scorm":
            artifacts = ScormExporter(root, work).export(cur, out, languages)
        elif fmt == "epub":
            artifacts = EpubExporter(root, work).export(cur, out, languages)
        else:
            artifacts = export_quiz_banks(cur, out)
    except (ScormExportError, EpubExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    progress(f"{len(artifacts)} file(s) written to {out}")
    return 0
