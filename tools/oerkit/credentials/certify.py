"""`oerkit certify`: read the results, apply the rule, and issue a PDF certificate and a signed Open Badge to each
learner who meets it, with a cohort report. A file with malformed rows issues nothing unless skip_invalid is set,
and then only learners whose own rows are all sound get credentials."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model import Curriculum, text
from .badge import credential, credential_id, sign, site_root
from .certificate import RendererMissing, certificate_html, renderer, write_certificate
from .keys import KeyFileError, load_private_key, public_multikey, read_public_key
from .report import CohortReport, Entry
from .results import read_results
from .rule import evaluate, pass_mark, required_modules, required_outcomes


class CertifyError(Exception):
    """Certification cannot start; the message says why and what to do."""


@dataclass
class Options:
    results: Path
    out: Path | None
    key: Path | None
    issued: date
    lang: str | None = None  # the certificate language for learners whose language the results do not give
    skip_invalid: bool = False
    dry_run: bool = False


def rule_summary(cur: Curriculum) -> str:
    rule = cur.certification.rule
    modules = required_modules(cur)
    what = f"all {len(modules)} modules" if rule.modules is None else f"modules {', '.join(modules)}"
    if rule.pass_score is not None:
        mark = f"a score of at least {rule.pass_score:g}"
    else:
        marks = sorted({pass_mark(cur, m) for m in modules})
        mark = "each module's mastery score (" + ", ".join(f"{m:g}" for m in marks) + ")"
    parts = [f"pass {what} with {mark}"]
    if rule.min_average_score is not None:
        parts.append(f"an average of at least {rule.min_average_score:g}")
    outcomes = required_outcomes(cur)
    if outcomes:
        parts.append(f"achieve {len(outcomes)} learning outcome(s)")
    return "; ".join(parts)


def folder_name(learner_id: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", learner_id).strip("._") or "learner"
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name.lower())
    return name


def signing_key(cur: Curriculum, path: Path):
    cert = cur.certification
    published = read_public_key(cur.root / cert.public_key_file, cert.public_key_file)
    if published is None:
        raise CertifyError(f"{cert.public_key_file}: the issuer's public key is not there yet; create the key pair "
                           "with `oerkit keys new` and publish the site, so that credentials can be verified")
    key = load_private_key(path)
    if public_multikey(key) != published:
        raise CertifyError(f"{path}: this private key does not belong to the public key in {cert.public_key_file}; "
                           "credentials signed with it would not verify on the site")
    return key


def certify(cur: Curriculum, opts: Options) -> tuple[CohortReport, int]:
    """The report and the exit status (0: done; 1: the file has problems and nothing was issued)."""
    if cur.certification is None:
        raise CertifyError("curriculum/certification.yaml is missing: it holds the credential's facts and the "
                           "rule (see README.md, Certification)")
    if opts.lang and opts.lang not in cur.languages:
        raise CertifyError(f"unknown language '{opts.lang}' (the programme's languages: {', '.join(cur.languages)})")
    key = None
    if not opts.dry_run:
        try:
            key = signing_key(cur, opts.key)
            renderer()
        except (KeyFileError, RendererMissing) as exc:
            raise CertifyError(str(exc)) from None
    results = read_results(opts.results, cur)
    report = CohortReport(results, opts.issued.isoformat(), rule_summary(cur), dry_run=opts.dry_run)
    if report.fatal() or (results.problems and not opts.skip_invalid):
        report.entries = [Entry(lrn.id, lrn.name, "held-back", problems=results.problems_of(lrn.id))
                          for lrn in results.learners if results.problems_of(lrn.id)]
        return report, 1
    taken: set[str] = set()
    for learner in results.learners:
        problems = results.problems_of(learner.id)
        if problems:
            report.entries.append(Entry(learner.id, learner.name, "held-back", problems=problems))
            continue
        verdict = evaluate(cur, learner)
        if not verdict.eligible:
            report.entries.append(Entry(learner.id, learner.name, "not-certified", verdict))
            continue
        lang = learner.language or opts.lang or cur.default_language
        entry = Entry(learner.id, learner.name, "certified", verdict, language=lang,
                      credential_id=credential_id(cur, learner.id, opts.issued))
        report.entries.append(entry)
        if opts.dry_run:
            continue
        folder = folder_name(learner.id, taken)
        signed = sign(cur, credential(cur, verdict, lang, opts.issued), key, opts.issued)
        badge = opts.out / folder / "credential.json"
        badge.parent.mkdir(parents=True, exist_ok=True)
        badge.write_text(json.dumps(signed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        verify_url = site_root(cur, lang) + "verify/"
        pdf = opts.out / folder / f"certificate-{lang}.pdf"
        write_certificate(certificate_html(cur, verdict, lang, opts.issued, entry.credential_id, verify_url), pdf)
        entry.files = [f"{folder}/{pdf.name}", f"{folder}/{badge.name}"]
    if not opts.dry_run:
        opts.out.mkdir(parents=True, exist_ok=True)
        (opts.out / "cohort-report.txt").write_text(report.to_text(), encoding="utf-8")
        (opts.out / "cohort-report.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
    return report, 0


def placeholder_warning(cur: Curriculum) -> None:
    cert = cur.certification
    if cert and cert.awarding_body.placeholder:
        name = text(cert.awarding_body.name, cur.default_language)
        print(f"warning: curriculum/certification.yaml: the awarding body is still the example ('{name}'); every "
              "certificate is marked as a specimen until you set yours and remove 'placeholder: true'", file=sys.stderr)

