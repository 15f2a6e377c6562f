"""The certification rule: which modules must be passed, at which score, and which outcomes must be achieved."""

from __future__ import annotations

import pytest

from cohorts import CERTIFICATION, add_certification
from oerkit.credentials.results import Learner, ModuleResult
from oerkit.credentials.rule import evaluate, pass_mark, required_outcomes, workload_hours
from oerkit.load import load_project


def curriculum(project, rule: str = "rule:\n  modules: all\n  outcomes: all\n"):
    add_certification(project.root, CERTIFICATION.replace("rule:\n  modules: all\n  outcomes: all\n", rule))
    result = load_project(project.root)
    assert result.report.errors == []
    return result.curriculum


def learner(**modules) -> Learner:
    """learner(A1=(completion, success, score, outcomes), ...)"""
    out = Learner("L1", "Maria Papadopoulou")
    for mid, (completion, success, score, *outcomes) in modules.items():
        out.modules[mid] = ModuleResult(mid, completion, success, score, outcomes[0] if outcomes else {})
    return out


def missing(cur, person) -> list[str]:
    return [s.message for s in evaluate(cur, person).shortfalls]


def test_every_module_passed_at_its_mastery_score_earns_the_credential(project):
    cur = curriculum(project)
    verdict = evaluate(cur, learner(A1=("completed", None, 70.0), A2=("completed", "passed", 96.0)))
    assert verdict.eligible and verdict.passed_modules == ["A1", "A2"] and verdict.average == 83.0
    assert workload_hours(cur) == 5 and required_outcomes(cur) == ["A1-LO1", "A2-LO1"]


def test_what_is_missing_is_said_module_by_module(project):
    cur = curriculum(project)
    assert missing(cur, learner(A1=("completed", None, 69.5))) == ["A1: score 69.5 below the pass mark 70",
                                                                   "A2: not attempted"]
    assert missing(cur, learner(A1=("incomplete", None, 90.0), A2=("completed", "failed", 75.0))) == [
        "A1: not completed", "A2: failed (score 75)"]
    assert missing(cur, learner(A1=("completed", None, None), A2=("not attempted", None, None))) == [
        "A1: completed without a score", "A2: not attempted"]
    assert missing(cur, learner(A1=("completed", "passed", None), A2=("completed", None, 80.0))) == []


def test_a_quiz_banks_mastery_score_is_that_modules_pass_mark(project):
    project.replace("assessment_quiz/A1.yaml", "module: A1\n", "module: A1\nmastery_score: 80\n")
    cur = curriculum(project)
    assert (pass_mark(cur, "A1"), pass_mark(cur, "A2")) == (80, 70)
    assert missing(cur, learner(A1=("completed", None, 75.0), A2=("completed", None, 75.0))) == [
        "A1: score 75 below the pass mark 80"]


def test_a_rule_with_its_own_pass_score_average_and_module_list(project):
    cur = curriculum(project, "rule:\n  modules: [A2]\n  pass_score: 60\n  min_average_score: 85\n")
    assert missing(cur, learner(A2=("completed", None, 65.0))) == ["average score 65, below the required average 85"]
    assert missing(cur, learner(A2=("completed", None, 90.0))) == [], "A1 is not required"
    assert required_outcomes(cur) == ["A2-LO1"]


def test_outcomes_reported_by_the_results_count_before_the_modules(project):
    cur = curriculum(project)
    failed = learner(A1=("completed", None, 90.0, {"A1-LO1": "failed"}), A2=("completed", None, 90.0))
    assert missing(cur, failed) == ["outcome A1-LO1: failed"]
    unknown = learner(A1=("completed", None, 90.0, {"A1-LO1": "unknown"}), A2=("completed", None, 90.0))
    assert missing(cur, unknown) == ["outcome A1-LO1: no result"]
    # passed in the results although its module is not required and not passed
    listed = curriculum(project, "rule:\n  modules: [A2]\n  outcomes: [A1-LO1, A2-LO1]\n")
    assert missing(listed, learner(A1=("completed", None, 20.0, {"A1-LO1": "passed"}), A2=("completed", None, 90.0))) == []
    assert missing(listed, learner(A1=("completed", None, 20.0), A2=("completed", None, 90.0))) == [
        "outcome A1-LO1: not achieved (no module that teaches it is passed)"]


@pytest.mark.parametrize("outcomes, expected", [("none", []), ("all", ["A1-LO1", "A2-LO1"]), ("[A2-LO1]", ["A2-LO1"])])
def test_required_outcomes(project, outcomes, expected):
    cur = curriculum(project, f"rule:\n  modules: all\n  outcomes: {outcomes}\n")
    assert required_outcomes(cur) == expected
