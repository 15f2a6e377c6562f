"""`oerkit evaluate`: course results (+ per-item responses) in, an evaluation report for trainers out."""

from __future__ import annotations

import sys
from pathlib import Path

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"


def add_parsers(sub) -> None:
    e = sub.add_parser("evaluate", help="a report for trainers from course results and quiz responses (HTML, PDF)",
                       description="Completion and pass rates per module, outcome mastery, item analysis of the "
                       "quizzes and time spent, as an HTML report (and PDF) with learners anonymised.")
    e.add_argument("--results", required=True, metavar="CSV",
                   help="course results: the generic CSV format or a Moodle gradebook export (see README)")
    e.add_argument("--responses", metavar="CSV",
                   help="per-item responses: the generic CSV format or Moodle's SCORM interactions report")
    e.add_argument("--out", required=True, metavar="DIR", help="folder for report.html (and report.pdf)")
    e.add_argument("--lang", help="language of the report (default: the programme's default language)")
    e.add_argument("--pdf", action="store_true", help="also write report.pdf (needs WeasyPrint)")
    who = e.add_mutually_exclusive_group()
    who.add_argument("--no-anonymise", action="store_true", help="show learners' names instead of pseudonyms")
    who.add_argument("--salt", help="secret for the pseudonyms (default: the one saved in the report folder, "
                     "or a new random one saved there)")
    e.add_argument("--skip-invalid", action="store_true",
                   help="leave malformed rows out of the report instead of stopping")
    e.set_defaults(func=cmd_evaluate)


def _fatal(line: int) -> bool:
    # a problem with the file as a whole or its header: no row could be trusted, --skip-invalid or not
    return line <= 1


def _read_inputs(args, cur):
    """(results, responses or None, rows skipped per file), or None when the command must stop. Every problem
    is printed with its file and line."""
    from ..credentials.results import read_results
    from .responses import read_responses

    results = read_results(Path(args.results), cur)
    for note in results.notes:
        print(f"note: {results.format_problem(note)}", file=sys.stderr)
    fatal = False
    for p in results.problems:
        print(f"error: {results.format_problem(p)}", file=sys.stderr)
        fatal = fatal or _fatal(p.line)
    skipped = {"skipped_results": len({p.line for p in results.problems}), "skipped_responses": 0}
    responses = None
    if args.responses:
        responses = read_responses(Path(args.responses), cur.quizzes, args.responses)
        for d in responses.problems.sorted():
            print(d.format_text(), file=sys.stderr)
            fatal = fatal or _fatal(d.line)
        skipped["skipped_responses"] = len({d.line for d in responses.problems.items})
    problems = sum(skipped.values())
    if fatal or (problems and not args.skip_invalid):
        hint = "" if fatal else "; fix them or leave the rows out with --skip-invalid"
        print(f"{problems} row(s) with problems: no report written{hint}", file=sys.stderr)
        return None
    if problems:
        print(f"{problems} row(s) with problems left out of the report (--skip-invalid)", file=sys.stderr)
    return results, responses, skipped


def _labels(args, out: Path, results, ids: set[str]) -> tuple[dict[str, str], Path | None]:
    """How the report names each learner, and the salt file used (None with --salt or --no-anonymise)."""
    from .anonymise import pseudonyms, report_salt

    if args.no_anonymise:
        names = {lrn.id: f"{lrn.name} ({lrn.id})" if lrn.name else lrn.id for lrn in results.learners}
        return {i: names.get(i, i) for i in ids}, None
    salt, salt_file = report_salt(out, args.salt)
    return pseudonyms(ids, salt), salt_file


def cmd_evaluate(args) -> int:
    from ..load import load_project
    from .cohort import summarise
    from .item_analysis import analyse_quiz
    from ..credentials.certificate import RendererMissing
    from .report import ReportData, render_html, write_pdf

    root = Path(args.root).resolve()
    loaded = load_project(root)
    cur = loaded.curriculum
    if cur.programme is None:
        print(f"error: {root} is not an oerkit project (no curriculum/programme.yaml); use --root", file=sys.stderr)
        return 1
    if loaded.report.errors:
        print(f"warning: the project has {len(loaded.report.errors)} error(s) (see oerkit validate); the report uses "
              "what could be read", file=sys.stderr)
    lang = args.lang or cur.default_language
    if lang not in cur.languages:
        print(f"error: unknown language '{lang}' (the programme's languages: {', '.join(cur.languages)})",
              file=sys.stderr)
        return 1
    inputs = _read_inputs(args, cur)
    if inputs is None:
        return 1
    results, responses, counts = inputs

    by_module = responses.by_module() if responses else {}
    in_order = [m.id for m in cur.modules_in_order() if m.id in by_module]
    in_order += sorted(set(by_module) - set(in_order))  # quiz banks of modules the project does not list
    analyses = [analyse_quiz(cur.quizzes[mid], by_module[mid]) for mid in in_order]
    ids = {lrn.id for lrn in results.learners} | {lid for by_learner in by_module.values() for lid in by_learner}
    counts.update(learners=len(results.learners), responses=len(responses.responses) if responses else 0)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        labels, salt_file = _labels(args, out, results, ids)
        data = ReportData(cur, summarise(cur, results, by_module), analyses, labels, not args.no_anonymise,
                          responses is not None, counts)
        html = render_html(data, lang)
        (out / REPORT_HTML).write_text(html, encoding="utf-8")
        written = [out / REPORT_HTML]
        if args.pdf:
            try:
                write_pdf(html, out / REPORT_PDF)
            except RendererMissing as e:
                print(f"error: {e}; report.html was written", file=sys.stderr)
                return 1
            written.append(out / REPORT_PDF)
    except OSError as e:
        print(f"error: cannot write the report in {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if salt_file is not None:
        print(f"pseudonyms made with the salt in {salt_file}: keep that file private and do not share it with "
              "the report", file=sys.stderr)
    return 0
