"""Reading course results: the generic CSV format and Moodle's gradebook export, with every malformed row or cell
reported by its line number."""

from __future__ import annotations

import pytest

from cohorts import MOODLE_HEADER, generic_csv, learner_rows, moodle_csv
from oerkit.credentials.results import parse_score, read_results
from oerkit.load import load_project


@pytest.fixture
def cur(project):
    return load_project(project.root).curriculum


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "results.csv"
    path.write_bytes(text.encode(encoding))
    return path


def messages(results) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in results.problems:
        out.setdefault(p.line, []).append(p.message)
    return out


def test_generic_file_with_bom_semicolons_and_decimal_commas(tmp_path, cur):
    rows = learner_rows("L1", "Maria Papadopoulou", "maria@example.org", "el", {"A1": "85,5", "A2": "-"},
                        outcomes={"A1": "A1-LO1:passed"})
    rows[1][5] = "incomplete"
    rows += learner_rows("L2", "Jan Novak", "", "", {"A1": "70 %"}, completion="Not attempted")
    results = read_results(write(tmp_path, generic_csv(rows, delimiter=";", bom=True)), cur)
    assert results.format == "generic" and results.problems == [] and results.notes == []
    maria, jan = results.learners
    assert (maria.id, maria.name, maria.email, maria.language) == ("L1", "Maria Papadopoulou", "maria@example.org", "el")
    a1, a2 = maria.modules["A1"], maria.modules["A2"]
    assert (a1.completion, a1.success, a1.score, a1.outcomes, a1.line) == ("completed", "passed", 85.5,
                                                                           {"A1-LO1": "passed"}, 2)
    assert (a2.completion, a2.success, a2.score) == ("incomplete", None, None)
    assert jan.modules["A1"].completion == "not attempted" and jan.modules["A1"].score == 70
    assert maria.lines == [2, 3] and jan.lines == [4]


def test_every_bad_row_is_reported_with_its_own_line_number(tmp_path, cur):
    text = generic_csv([
        ["L1", "Maria\nPapadopoulou", "maria@example.org", "el", "A1", "passed", "85", ""],  # lines 2-3 (quoted newline)
        ["L1", "Maria\nPapadopoulou", "maria@example.org", "el", "A3", "passed", "85", ""],  # 4-5: unknown module
        ["L2", "Ana Silva", "ana@example", "pt", "A1", "done", "abc", ""],  # 6: email, completion, score
        ["L3", "Jan Novak", "", "xx", "A1", "passed", "120", ""],  # 7: language, score range
        ["L4", "Eva Lind", "", "", "A1", "passed", "80", "A1-LO9:passed"],  # 8: unknown outcome
        ["L5", "Ola Berg", "", "", "A1", "passed", "80", "A1-LO1=yes"],  # 9: malformed outcome status
        ["L1", "Maria\nPapadopoulou", "maria@example.org", "el", "A1", "failed", "40", ""],  # 10-11: second row
        ["", "Nobody", "", "", "A1", "passed", "80", ""],  # 12: no learner id
        ["L6", "Per Holm", "", "", "A1", "passed", "80", "", "extra"],  # 13: too many fields
        ["L7", "Kim Aho", "", "en", "A2", "completed", "75", ""],  # 14: fine
    ])
    results = read_results(write(tmp_path, text), cur)
    found = messages(results)
    assert sorted(found) == [4, 6, 7, 8, 9, 10, 12, 13]
    assert found[4] == ["unknown module 'A3' (known: A1, A2)"]
    assert found[6] == ["'ana@example' is not an email address",
                        "completion 'done' is not one of: completed, incomplete, not attempted, passed, failed",
                        "score 'abc' is not a number"]
    assert "unknown language 'xx'" in found[7][0] and "outside 0-100" in found[7][1]
    assert found[8] == ["unknown learning outcome 'A1-LO9' (known: A1-LO1, A2-LO1); did you mean 'A1-LO1'?"]
    assert "must be ID:status" in found[9][0]
    assert found[10] == ["a second row for learner L1 and module A1 (the first is on line 2)"]
    assert found[12] == ["learner_id is empty"]
    assert "9 fields but the header has 8" in found[13][0]
    assert {p.learner for p in results.problems if p.line in (4, 6, 10)} == {"L1", "L2"}
    assert results.learners[-1].id == "L7" and results.problems_of("L7") == []
    assert results.format_problem(results.problems[0]).endswith("results.csv:4: unknown module 'A3' (known: A1, A2)")


def test_header_problems_stop_the_reading(tmp_path, cur):
    missing = read_results(write(tmp_path, "learner_id,name,module,status\nL1,A,A1,passed\n"), cur)
    assert [(p.line, p.message) for p in missing.problems] == [
        (1, "missing column(s) completion (the generic format needs learner_id, name, module, completion)")]
    unknown = read_results(write(tmp_path, "student,course,grade\nL1,A1,90\n"), cur)
    assert unknown.problems[0].line == 1 and "matches neither results format" in unknown.problems[0].message
    assert read_results(write(tmp_path, "\n\n"), cur).problems[0].message == "the file is empty"
    latin1 = generic_csv(learner_rows("L1", "Ana", "", "", {"A1": "80"}) + learner_rows("L2", "Zoë", "", "", {"A1": "80"}))
    broken = read_results(write(tmp_path, latin1, encoding="latin-1"), cur)
    assert [(p.line, p.message) for p in broken.problems] == [
        (3, "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again")]
    extra = read_results(write(tmp_path, generic_csv([]).replace("outcomes", "outcomes,cohort")), cur)
    assert [n.message for n in extra.notes] == ["column 9 'cohort' is not part of the format and is ignored"]


def test_moodle_gradebook_export_is_detected_and_mapped_to_modules(tmp_path, cur):
    text = moodle_csv([
        ["Maria", "Papadopoulou", "L1", "City of Volos", "", "maria@example.org", "85,00", "90.50", "10.00", "87.75", "1769000000"],
        ["Jan", "Novak", "", "", "", "jan@example.org", "-", "45.00", "-", "45.00", "1769000000"],
    ])
    results = read_results(write(tmp_path, text), cur)
    assert results.format == "moodle" and results.problems == []
    maria, jan = results.learners
    assert (maria.id, maria.name, maria.email) == ("L1", "Maria Papadopoulou", "maria@example.org")
    assert {m: (r.completion, r.score) for m, r in maria.modules.items()} == {"A1": ("completed", 85.0),
                                                                             "A2": ("completed", 90.5)}
    assert jan.id == "jan@example.org", "no ID number: the email address identifies the learner"
    assert (jan.modules["A1"].completion, jan.modules["A1"].score) == ("not attempted", None)
    assert [n.message for n in results.notes] == ["column 9 'Quiz: Welcome quiz (Real)' is not a SCORM package and is "
                                                  "ignored"], "Moodle's own columns (course total, ...) need no note"


def test_moodle_percentages_two_packages_per_module_and_activities_that_are_not_modules(tmp_path, cur):
    header = ["First name", "Last name", "ID number", "Email address", "SCORM package: A1 First steps (Percentage)",
              "SCORM package: A1 First steps, SCORM 2004 (Real)", "SCORM package: Welcome tour (Real)"]
    text = moodle_csv([["Ana", "Silva", "L9", "ana@example.org", "62,50 %", "81.00", "100.00"]], header=header,
                      delimiter=";")
    results = read_results(write(tmp_path, text), cur)
    assert results.problems == []
    assert results.learners[0].modules["A1"].score == 81.0, "the better of the two packages counts"
    notes = " | ".join(n.message for n in results.notes)
    assert "second activity for module A1" in notes and "'SCORM package: Welcome tour (Real)'" in notes


def test_moodle_letter_grades_and_bad_cells_are_problems(tmp_path, cur):
    letters = MOODLE_HEADER[:6] + ["SCORM package: A1 First steps (Letter)"]
    results = read_results(write(tmp_path, moodle_csv([["Ana", "Silva", "L9", "", "", "a@example.org", "B"]],
                                                      header=letters)), cur)
    assert results.problems[0].line == 1 and "letter grades" in results.problems[0].message
    bad = moodle_csv([
        ["Ana", "Silva", "L9", "", "", "a@example.org", "85", "x", "-", "-", ""],
        ["", "", "", "", "", "", "85", "85", "-", "-", ""],
        ["Ana", "Silva", "L9", "", "", "a@example.org", "85", "85", "-", "-", ""],
    ])
    found = messages(read_results(write(tmp_path, bad), cur))
    assert found == {2: ["A2: score 'x' is not a number"], 3: ["the learner has neither an ID number nor an email address"],
                     4: ["learner L9 appears twice (also on line 2)"]}


@pytest.mark.parametrize("text, value", [("85", 85.0), ("85.5", 85.5), ("85,5", 85.5), ("85.00 %", 85.0), ("", None),
                                         ("-", None), (" 0 ", 0.0), ("100", 100.0)])
def test_scores_are_read_as_percentages(text, value):
    assert parse_score(text) == value


@pytest.mark.parametrize("text", ["abc", "100.5", "-3", "1.234,5", "8 5"])
def test_what_is_not_a_percentage_is_refused(text):
    with pytest.raises(ValueError):
        parse_score(text)
