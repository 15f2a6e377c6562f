"""`oerkit keys new` and `oerkit certify` as a trainer uses them: a synthetic cohort (good and bad rows, generic and
Moodle formats) becomes PDF certificates, signed Open Badges and a cohort report."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cohorts import ISSUER, KEY, add_certification, add_issuer_key, generic_csv, learner_rows, mini_with_certification, \
    moodle_csv
from oerkit.credentials.badge import check_credential

pypdf = pytest.importorskip("pypdf")


def oerkit(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CONFIG_HOME": str(root.parent / "config")}
    return subprocess.run([sys.executable, "-m", "oerkit", "--root", str(root), *args], capture_output=True, text=True,
                          env=env, timeout=600)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def public_key(root: Path) -> str:
    return json.loads((root / "curriculum/issuer-public-key.json").read_text())["publicKeyMultibase"]


COHORT = (learner_rows("L1", "Maria Papadopoulou", "maria@example.org", "el", {"A1": "85", "A2": "90,5"})
          + learner_rows("L2", "Jan Novak", "jan@example.org", "", {"A1": "55", "A2": "90"})
          + learner_rows("L3", "Ana Silva", "", "pt", {"A1": "80"})
          + learner_rows("L4", "Per Holm", "per@example.org", "", {"A1": "abc", "A2": "80"})
          + learner_rows("L5", "Eva Lind", "eva@example.org", "de", {"A1": "70", "A2": "71"})
          + [["", "Nobody", "", "", "A1", "passed", "99", ""]])


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """The mini project with a certification and a key, and the cohort certified with --skip-invalid."""
    tmp = tmp_path_factory.mktemp("certify")
    root, key = mini_with_certification(tmp)
    results = tmp / "results.csv"
    results.write_text(generic_csv(COHORT), encoding="utf-8")
    run = oerkit(root, "certify", str(results), "--out", str(tmp / "out"), "--key", str(key), "--date", "2026-01-15",
                 "--skip-invalid")
    assert run.returncode == 0, run.stderr
    return root, key, results, tmp / "out", run


def test_keys_new_keeps_the_private_key_private_and_publishes_the_public_one(project):
    add_certification(project.root)
    made = oerkit(project.root, "keys", "new")
    assert made.returncode == 0, made.stderr
    private = project.root.parent / "config" / "oerkit" / "mini-issuer-ed25519.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and stat.S_IMODE(private.parent.stat().st_mode) == 0o700
    assert "BEGIN PRIVATE KEY" in private.read_text()
    public = project.root / "curriculum/issuer-public-key.json"
    assert json.loads(public.read_text())["publicKeyMultibase"].startswith("z6Mk")
    assert "BEGIN" not in public.read_text()
    again = oerkit(project.root, "keys", "new")
    assert again.returncode == 1 and "already holds the issuer's public key" in again.stderr and "--replace" in again.stderr
    inside = project.root / "keys" / "issuer.pem"
    refused = oerkit(project.root, "keys", "new", "--replace", "--out", str(inside))
    assert refused.returncode == 1 and "must stay out of the repository" in refused.stderr and not inside.exists()
    forced = oerkit(project.root, "keys", "new", "--replace", "--force", "--out", str(inside))
    assert forced.returncode == 0, forced.stderr
    assert "/keys/issuer.pem" in (project.root / ".gitignore").read_text().splitlines()
    assert stat.S_IMODE(inside.stat().st_mode) == 0o600
    existing = oerkit(project.root, "keys", "new", "--replace", "--force", "--out", str(inside))
    assert existing.returncode == 1 and "a file is already there" in existing.stderr


def test_keys_new_needs_the_certification_file(project):
    run = oerkit(project.root, "keys", "new")
    assert run.returncode == 1 and "curriculum/certification.yaml is missing" in run.stderr


def test_a_file_with_bad_rows_issues_nothing_and_names_the_lines(cohort, tmp_path):
    root, key, results, _, _ = cohort
    run = oerkit(root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(key))
    assert run.returncode == 1
    assert not (tmp_path / "out").exists()
    assert "L4  Per Holm: line 7: score 'abc' is not a number" in run.stdout
    assert "nothing was issued" in run.stderr and "--skip-invalid" in run.stderr


def test_the_cohort_report_says_who_is_certified_and_what_the_others_lack(cohort):
    _, _, _, out, run = cohort
    report = (out / "cohort-report.txt").read_text()
    assert report == run.stdout
    assert "Certified (2):" in report
    assert "L1  Maria Papadopoulou (el, average 87.8 %): L1/certificate-el.pdf, L1/credential.json" in report
    assert "L5  Eva Lind (de, average 70.5 %)" in report
    assert "L2  Jan Novak: missing A1: score 55 below the pass mark 70" in report
    assert "L3  Ana Silva: missing A2: not attempted" in report
    assert "L4  Per Holm: line 7: score 'abc' is not a number" in report
    assert "Problems in the file (1):\n  " in report and "results.csv:11: learner_id is empty" in report
    data = json.loads((out / "cohort-report.json").read_text())
    assert data["problems"] == [{"line": 11, "message": "learner_id is empty"}]
    assert data["counts"] == {"certified": 2, "not-certified": 2, "held-back": 1}
    jan = next(x for x in data["learners"] if x["id"] == "L2")
    assert jan["missing"] == [{"code": "module-score", "message": "A1: score 55 below the pass mark 70", "module": "A1"}]
    assert sorted(p.name for p in out.iterdir()) == ["L1", "L5", "cohort-report.json", "cohort-report.txt"]


def test_the_certificate_carries_the_micro_credential_elements_in_the_learners_language(cohort):
    _, _, _, out, _ = cohort
    credential = json.loads((out / "L1/credential.json").read_text())
    text = pdf_text(out / "L1/certificate-el.pdf")
    for expected in ("ΠΙΣΤΟΠΟΙΗΤΙΚΟ", "Maria Papadopoulou", "Μικρό διαπιστευτήριο", "Μικρό πρόγραμμα",
                     "Φορέας απονομής Ακαδημία Παράδειγμα", "Χώρα Πορτογαλία", "15 Ιανουαρίου 2026",
                     "Ισχύει έως 15 Ιανουαρίου 2029", "5 ώρες μάθησης (0,2 πιστωτικές μονάδες ECTS",
                     "Επίπεδο 5 του Ευρωπαϊκού Πλαισίου Προσόντων", "Ένα διαδικτυακό κουίζ ανά ενότητα.",
                     "Online and self-paced.", "Reviewed by the academy.", "2 μαθησιακά αποτελέσματα σε 2 ενότητες",
                     "μέση βαθμολογία 87,8 %", credential["id"], "A1-LO1", "A2-LO1"):
        assert expected in text, expected
    assert "https://example.org/mini/el/verify/" in text.replace(" ", ""), "the verification page, in Greek"
    assert "Specimen" not in text and "Δείγμα" not in text
    german = pdf_text(out / "L5/certificate-de.pdf")
    assert "ZERTIFIKAT" in german and "15. Januar 2026" in german and "5 Lernstunden (0,2 ECTS-Punkte" in german


def test_the_badge_is_an_open_badge_signed_by_the_published_key(cohort):
    root, _, _, out, _ = cohort
    doc = json.loads((out / "L1/credential.json").read_text())
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["issuer"]["id"] == ISSUER and doc["proof"]["verificationMethod"] == KEY
    assert (doc["validFrom"], doc["validUntil"]) == ("2026-01-15T00:00:00Z", "2029-01-15T00:00:00Z")
    subject = doc["credentialSubject"]
    assert subject["name"] == "Maria Papadopoulou" and subject["creditsEarned"] == 0.2
    identity = subject["identifier"][0]
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(("maria@example.org" + identity["salt"]).encode()).hexdigest()
    achievement = subject["achievement"]
    assert achievement["name"] == "Μικρό διαπιστευτήριο" and achievement["achievementType"] == "MicroCredential"
    assert "Επιτυχής ολοκλήρωση όλων των ενοτήτων του προγράμματος (2 ενότητες)." in achievement["criteria"]["narrative"]
    codes = {a.get("targetCode"): a["targetUrl"] for a in achievement["alignment"]}
    assert codes == {"5": "http://data.europa.eu/snb/eqf/5",
                     "A1-LO1": "https://example.org/mini/el/outcomes.html#lo-a1-lo1",
                     "A2-LO1": "https://example.org/mini/el/outcomes.html#lo-a2-lo1"}
    when = datetime(2027, 6, 1, tzinfo=timezone.utc)
    assert check_credential(doc, ISSUER, KEY, public_key(root), when)[0] == "valid"
    tampered = json.loads(json.dumps(doc))
    tampered["credentialSubject"]["name"] = "Mallory"
    assert check_credential(tampered, ISSUER, KEY, public_key(root), when)[0] == "signature-invalid"
    assert check_credential(doc, ISSUER, KEY, public_key(root), datetime(2029, 2, 1, tzinfo=timezone.utc))[0] == "expired"
    assert check_credential(doc, ISSUER, KEY, public_key(root), datetime(2025, 1, 1, tzinfo=timezone.utc))[0] == "not-yet-valid"
    assert check_credential(doc, "https://other.example/issuer.json", KEY, public_key(root), when)[0] == "unknown-issuer"
    assert check_credential({**doc, "type": ["VerifiableCredential"]}, ISSUER, KEY, public_key(root), when)[0] == "malformed"


def test_the_same_results_and_date_give_the_same_files(cohort, tmp_path):
    root, key, results, out, _ = cohort
    again = oerkit(root, "certify", str(results), "--out", str(tmp_path / "again"), "--key", str(key), "--date",
                   "2026-01-15", "--skip-invalid")
    assert again.returncode == 0, again.stderr
    for name in ("L1/certificate-el.pdf", "L1/credential.json", "L5/certificate-de.pdf", "cohort-report.json"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_a_moodle_gradebook_export_is_certified_too(cohort, tmp_path):
    root, key, _, _, _ = cohort
    results = tmp_path / "grades.csv"
    results.write_text(moodle_csv([
        ["Maria", "Papadopoulou", "L1", "", "", "maria@example.org", "85,00", "90.00", "-", "87.50", "1769000000"],
        ["Jan", "Novak", "", "", "", "jan@example.org", "91.00", "-", "-", "45.50", "1769000000"]]), encoding="utf-8")
    run = oerkit(root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(key), "--date",
                 "2026-01-15", "--lang", "pt")
    assert run.returncode == 0, run.stderr
    assert "(Moodle gradebook export): 2 learner(s)" in run.stdout
    assert "jan@example.org  Jan Novak: missing A2: not attempted" in run.stdout
    assert "Notes (1):" in run.stdout and "'Quiz: Welcome quiz (Real)' is not a SCORM package" in run.stdout
    assert "CERTIFICADO" in pdf_text(tmp_path / "out/L1/certificate-pt.pdf")


def test_skip_invalid_does_not_skip_a_broken_header(cohort, tmp_path):
    root, key, _, _, _ = cohort
    results = tmp_path / "results.csv"
    results.write_text("learner_id,name,module,status\nL1,Ana Silva,A1,passed\n", encoding="utf-8")
    run = oerkit(root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(key), "--skip-invalid")
    assert run.returncode == 1 and "the results file itself has problems" in run.stderr
    assert "results.csv:1: missing column(s) completion" in run.stdout and not (tmp_path / "out").exists()


def test_certify_refuses_a_key_that_is_not_the_published_one(cohort, tmp_path):
    root, _, results, _, _ = cohort
    stranger = tmp_path / "other.pem"
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from oerkit.credentials.keys import write_private_key
    write_private_key(Ed25519PrivateKey.generate(), stranger)
    run = oerkit(root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(stranger), "--skip-invalid")
    assert run.returncode == 1 and "does not belong to the public key in curriculum/issuer-public-key.json" in run.stderr
    missing = oerkit(root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(tmp_path / "none.pem"))
    assert missing.returncode == 1 and "no private key there" in missing.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [(["--date", "2026-13-01", "--out", "x"], "--date 2026-13-01: use the form YYYY-MM-DD"),
                                           ([], "say where the certificates go with --out DIR"),
                                           (["--out", "x", "--lang", "fr"], "unknown language 'fr'")])
def test_certify_usage_errors(cohort, args, message):
    root, key, results, _, _ = cohort
    run = oerkit(root, "certify", str(results), "--key", str(key), *args)
    assert run.returncode == 1 and message in run.stderr and "Traceback" not in run.stderr


def test_without_a_published_key_nothing_can_be_signed_but_a_dry_run_reports(project, tmp_path):
    add_certification(project.root)
    results = tmp_path / "results.csv"
    results.write_text(generic_csv(learner_rows("L1", "Ana Silva", "", "", {"A1": "90", "A2": "95"})), encoding="utf-8")
    run = oerkit(project.root, "certify", str(results), "--out", str(tmp_path / "out"))
    assert run.returncode == 1 and "curriculum/issuer-public-key.json: the issuer's public key is not there yet" in run.stderr
    dry = oerkit(project.root, "certify", str(results), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["counts"]["certified"] == 1 and not (tmp_path / "out").exists()


def test_the_example_awarding_body_makes_specimens(project, tmp_path):
    from cohorts import CERTIFICATION
    add_certification(project.root, CERTIFICATION.replace("awarding_body:\n", "awarding_body:\n  placeholder: true\n"))
    key = tmp_path / "issuer.pem"
    add_issuer_key(project.root, key)
    results = tmp_path / "results.csv"
    results.write_text(generic_csv(learner_rows("L1", "Ana Silva", "", "", {"A1": "90", "A2": "95"})), encoding="utf-8")
    run = oerkit(project.root, "certify", str(results), "--out", str(tmp_path / "out"), "--key", str(key))
    assert run.returncode == 0 and "the awarding body is still the example" in run.stderr
    assert "Specimen: the awarding body is still the example one" in pdf_text(tmp_path / "out/L1/certificate-en.pdf")
