"""Synthetic cohorts for the credential tests: a certification for the mini project, an issuer key, and results
files in the generic format and as Moodle gradebook exports (good rows and bad ones)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import FIXTURES
from oerkit.credentials.keys import public_multikey, write_private_key, write_public_key

CERTIFICATION = """
title: {en: Mini credential, el: Μικρό διαπιστευτήριο, de: Mini-Nachweis, pt: Microcredencial mini}
site_url: https://example.org/mini/
awarding_body:
  name: {en: Example Academy, el: Ακαδημία Παράδειγμα, de: Beispielakademie, pt: Academia Exemplo}
  url: https://example.org/
  country_code: PT
  country: {en: Portugal, el: Πορτογαλία, de: Portugal, pt: Portugal}
public_key: curriculum/issuer-public-key.json
validity_years: 3
level_note: {en: Designed for this level.}
assessment: {en: One online quiz per module., el: Ένα διαδικτυακό κουίζ ανά ενότητα.}
participation: {en: Online and self-paced.}
quality_assurance: {en: Reviewed by the academy.}
rule:
  modules: all
  outcomes: all
"""
ISSUER = "https://example.org/mini/credentials/issuer.json"
KEY = ISSUER + "#key-1"


def add_certification(root: Path, text: str = CERTIFICATION) -> Path:
    path = root / "curriculum" / "certification.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def add_issuer_key(root: Path, private_path: Path) -> Ed25519PrivateKey:
    """An issuer key pair: the private key at private_path, the public key where certification.yaml says."""
    key = Ed25519PrivateKey.generate()
    write_private_key(key, private_path)
    write_public_key(root / "curriculum" / "issuer-public-key.json", public_multikey(key))
    return key


def mini_with_certification(tmp: Path) -> tuple[Path, Path]:
    """A copy of the mini project with a certification and an issuer key; returns (root, private key path)."""
    root = tmp / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    add_certification(root)
    key = tmp / "keys" / "issuer.pem"
    add_issuer_key(root, key)
    return root, key


GENERIC_HEADER = ["learner_id", "name", "email", "language", "module", "completion", "score", "outcomes"]


def generic_csv(rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(GENERIC_HEADER)
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def learner_rows(lid: str, name: str, email: str, lang: str, scores: dict[str, str], completion: str = "passed",
                 outcomes: dict[str, str] | None = None) -> list[list[str]]:
    """One row per module of one learner."""
    return [[lid, name, email, lang, module, completion, score, (outcomes or {}).get(module, "")]
            for module, score in scores.items()]


MOODLE_HEADER = ["First name", "Last name", "ID number", "Institution", "Department", "Email address",
                 "SCORM package: A1 First steps (Real)", "SCORM package: A2 Second steps (Real)",
                 "Quiz: Welcome quiz (Real)", "Course total (Real)", "Last downloaded from this course"]


def moodle_csv(rows: list[list[str]], header: list[str] = MOODLE_HEADER, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # Moodle writes a byte-order mark
