"""`oerkit build`: validate, then build the site (and, as they land, every export) into site/.

Everything is built into a staging folder first; site/ is replaced only when the whole build
succeeded, so a failed build leaves the previous site in place and nothing half-written is published.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from .export import Artifact
from .export.epub import EpubExporter, EpubExportError
from .export.scorm import ScormExporter, ScormExportError
from .export.site.exporter import SiteBuildError, SiteExporter
from .validate import validate_project


def progress(message: str) -> None:
    print(f"[oerkit] {message}", file=sys.stderr, flush=True)


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


def wanted(fmt: str, formats: list[str] | None) -> bool:
    return not formats or fmt in formats


def build_all(root: Path, strict: bool = False, formats: list[str] | None = None, out: Path | None = None) -> int:
    started = time.monotonic()
    progress("validating sources")
    result = validate_project(root)
    report = result.report
    if report.items:
        print(report.render("text"), file=sys.stderr)
    if report.errors or (strict and report.warnings):
        progress(f"build stopped: {len(set(report.errors))} error(s), {len(set(report.warnings))} warning(s); "
                 "the previous site/ is unchanged")
        return 1
    cur = result.curriculum
    target = out or root / "site"
    work = root / "build"
    staging = target.with_name(target.name + ".building")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    artifacts: list[Artifact] = []
    exports = work / "exports"
    if exports.exists():
        shutil.rmtree(exports)
    try:
        if wanted("scorm", formats):
            progress(f"building SCORM 1.2 and 2004 packages: {len(cur.modules)} modules x {len(cur.languages)} languages")
            artifacts += ScormExporter(root, work).export(cur, exports)
        if wanted("epub", formats):
            progress(f"building EPUBs: {len(cur.modules)} modules and the programme x {len(cur.languages)} languages")
            artifacts += EpubExporter(root, work).export(cur, exports)
        progress(f"building the site in {len(cur.languages)} languages ({', '.join(cur.languages)})")
        SiteExporter(root, work).export(cur, staging, artifacts)
        if exports.exists():  # MkDocs empties its output folder, so downloads join the site afterwards
            shutil.copytree(exports, staging, dirs_exist_ok=True)
    except (SiteBuildError, ScormExportError, EpubExportError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: {exc}", file=sys.stderr)
        progress("build failed; the previous site/ is unchanged")
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    publish(staging, target)
    progress(f"site built in {time.monotonic() - started:.1f} s: {target}")
    return 0
