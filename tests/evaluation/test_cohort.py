"""Completion and pass rates per module, outcome mastery across the cohort and time spent, from results and
responses with known answers."""

from pathlib import Path

import pytest

from oerkit.credentials.results import read_results
from oerkit.evaluation.cohort import summarise
from oerkit.evaluation.responses import read_responses
from oerkit.load import load_project

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

RESULTS = """learner_id,name,email,module,completion,score,outcomes
L1,Ann A,ann@example.org,A1,passed,90,A1-LO1:passed
L2,Bob B,bob@example.org,A1,failed,40,A1-LO1:failed
L3,Cy C,cy@example.org,A1,incomplete,,
L4,Di D,di@example.org,A1,completed,75,
L5,Ed E,ed@example.org,A1,completed,60,
L6,Fa F,fa@example.org,A1,not attempted,,
L1,Ann A,ann@example.org,A2,completed,,
"""
RESPONSES = """learner_id,item_id,response,latency
L4,A1-Q01,a,30
L4,A1-Q02,f,PT1M30S
L1,A1-Q01,a,60
X9,A1-Q01,b,
"""


@pytest.fixture(scope="module")
def cur():
    return load_project(MINI).curriculum


def test_rates_mastery_and_time(tmp_path, cur):
    (tmp_path / "results.csv").write_text(RESULTS, encoding="utf-8")
    (tmp_path / "responses.csv").write_text(RESPONSES, encoding="utf-8")
    results = read_results(tmp_path / "results.csv", cur)
    responses = read_responses(tmp_path / "responses.csv", cur.quizzes)
    assert results.problems == [] and responses.problems.items == []
    cohort = summarise(cur, results, responses.by_module())

    a1, a2 = cohort.modules
    assert (a1.module_id, a2.module_id) == ("A1", "A2")
    # A1: six learners. L4 completed with 75 and no pass/fail: 75 >= the mastery score 70, so passed;
    # L5 completed with 60: failed. Passed L1, L4; failed L2, L5; L3 in progress; L6 not started.
    assert a1.learners == 6
    assert a1.counts == {"passed": 2, "failed": 2, "completed": 0, "incomplete": 1, "not attempted": 1}
    assert a1.completion_rate == pytest.approx(4 / 6) and a1.pass_rate == pytest.approx(2 / 6)
    assert a1.median_score == pytest.approx((60 + 75) / 2)  # scores 40, 60, 75, 90
    # time: L4 30 s + 90 s = 120 s, L1 60 s, X9 none -> median of 120 and 60
    assert (a1.median_time, a1.timed) == (90, 2)
    # A2: completed without a quiz score: neither passed nor failed
    assert a2.counts["completed"] == 1 and a2.pass_rate == 0 and a2.completion_rate == 1
    assert a2.median_time is None

    # A1-LO1: L1 passed, L2 failed (from the results); L4 has no status, so it is estimated from the
    # responses: A1-Q01 right, A1-Q02 wrong -> 50 % < 70 %: not mastered. L5 has neither: not assessed.
    lo1 = next(o for o in cohort.outcomes if o.outcome_id == "A1-LO1")
    assert (lo1.assessed, lo1.mastered, lo1.estimated) == (3, 1, 1) and lo1.rate == pytest.approx(1 / 3)
    assert lo1.module_ids == ["A1"]

    ann = next(lrn for lrn in cohort.learners if lrn.learner_id == "L1")
    assert (ann.modules, ann.completed, ann.passed, ann.mean_score) == (2, 2, 1, 90)
    # a learner in the responses whom the results do not know is pointed out
    assert cohort.unmatched == ["X9"]


def test_moodle_gradebook_results_pass_by_mastery_score(tmp_path, cur):
    (tmp_path / "grades.csv").write_text(
        "First name,Last name,ID number,Email address,SCORM package: A1 First steps (Real)\n"
        "Ann,A,E-1,ann@example.org,70.00\nBob,B,,bob@example.org,69.99\nCy,C,E-3,cy@example.org,-\n",
        encoding="utf-8")
    results = read_results(tmp_path / "grades.csv", cur)
    assert results.problems == []
    (a1,) = summarise(cur, results).modules
    assert a1.counts == {"passed": 1, "failed": 1, "completed": 0, "incomplete": 0, "not attempted": 1}
    assert a1.pass_rate == pytest.approx(1 / 3)
