"""The `oerkit keys new` and `oerkit certify` commands (registered by oerkit.cli with add_parsers)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _curriculum(root: Path, validate: bool):
    """The curriculum with its certification, or an error message."""
    if validate:
        from ..validate import validate_project
        result = validate_project(root)
    else:
        from ..load import load_project
        result = load_project(root)
    errors = result.report.errors
    if errors:
        print(result.report.render("text"), file=sys.stderr)
        return None, "the sources have errors (see above); fix them first"
    cur = result.curriculum
    if cur.certification is None:
        return None, ("curriculum/certification.yaml is missing: it holds the credential's facts and the "
                      "certification rule (see README.md, Certification)")
    return cur, None


def cmd_keys_new(args) -> int:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .keys import (KeyFileError, default_private_key_path, guard_with_gitignore, public_multikey, work_tree_of,
                       write_private_key, write_public_key)
    root = Path(args.root).resolve()
    cur, problem = _curriculum(root, validate=False)
    if problem:
        return _error(problem)
    out = Path(args.out).expanduser().resolve() if args.out else default_private_key_path(cur.programme.id)
    tree = work_tree_of(out, root)
    if tree and not args.force:
        return _error(f"{out} is inside {tree}: the private key must stay out of the repository. Keep the default "
                      f"({default_private_key_path(cur.programme.id)}) or another folder, or add --force to write it "
                      "there anyway (it is then added to .gitignore)")
    public = root / cur.certification.public_key_file
    if public.exists() and not args.replace:
        return _error(f"{cur.certification.public_key_file} already holds the issuer's public key; add --replace to "
                      "make a new key pair (credentials issued with the old key will no longer verify on the site)")
    key = Ed25519PrivateKey.generate()
    try:
        write_private_key(key, out)
    except KeyFileError as exc:
        return _error(str(exc))
    if tree and guard_with_gitignore(tree, out):
        print(f"added {out.relative_to(tree)} to {tree / '.gitignore'}", file=sys.stderr)
    write_public_key(public, public_multikey(key))
    print(f"private key: {out} (readable by you only; back it up safely, never commit it)")
    print(f"public key:  {cur.certification.public_key_file} (commit it; the site publishes it in the issuer profile)")
    print("next: rebuild and publish the site, then issue credentials with `oerkit certify RESULTS.csv --out DIR`")
    return 0


def cmd_certify(args) -> int:
    from .certify import CertifyError, Options, certify, placeholder_warning
    from .keys import default_private_key_path, work_tree_of
    root = Path(args.root).resolve()
    try:
        issued = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        return _error(f"--date {args.date}: use the form YYYY-MM-DD")
    if not args.dry_run and not args.out:
        return _error("say where the certificates go with --out DIR (or check the results first with --dry-run)")
    results = Path(args.results).resolve()
    if not results.is_file():
        return _error(f"{args.results}: no such file")
    cur, problem = _curriculum(root, validate=True)
    if problem:
        return _error(problem)
    placeholder_warning(cur)
    out = Path(args.out).resolve() if args.out else None
    if out and work_tree_of(out, root):
        print(f"warning: {out} is inside the repository; certificates and the report hold learners' personal data, "
              "so keep them out of version control", file=sys.stderr)
    key = Path(args.key).expanduser().resolve() if args.key else default_private_key_path(cur.programme.id)
    try:
        report, status = certify(cur, Options(results, out, key, issued, args.lang, args.skip_invalid, args.dry_run))
    except CertifyError as exc:
        return _error(str(exc))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.to_text(), end="")
    if status and report.fatal():
        print("nothing was issued: the results file itself has problems (see above); fix them first", file=sys.stderr)
    elif status:
        print("nothing was issued: the results file has problems (see above); fix them, or add --skip-invalid to "
              "issue credentials to the learners whose rows are sound", file=sys.stderr)
    elif out:
        print(f"{report.count('certified')} certified; files and cohort-report.txt/.json in {out}", file=sys.stderr)
    return status


def add_parsers(sub) -> None:
    k = sub.add_parser("keys", help="the credential issuer's signing key")
    ksub = k.add_subparsers(dest="keys_command", required=True)
    new = ksub.add_parser("new", help="create the issuer's Ed25519 key pair: the private key outside the repository, "
                                      "the public key in it (curriculum/certification.yaml: public_key)")
    new.add_argument("--out", help="where to write the private key (default: ~/.config/oerkit/<programme>-issuer-"
                                   "ed25519.pem); never inside the repository unless --force")
    new.add_argument("--force", action="store_true", help="allow a private key inside the repository (it is added to "
                                                          ".gitignore)")
    new.add_argument("--replace", action="store_true", help="replace an existing public key (old credentials then no "
                                                            "longer verify)")
    new.set_defaults(func=cmd_keys_new)

    c = sub.add_parser("certify", help="issue PDF certificates and signed Open Badges 3.0 to the learners whose "
                                       "results meet the certification rule, with a cohort report")
    c.add_argument("results", help="the course results as CSV: the generic format or Moodle's gradebook export")
    c.add_argument("--out", help="folder for the certificates, credentials and cohort report")
    c.add_argument("--key", help="the issuer's private key (default: where `oerkit keys new` puts it)")
    c.add_argument("--date", help="issue date YYYY-MM-DD (default: today); the same date reproduces the same files")
    c.add_argument("--lang", help="certificate language for learners whose language the results do not give "
                                  "(default: the programme's default language)")
    c.add_argument("--skip-invalid", action="store_true", help="issue to learners whose rows are sound even if "
                                                               "other rows are malformed")
    c.add_argument("--dry-run", action="store_true", help="report who meets the rule; write and sign nothing")
    c.add_argument("--json", action="store_true", help="print the cohort report as JSON")
    c.set_defaults(func=cmd_certify)
