"""`oerkit validate`: load everything, then run every cross-check; one report for all problems."""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from pathlib import Path

from .check_cache import CheckCache
from .checks.context import CheckContext
from .checks.languages import check_languages
from .checks.markdown import check_module_pages
from .checks.quiz_items import check_quiz_items
from .checks.references import check_references
from .checks.structure import check_alignment, check_prerequisite_cycles
from .checks.termbase import check_termbase
from .checks.tools_data import (check_city_dynamics, check_information_portal, check_maturity_model,
                                 check_risk_questionnaire)
from .credentials.checks import check_certification
from .load import LoadResult, load_project

CHECKS = (check_references, check_prerequisite_cycles, check_alignment, check_languages, check_quiz_items,
          check_module_pages, check_termbase, check_maturity_model,
          check_information_portal, check_city_dynamics, check_risk_questionnaire, check_certification)


def run_checks(result: LoadResult, cache: CheckCache) -> None:
    """Every cross-check of a loaded project, its findings added to `result.report`."""
    ctx = CheckContext(result, cache)
    for check in CHECKS:
        check(ctx)
    cache.save()


def validate_project(root: Path) -> LoadResult:
    """Every problem of the project at `root`; results that depend on one unchanged file alone come from
    build/check-cache.pickle (check_cache.py)."""
    cache = CheckCache(root.resolve())
    result = load_project(root, cache)
    run_checks(result, cache)
    return result


class BackgroundChecks:
    """validate_project, with the checks in a child process: the project is loaded here, then a fork of this
    process runs the checks while this one goes on with what needs only the loaded curriculum (the build
    writes the site's pages and starts MkDocs meanwhile). `result()` waits for the checks and gives the
    LoadResult as validate_project gives it, findings in the same order. The checks only read the model,
    so the child sends back its findings alone.

    The checks run here, at once, with `processes` 1 (one core, or the build's --jobs 1), where there is no
    fork (not POSIX) and when a file did not load (the build stops then, and a partly loaded curriculum is
    not worth building from)."""

    def __init__(self, root: Path, processes: int | None = None):
        cache = CheckCache(root.resolve())
        cache.jobs = processes
        self.loaded = load_project(root, cache)
        self.pid: int | None = None
        if self.loaded.report.errors or not hasattr(os, "fork") or (processes or os.cpu_count() or 1) < 2:
            run_checks(self.loaded, cache)
            return
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check, send the findings, and end without running the parent's exit code
            os.close(reader)
            status = 0
            # in this process alone: the build goes on in the other, and every process forked from this one
            # would hold (and count in the build's memory) all the loaded project again
            cache.jobs = 1
            try:
                found = len(self.loaded.report.items)
                run_checks(self.loaded, cache)
                answer = ("findings", self.loaded.report.items[found:])
            except BaseException:  # noqa: BLE001 - whatever it is, the parent reports it
                answer, status = ("failure", traceback.format_exc()), 1
            try:
                with os.fdopen(writer, "wb") as out:
                    pickle.dump(answer, out, protocol=5)
            finally:
                os._exit(status)
        os.close(writer)
        self.pid, self.reader = pid, os.fdopen(reader, "rb")

    @property
    def in_background(self) -> bool:
        return self.pid is not None

    def result(self) -> LoadResult:
        if self.pid is not None:
            data = self.reader.read()
            self.reader.close()
            os.waitpid(self.pid, 0)
            self.pid = None
            kind, value = pickle.loads(data) if data else ("failure", "the checks' process ended without an answer")
            if kind == "failure":
                raise RuntimeError(f"the checks failed in their process:\n{value}")
            self.loaded.report.items.extend(value)
        return self.loaded

    def stop(self) -> None:
        """End the checks' process, if it still runs."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.reader.close()
            self.pid = None
