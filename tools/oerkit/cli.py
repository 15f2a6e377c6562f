"""The `oerkit` command: one sub-command per task an author or a build runs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .credentials.cli import add_parsers as add_credential_parsers
from .evaluation.cli import add_parsers as add_evaluate_parser


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args) -> int:
    from .validate import validate_project
    if args.changed or args.base:
        from .changed import ChangedError, validate_changed
        try:
            report = validate_changed(_root(args), args.base)
        except ChangedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        report = validate_project(_root(args)).report
    out = report.render(args.format)
    if out:
        print(out)
    n_err, n_warn = len(set(report.errors)), len(set(report.warnings))
    if args.format == "text":
        print(f"{n_err} error(s), {n_warn} warning(s)", file=sys.stderr)
    if n_err or (args.strict and n_warn):
        return 1
    return 0


def cmd_stats(args) -> int:
    from .stats import compute_stats, format_stats
    from .validate import validate_project
    result = validate_project(_root(args))
    stats = compute_stats(result.curriculum)
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.json else format_stats(stats))
    return 0


def cmd_i18n_status(args) -> int:
    from .i18n import format_status, translation_status
    from .load import load_project
    result = load_project(_root(args))
    status = translation_status(result)
    print(json.dumps(status, ensure_ascii=False, indent=2) if args.json else format_status(status))
    return 0


def cmd_i18n_stale(args) -> int:
    from .i18n import format_stale, stale_translations
    from .load import load_project
    entries = stale_translations(load_project(_root(args)), args.lang or None)
    print(json.dumps(entries, ensure_ascii=False, indent=2) if args.json else format_stale(entries))
    return 0


def cmd_i18n_mark(args) -> int:
    from .i18n import mark_translations
    from .load import load_project
    result = load_project(_root(args))
    changed = mark_translations(result, args.lang, args.paths)
    for line in changed:
        print(line)
    print(f"recorded the source of {len(changed)} translation(s)", file=sys.stderr)
    return 0


def cmd_new(args) -> int:
    from .scaffold import run_new
    return run_new(_root(args), args)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{value}'")
    return int(value)


def cmd_build(args) -> int:
    from .build_state import check
    root = _root(args).resolve()
    target = (args.out or root / "site").resolve()
    state = None
    if not (args.no_cache or args.force):
        state = check(root, target, args.strict, args.only)
        if state[0]:  # answered before the exporters are even imported
            print(f"[oerkit] nothing changed since the last build: {target} is up to date", file=sys.stderr)
            return 0
    from .build import build_all
    return build_all(_root(args), strict=args.strict, formats=args.only, out=args.out, jobs=args.jobs,
                     cache=not args.no_cache, force=args.force, state=state)


def cmd_export(args) -> int:
    from .build import export_only
    return export_only(_root(args), args.format, Path(args.out).resolve(), args.lang)


def cmd_serve(args) -> int:
    from .serve import serve
    return serve(_root(args), args.dev_addr)


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="oerkit", description="Publish a curriculum as open educational resources.")
    p.add_argument("--version", action="version", version=f"oerkit {__version__}")
    p.add_argument("--root", default=".", help="project folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check every source file and report all problems with file:line:column")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    v.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="text (default), json, or github (workflow annotations)")
    v.add_argument("--changed", action="store_true",
                   help="only the files changed against the base branch (committed on this branch, staged, "
                        "unstaged or untracked) and the files that depend on them, e.g. the modules and quiz "
                        "items citing a changed outcome; the whole model is still loaded for cross-file rules, "
                        "and a change to the programme, competences, termbase or toolchain checks everything")
    v.add_argument("--base", metavar="REF", help="the branch or commit to compare with (implies --changed; "
                   "default: the first of origin/main, main, origin/master, master that exists)")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="start a module, a learning outcome or a quiz bank from a commented template")
    nsub = n.add_subparsers(dest="new_command", required=True)
    nm = nsub.add_parser("module", help="a module folder with module.yaml, a first page and its outcomes file, "
                         "listed in its programme group")
    nm.add_argument("id", help="the module id, e.g. T6")
    nm.add_argument("--title", required=True, help="the title in the default language")
    nm.add_argument("--group", help="the programme group (default: the group that already lists the id, or whose "
                    "id starts it: T for T6)")
    nm.add_argument("--author", help="your name, as it should appear in the module")
    no = nsub.add_parser("outcome", help="the module's next learning outcome, added to its outcomes file and module")
    no.add_argument("module", help="the module id")
    no.add_argument("--statement", help="what the learner can do, starting with one observable verb")
    no.add_argument("--bloom", default="understand", help="Bloom level of the verb: remember, understand (default), "
                    "apply, analyse, evaluate or create")
    nq = nsub.add_parser("quiz", help="the module's quiz bank, with example items to fill in")
    nq.add_argument("module", help="the module id")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("stats", help="counts of groups, modules, outcomes, quiz items, hours, words")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    i = sub.add_parser("i18n", help="translation status and workflow")
    isub = i.add_subparsers(dest="i18n_command", required=True)
    st = isub.add_parser("status", help="per language: translated, missing and stale texts")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_i18n_status)
    sl = isub.add_parser("stale", help="what changed in English since each translation was made, with the diff")
    sl.add_argument("--lang", action="append", help="only this language (repeatable)")
    sl.add_argument("--json", action="store_true")
    sl.set_defaults(func=cmd_i18n_stale)
    mk = isub.add_parser("mark", help="record that translations are up to date with their current source")
    mk.add_argument("lang")
    mk.add_argument("paths", nargs="*", help="only these files (default: every translation in that language)")
    mk.set_defaults(func=cmd_i18n_mark)

    b = sub.add_parser("build", help="validate, then build the site and every export into site/")
    b.add_argument("--strict", action="store_true", help="fail on validation warnings too")
    b.add_argument("--only", action="append", help="build only this format (repeatable)")
    b.add_argument("--out", type=Path, help="the folder to build into (default: site/ in the project)")
    b.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help="parallel pandoc processes and exporters (default: one per core)")
    b.add_argument("--no-cache", action="store_true", help="build every export afresh, ignoring and not writing "
                   "build/cache/ (the result is the same, byte for byte; it only takes longer)")
    b.add_argument("--force", action="store_true", help="build even when nothing changed since the last build "
                   "(exports still come from the cache when their inputs are unchanged)")
    b.set_defaults(func=cmd_build)

    ex = sub.add_parser("export", help="write one export format (scorm, epub, quiz) without building the site")
    ex.add_argument("format", choices=("scorm", "epub", "quiz"))
    ex.add_argument("--out", default="build/exports", help="output folder (default: build/exports)")
    ex.add_argument("--lang", action="append", help="only this language (repeatable)")
    ex.set_defaults(func=cmd_export)

    sv = sub.add_parser("serve", help="build the site and rebuild it whenever a source file changes")
    sv.add_argument("--dev-addr", default="127.0.0.1:8000")
    sv.set_defaults(func=cmd_serve)
    add_evaluate_parser(sub)
    add_credential_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
