"""Reading per-item responses: both SCORM response formats, the generic CSV and Moodle's interactions report,
one answer per learner and item, and every malformed row reported with its line."""

from pathlib import Path

import pytest

from oerkit.evaluation.responses import parse_latency, read_responses
from oerkit.load import load_project
from oerkit.model import QuizBank

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
HEADER = "learner_id,module_id,item_id,response,result,latency,timestamp,attempt\n"


@pytest.fixture(scope="module")
def quizzes():
    return load_project(MINI).curriculum.quizzes


def read(tmp_path, text, quizzes, name="responses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_responses(path, quizzes, name)


def scores(result):
    return {(r.learner_id, r.item_id): r.score for r in result.responses}


def problems(result):
    return [(d.line, d.message) for d in result.problems.sorted()]


def test_scorm_12_and_2004_responses_are_read_and_scored_against_the_key(tmp_path, quizzes):
    # no result column: each answer is scored against the quiz bank's key, as the SCO scores it
    text = HEADER + "\n".join([
        "L12,,A1-Q01,a,,,,", "L12,,A1-Q02,t,,,,", "L12,,A1-Q03,2030,,,,",
        'L12,,A2-Q01,"b,a",,,,', 'L12,,A2-Q02,"a.a,b.b",,,,', 'L12,,A2-Q03,"b,a",,,,',
        "L04,,A1-Q01,b,,,,", "L04,,A1-Q02,false,,,,", "L04,,A1-Q03, 2030 ,,,,",
        'L04,,A2-Q01,"a[,]b",,,,', 'L04,,A2-Q02,"a[.]b[,]b[.]a",,,,', 'L04,,A2-Q03,"a[,]c",,,,']) + "\n"
    result = read(tmp_path, text, quizzes)
    assert problems(result) == [] and result.layout == "generic"
    assert scores(result) == {
        ("L12", "A1-Q01"): 1, ("L12", "A1-Q02"): 1, ("L12", "A1-Q03"): 1,
        ("L12", "A2-Q01"): 0, ("L12", "A2-Q02"): 1, ("L12", "A2-Q03"): 1,
        ("L04", "A1-Q01"): 0, ("L04", "A1-Q02"): 0, ("L04", "A1-Q03"): 1,
        ("L04", "A2-Q01"): 1, ("L04", "A2-Q02"): 0, ("L04", "A2-Q03"): 0}
    chosen = {(r.learner_id, r.item_id): r.choices for r in result.responses}
    assert chosen[("L04", "A2-Q03")] == {"a", "c"} and chosen[("L12", "A1-Q02")] == {"true"}
    assert chosen[("L04", "A2-Q01")] == frozenset()  # ordering has no options to count
    # the module comes from the item when the column is empty
    assert {r.module_id for r in result.responses if r.item_id.startswith("A2")} == {"A2"}


def test_scorm_12_fill_in_with_spaces_replaced_matches_the_answer(project):
    long = "the year when the framework ends, which is 2030"  # the SCO reports the first 40 characters
    project.replace("assessment_quiz/A1.yaml", 'answers: {en: ["2030"]}',
                    f'answers: {{en: ["2030", "the year 2030"], el: ["{long}"]}}')
    project.write("responses.csv", HEADER + "L1,A1,A1-Q03,the_year_2030,,,,\nL2,A1,A1-Q03,The Year  2030,,,,\n"
                  f"L3,A1,A1-Q03,2031,,,,\nL4,A1,A1-Q03,{long[:40].replace(' ', '_').replace(',', '_')},,,,\n")
    result = read_responses(project.path("responses.csv"), load_project(project.root).curriculum.quizzes)
    assert scores(result) == {("L1", "A1-Q03"): 1, ("L2", "A1-Q03"): 1, ("L3", "A1-Q03"): 0, ("L4", "A1-Q03"): 1}


def test_the_lms_result_wins_over_the_key(tmp_path, quizzes):
    text = HEADER + "L1,A1,A1-Q01,b,correct,,,\nL2,A1,A1-Q01,a,incorrect,,,\nL3,A1,A1-Q01,a,neutral,,,\n" \
        "L4,A1,A1-Q01,a,0.5,,,\nL5,A1,A1-Q01,,wrong,,,\nL6,A1,A1-Q01,,,,,\n"
    result = read(tmp_path, text, quizzes)
    assert problems(result) == []
    # L3 neutral: kept but not scored; L5 has a result without a response; L6 gave no answer at all
    assert scores(result) == {("L1", "A1-Q01"): 1, ("L2", "A1-Q01"): 0, ("L3", "A1-Q01"): None,
                              ("L4", "A1-Q01"): 0.5, ("L5", "A1-Q01"): 0}


@pytest.mark.parametrize("text, seconds", [("12.5", 12.5), ("0001:02:03.5", 3723.5), ("00:00:08", 8),
                                           ("PT1H2M3.5S", 3723.5), ("PT45S", 45), ("P1DT1S", 86401)])
def test_latency_formats(text, seconds):
    assert parse_latency(text) == seconds


@pytest.mark.parametrize("text", ["PT", "P", "1:2", "soon", "-5", "PT1.5M"])
def test_latency_that_is_no_duration(text):
    with pytest.raises(ValueError):
        parse_latency(text)


def test_every_malformed_row_is_reported_with_its_line(tmp_path, quizzes):
    text = HEADER + "\n".join([
        "L1,A1,A1-Q01,a,correct,PT10S,2026-03-01T10:00:00Z,1",  # 2 fine
        'L2,A1,A1-Q03,"20',  # 3-4: one quoted value over two lines, fine (and wrong)
        '30",,,,',
        ",A1,A1-Q01,a,,,,",  # 5
        "L3,,A1-Q99,a,,,,",  # 6
        "L3,A1,A1-Q01,z,,,,",  # 7
        "L3,A1,A1-Q02,maybe,,,,",  # 8
        "L3,A1,A1-Q01,a,yes,,,",  # 9
        "L3,A1,A1-Q01,a,correct,soon,,",  # 10
        "L3,A1,A1-Q01,a,correct,,yesterday,",  # 11
        "L3,A2,A1-Q01,a,,,,",  # 12
        "L3,A1,A1-Q01",  # 13
        "L3,A1,A2-Q03,a,b,,,,",  # 14: an unquoted comma in a SCORM 1.2 list
        "L3,A1,A1-Q01,a,,,,second",  # 15
        "L3,X9,A1-Q01,a,,,,",  # 16
    ]) + "\n"
    result = read(tmp_path, text, quizzes)
    found = problems(result)
    assert [line for line, _ in found] == list(range(5, 17))
    messages = dict(found)
    assert messages[5] == "learner_id is empty"
    assert "item 'A1-Q99' is in no quiz bank" in messages[6]
    assert "'z' is not an option of item A1-Q01 (a, b)" in messages[7]
    assert "'maybe' is not true or false" in messages[8]
    assert "result 'yes' is not correct, wrong" in messages[9]
    assert "latency 'soon'" in messages[10]
    assert "timestamp 'yesterday'" in messages[11]
    assert "item 'A1-Q01' is not in the quiz bank of module A2" in messages[12]
    assert messages[13] == "the row has 3 column(s): response (column 4) is missing"
    assert "the row has 9 column(s), the header 8" in messages[14] and "needs quotes" in messages[14]
    assert "attempt 'second' is not a whole number" in messages[15]
    assert "module 'X9' has no quiz bank" in messages[16]
    # the good rows are still read
    assert scores(result) == {("L1", "A1-Q01"): 1, ("L2", "A1-Q03"): 0}
    # a row may leave out trailing optional cells
    short = read(tmp_path, HEADER + "L4,A1,A1-Q01,a,correct\n", quizzes)
    assert problems(short) == [] and scores(short) == {("L4", "A1-Q01"): 1}
    assert all(d.file == "responses.csv" for d in result.problems.items)


def test_files_that_cannot_be_read(tmp_path, quizzes):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(HEADER.encode() + "L1,A1,A1-Q03,São Paulo,,,,\n".encode("latin-1"))
    assert problems(read_responses(bad, quizzes, "latin1.csv")) == [
        (2, "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again")]
    assert problems(read(tmp_path, "", quizzes)) == [
        (1, "the file is empty: expected a header row and one row per answer")]
    (line, message), = problems(read(tmp_path, "learner,question,answer\nL1,A1-Q01,a\n", quizzes))
    assert line == 1 and "the header has no column learner_id, item_id, response" in message
    assert read_responses(tmp_path / "missing.csv", quizzes).problems.errors


def test_one_answer_per_learner_and_item_the_last_of_the_latest_attempt(tmp_path, quizzes):
    text = HEADER + "\n".join([
        "L1,A1,A1-Q01,b,,,,1", "L1,A1,A1-Q01,a,,,,1",  # changed the answer: the later row counts
        "L2,A1,A1-Q01,a,,,2026-03-01T10:05:00+01:00,1",  # later in time (09:05 UTC) ...
        "L2,A1,A1-Q01,b,,,2026-03-01T09:00:00Z,1",  # ... than this one, though listed first
        "L3,A1,A1-Q01,a,,,,1", "L3,A1,A1-Q02,t,,,,1",  # attempt 1 ...
        "L3,A1,A1-Q01,b,,,,2",  # ... replaced by attempt 2, which did not answer Q02 (yet)
    ]) + "\n"
    result = read(tmp_path, text, quizzes)
    assert problems(result) == []
    assert scores(result) == {("L1", "A1-Q01"): 1, ("L2", "A1-Q01"): 1, ("L3", "A1-Q01"): 0}
    assert [r.attempt for r in result.responses if r.learner_id == "L3"] == [2]


def test_an_item_in_several_banks_needs_the_module(tmp_path, quizzes):
    twice = dict(quizzes)
    twice["B1"] = QuizBank("B1", None, [quizzes["A1"].items[0]], None)
    result = read(tmp_path, HEADER + "L1,,A1-Q01,a,,,,\nL1,B1,A1-Q01,a,,,,\n", twice)
    assert problems(result) == [(2, "item 'A1-Q01' is in several quiz banks (A1, B1): add a module_id column")]
    assert scores(result) == {("L1", "A1-Q01"): 1}


MOODLE = "\t".join(["Name", "ID number", "Email address", "Attempt", "Started on", "Last accessed on", "Score",
                    "A1 First steps", "Question 0", "Response 0", "Result 0", "Question 1", "Response 1", "Result 1",
                    "Question 2", "Response 2", "Result 2"]) + "\n"


def test_moodle_interactions_report(tmp_path, quizzes):
    rows = [
        ["Ann A", "E-17", "ann@example.org", "1", "1 March 2026, 10:00 AM", "1 March 2026, 10:20 AM", "67",
         "67/100", "A1-Q01", "a", "correct", "A1-Q02", "f", "wrong", "A1-Q03", "&lt;2030&gt;", "wrong"],
        ["Bob B", "", "bob@example.org", "1", "2 March 2026, 9:00 AM", "2 March 2026, 9:30 AM", "100",
         "100/100", "A1-Q01", "b", "wrong", "A1-Q01", "a", "correct", "", "", ""],
        ["Cy C", "", "cy@example.org", "-", "-", "-", "-", "Not attempted", "", "", "", "", "", "", "", "", ""],
        ["Di D", "D-4", "di@example.org", "1", "3 March 2026, 9:00 AM", "3 March 2026, 9:30 AM", "0",
         "0/100", "A1-Q01", "x", "wrong", "", "", "", "", "", ""],
    ]
    result = read(tmp_path, MOODLE + "".join("\t".join(r) + "\n" for r in rows), quizzes, "interactions.txt")
    assert result.layout == "moodle"
    # the learner is the ID number, else the email (as in the gradebook export); Cy has no attempt yet
    assert scores(result) == {("E-17", "A1-Q01"): 1, ("E-17", "A1-Q02"): 0, ("E-17", "A1-Q03"): 0,
                              ("bob@example.org", "A1-Q01"): 1}
    assert {r.text for r in result.responses if r.item_id == "A1-Q03"} == {"<2030>"}
    (line, message), = problems(result)
    assert line == 5 and message.startswith("Question 0: 'x' is not an option of item A1-Q01")


def test_moodle_report_without_the_interaction_ids_says_how_to_download_it(tmp_path, quizzes):
    header = "Name\tEmail address\tAttempt\tScore\tResponse 0\tResponse 1\n"
    result = read(tmp_path, header + "Ann\tann@example.org\t1\t50\ta\tt\n", quizzes, "interactions.txt")
    (line, message), = problems(result)
    assert line == 1 and "'Question N' columns" in message and "'Summary of question'" in message
