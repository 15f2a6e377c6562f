"""`oerkit validate --changed`: check what a branch changed and the files that depend on it, fast enough
for a pre-commit hook.

Changed files are those of `git diff <base>...HEAD` (the branch's commits since it left the base), plus
staged, unstaged and untracked files. Each changed file pulls in the files whose messages it can change:
an outcomes file -> the modules, activities and quiz items citing its outcomes; a module (its module.yaml,
a page, a translation or a medium) -> its pages and translations, and for module.yaml its quiz bank, the
files of its outcomes, the modules that need it first, the glossary entries that name it and the programme;
a quiz bank -> its module and the files of the outcomes it assesses. Files citing an id that no file
defines any more (just removed or renamed) are selected as well. A change to the programme, the competence framework, the termbase or
the toolchain, or a deleted source file, affects every file: then the whole project is checked.

Cross-file rules need the whole model, so everything is loaded and the cross-checks run in full; the
checks that read one file at a time (module pages, termbase) run over the selected files only. Only
diagnostics located in the selected files are reported.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from .checks.context import CheckContext
from .checks.markdown import check_module_pages
from .checks.termbase import TERMBASE, check_termbase
from .diagnostics import Report
from .load import KIND_PATTERNS, SOURCE_DIRS, LoadResult, load_project, rel
from .validate import CHECKS

DEFAULT_BASES = ("origin/main", "main", "origin/master", "master")
GLOBAL_KINDS = {"programme", "framework"}  # every other file refers to these
TOOLCHAIN = "tools/oerkit/"  # the validator and the schemas themselves
PER_FILE_CHECKS = (check_module_pages, check_termbase)  # these run over the selected files only


class ChangedError(Exception):
    """No usable git history: the message says why and what to do."""


def _git(root: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise ChangedError("--changed needs git, which is not installed") from None
    if proc.returncode != 0:
        raise ChangedError(f"git {' '.join(args)} failed: {proc.stderr.strip() or proc.returncode}")
    return proc.stdout


def resolve_base(root: Path, base: str | None) -> str:
    try:
        _git(root, "rev-parse", "--show-toplevel")
    except ChangedError:
        raise ChangedError(f"--changed compares with git history, but {root} is not in a git repository; "
                           "run `oerkit validate` without --changed") from None
    for candidate in [base] if base else DEFAULT_BASES:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
            return candidate
        except ChangedError:
            continue
    if base:
        raise ChangedError(f"the base '{base}' is not a branch, tag or commit of this repository "
                           "(try `git fetch origin` or --base origin/main)")
    raise ChangedError(f"none of the usual base branches exists ({', '.join(DEFAULT_BASES)}); "
                       "name the one to compare with: --base BRANCH")


def changed_paths(root: Path, base: str) -> list[str]:
    """Files changed on this branch since it left `base`, plus uncommitted and untracked files."""
    names: set[str] = set()
    for args in (("diff", "--name-only", "--no-renames", "-z", "--relative", f"{base}...HEAD"),
                 ("diff", "--name-only", "--no-renames", "-z", "--relative", "HEAD"),
                 ("ls-files", "--others", "--exclude-standard", "-z")):
        names |= {n for n in _git(root, *args).split("\0") if n}
    return sorted(names)


def is_source(path: str) -> bool:
    """A file the validator reads, or the validator itself."""
    return path.split("/", 1)[0] in SOURCE_DIRS or path == TERMBASE or path.startswith(TOOLCHAIN)


def kind_of(path: str) -> str | None:
    return next((kind for pattern, kind in KIND_PATTERNS if fnmatch.fnmatch(path, pattern)), None)


@dataclass
class Selection:
    changed: list[str]          # changed source files
    files: set[str] | None      # the files to report on; None: the whole project
    reason: str = ""            # why the whole project is checked


def select_files(result: LoadResult, changed: list[str]) -> Selection:
    """The changed source files and the files whose diagnostics they can change."""
    cur = result.curriculum
    root = cur.root
    sources = [p for p in changed if is_source(p)]
    for path in sources:
        if path == TERMBASE or path.startswith(TOOLCHAIN) or kind_of(path) in GLOBAL_KINDS:
            return Selection(sources, None, f"{path} changed, and every file depends on it")
        if not (root / path).exists():
            return Selection(sources, None, f"{path} was deleted or renamed, so references to it may break")

    outcome_file = {oid: o.source.file for oid, o in cur.outcomes.items()}
    module_of_folder = {rel(root, m.folder): m for m in cur.modules.values()}
    taught = {m.source.file: set(m.outcomes) | {o for a in m.activities for o in a.outcomes}
              for m in cur.modules.values()}
    assessed = {b.source.file: {o for item in b.items for o in item.outcomes} for b in cur.quizzes.values()}
    needs = {m.source.file: set(m.prerequisites) for m in cur.modules.values()}
    names = {t.source.file: set() for t in cur.glossary.values()}
    for term in cur.glossary.values():
        names[term.source.file] |= set(term.modules)
    banks = {b.source.file: {b.module} for b in cur.quizzes.values()}
    # ids cited but defined nowhere: a changed file may have just removed or renamed them
    lost_outcomes = set().union(*taught.values(), *assessed.values()) - set(cur.outcomes)
    lost_modules = set().union(*needs.values(), *names.values(), *banks.values()) - set(cur.modules)

    def citing(index: dict[str, set], ids: set) -> set[str]:
        return {file for file, cited in index.items() if cited & ids}

    selected: set[str] = set(sources)
    for path in sources:
        kind = kind_of(path)
        folder = "/".join(path.split("/")[:2])
        if kind == "outcomes":
            ids = {oid for oid, file in outcome_file.items() if file == path} | lost_outcomes
            selected |= citing(taught, ids) | citing(assessed, ids)
        elif kind == "quiz":
            mod = next((cur.modules[m] for m in banks.get(path, set()) if m in cur.modules), None)
            ids = assessed.get(path, set()) | (set(mod.outcomes) if mod else set())
            selected |= {outcome_file[o] for o in ids if o in outcome_file}
            if mod is not None:
                selected.add(mod.source.file)
        elif folder in module_of_folder:  # module.yaml, a page, a translation or a medium of a module
            mod = module_of_folder[folder]
            selected |= {mod.source.file} | {rel(root, p) for p in mod.folder.glob("*.md")}
            if kind == "module":
                ids = {mod.id} | lost_modules
                selected |= {outcome_file[o] for o in mod.outcomes if o in outcome_file}
                selected |= citing(needs, ids) | citing(names, ids) | citing(banks, ids)
                if cur.programme:
                    selected.add(cur.programme.source.file)
    return Selection(sources, selected)


def scoped(result: LoadResult, files: set[str]) -> LoadResult:
    """The same model, with only the selected files' documents and pages, for the per-file checks."""
    cur = result.curriculum
    modules = {}
    for mid, mod in cur.modules.items():
        if mod.source.file in files:
            modules[mid] = mod
        else:
            pages = [p for p in mod.pages if {rel(cur.root, p.path), *(rel(cur.root, t) for t in p.translations.values())}
                     & files]
            modules[mid] = replace(mod, pages=pages)
    documents = {f: doc for f, doc in result.documents.items() if f in files}
    return LoadResult(replace(cur, modules=modules), result.report, documents, result.not_loaded)


def validate_changed(root: Path, base: str | None) -> Report:
    """Validate the files changed against `base` and the files that depend on them; say what was checked."""
    base = resolve_base(root, base)
    changed = changed_paths(root, base)
    if not any(is_source(p) for p in changed):
        print(f"no source file changed against {base}: nothing to check", file=sys.stderr)
        return Report()
    result = load_project(root)
    selection = select_files(result, changed)
    ctx = CheckContext(result)
    if selection.files is None:
        print(f"checking the whole project: {selection.reason}", file=sys.stderr)
        for check in CHECKS:
            check(ctx)
        return result.report
    narrow = CheckContext(scoped(result, selection.files))
    for check in CHECKS:
        check(narrow if check in PER_FILE_CHECKS else ctx)
    report = Report([d for d in result.report.items if d.file in selection.files])
    print(f"checked {len(selection.changed)} file(s) changed against {base} and "
          f"{len(selection.files) - len(selection.changed)} that depend on them", file=sys.stderr)
    return report
