"""`oerkit validate`: load everything, then run every cross-check; one report for all problems."""

from __future__ import annotations

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


def validate_project(root: Path) -> LoadResult:
    """Every problem of the project at `root`; results that depend on one unchanged file alone come from
    build/check-cache.pickle (check_cache.py)."""
    cache = CheckCache(root.resolve())
    result = load_project(root, cache)
    ctx = CheckContext(result, cache)
    for check in CHECKS:
        check(ctx)
    cache.save()
    return result
