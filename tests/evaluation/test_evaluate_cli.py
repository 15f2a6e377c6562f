"""`oerkit evaluate` as a trainer runs it: a synthetic cohort in, a shareable report out; bad input stops it
with file and line; the report is anonymised, reproducible, self-contained and in the chosen language."""

import re

import pytest
from synthetic import MISKEYED, evaluate

from oerkit.evaluation.anonymise import SALT_FILE, pseudonym


def html_of(project, folder="report"):
    return project.path(f"{folder}/report.html").read_text(encoding="utf-8")


def test_report_flags_the_miskeyed_item_and_names_nobody(cohort):
    run = evaluate(cohort, "--out", str(cohort.path("report")))
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stdout and SALT_FILE in run.stderr
    html = html_of(cohort)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    review = html.split("Items to review", 1)[1].split("<table", 1)[0]
    miskeyed = re.search(rf"\({MISKEYED}\)</strong>.*?</ul>", review).group(0)
    assert "negative discrimination (r below 0): check the key" in miskeyed
    # nobody is named: no learner id, name or email, only pseudonyms made with the saved salt
    assert not re.search(r"S0\d\d|Learner S|@example\.org", html)
    salt = cohort.path(f"report/{SALT_FILE}").read_text().strip()
    assert pseudonym("S001", salt) in html and html.count("L-") >= 60
    # self-contained and accessible basics: nothing loaded from anywhere, every chart titled and described
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\(|@import""", html)
    assert html.count("<svg") == html.count("<desc id=") == html.count("<title id=") >= 4
    assert re.search(r"\bnan\b", html, re.I) is None


def test_same_salt_same_bytes_and_saved_salt_reused(cohort):
    out = str(cohort.path("report"))
    assert evaluate(cohort, "--out", out).returncode == 0
    first = html_of(cohort)
    assert evaluate(cohort, "--out", out).returncode == 0
    assert html_of(cohort) == first  # the salt saved beside the report is used again
    for folder in ("a", "b"):
        assert evaluate(cohort, "--out", str(cohort.path(folder)), "--salt", "partner-2026").returncode == 0
    assert html_of(cohort, "a") == html_of(cohort, "b")
    assert not cohort.path(f"a/{SALT_FILE}").exists()
    assert pseudonym("S001", "partner-2026") in html_of(cohort, "a") and pseudonym("S001", "partner-2026") not in first


def test_no_anonymise_shows_names(cohort):
    assert evaluate(cohort, "--out", str(cohort.path("report")), "--no-anonymise").returncode == 0
    html = html_of(cohort)
    assert "Learner S001 (S001)" in html and "L-" not in html.split('id="learners"')[1].split("</table>")[0]
    assert "do not share this report" in html


def test_report_in_german(cohort):
    run = evaluate(cohort, "--out", str(cohort.path("report")), "--lang", "de")
    assert run.returncode == 0, run.stderr
    html = html_of(cohort)
    assert '<html lang="de">' in html and "<h2 id=\"items-h\">Aufgabenanalyse</h2>" in html
    assert re.search(r'<td class="num">0,\d\d</td>', html)  # decimal comma
    # the module title has no German text: shown in English and marked as such
    assert '<span lang="en">First steps</span>' in html


def test_malformed_rows_stop_with_file_and_line(cohort):
    lines = cohort.path("responses.csv").read_text().splitlines()
    lines[2] = "S002,A1,A1-Q02,z,,"
    cohort.write("responses.csv", "\n".join(lines) + "\n")
    with cohort.path("results.csv").open("a") as f:
        f.write("S999,Late Learner,late@example.org,A1,finished,50\n")
    run = evaluate(cohort, "--out", str(cohort.path("report")))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{cohort.path('responses.csv')}:3:1: error: 'z' is not an option of item A1-Q02" in run.stderr
    assert re.search(r"results\.csv:62: completion 'finished' is not one of", run.stderr)
    assert "--skip-invalid" in run.stderr and not cohort.path("report/report.html").exists()

    run = evaluate(cohort, "--out", str(cohort.path("report")), "--skip-invalid")
    assert run.returncode == 0, run.stderr
    html = html_of(cohort)
    assert "1 row(s) of the results file were left out" in html
    assert "1 row(s) of the responses file were left out" in html
    assert "finished" not in html and "S999" not in html


def test_unusable_input_fails_even_with_skip_invalid(cohort):
    cohort.write("responses.csv", "who,what\nS001,a\n")
    run = evaluate(cohort, "--out", str(cohort.path("report")), "--skip-invalid")
    assert run.returncode == 1 and "responses.csv:1:1: error: the header has no column" in run.stderr
    run = cohort.oerkit("evaluate", "--results", str(cohort.path("missing.csv")), "--out", str(cohort.path("r")))
    assert run.returncode == 1 and "missing.csv" in run.stderr and "Traceback" not in run.stderr
    run = evaluate(cohort, "--out", str(cohort.path("report")), "--lang", "fr")
    assert run.returncode == 1 and "unknown language 'fr'" in run.stderr


def test_results_alone_give_a_report_without_item_analysis(cohort):
    run = cohort.oerkit("evaluate", "--results", str(cohort.path("results.csv")), "--out", str(cohort.path("report")))
    assert run.returncode == 0, run.stderr
    html = html_of(cohort)
    assert "No responses file was given, so there is no item analysis." in html
    assert "Completion and pass rates per module" in html


def test_pdf_is_written_and_reproducible(cohort):
    pytest.importorskip("weasyprint")
    for folder in ("a", "b"):
        run = evaluate(cohort, "--out", str(cohort.path(folder)), "--salt", "s", "--pdf")
        assert run.returncode == 0, run.stderr
    pdf = cohort.path("a/report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert pdf == cohort.path("b/report.pdf").read_bytes()


def test_one_learner_and_hostile_text(project):
    # quiz text is escaped wherever the report shows it; one learner gives figures but no correlation
    project.replace("assessment_quiz/A1.yaml", 'stem: {en: "What is resilience?"}',
                    'stem: {en: "What is <img src=x onerror=alert(1)> resilience & more?"}')
    project.write("results.csv", "learner_id,name,module,completion,score\nL1,Ann <b>A</b>,A1,passed,100\n")
    project.write("responses.csv", "learner_id,item_id,response,result\nL1,A1-Q01,a,correct\nL1,A1-Q02,t,correct\n")
    run = evaluate(project, "--out", str(project.path("report")), "--no-anonymise")
    assert run.returncode == 0, run.stderr
    html = html_of(project)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; resilience &amp; more?" in html
    assert "<b>A</b>" not in html and "Ann &lt;b&gt;A&lt;/b&gt; (L1)" in html
    assert html.count("not defined: one answer only") == 2 and "no answers" in html  # A1-Q03 unanswered
    assert re.search(r"\bnan\b", html, re.I) is None
