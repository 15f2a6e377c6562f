"""Fixtures for the evaluation tests."""

import pytest
from synthetic import bank_yaml, simulate, write_responses, write_results


@pytest.fixture
def cohort(project):
    """The mini project with an eight-item quiz for A1 and a seeded cohort of 60 learners (results.csv and
    responses.csv in the project folder)."""
    project.write("assessment_quiz/A1.yaml", bank_yaml())
    answers = simulate(learners=60, seed=11)
    write_results(project.path("results.csv"), answers)
    write_responses(project.path("responses.csv"), answers)
    return project
