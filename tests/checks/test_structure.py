"""Prerequisite cycles are printed; constructive alignment gaps are warnings that --strict fails on."""

from conftest import only


def test_cycle_is_printed(project):
    project.replace("modules/A1-first-steps/module.yaml", "prerequisites: []", "prerequisites: [A2]")
    d = only(project.diagnostics(), "prerequisite-cycle")[0]
    assert "A1 -> A2 -> A1" in d.message or "A2 -> A1 -> A2" in d.message
    assert d.severity == "error"


def test_self_prerequisite(project):
    project.replace("modules/A1-first-steps/module.yaml", "prerequisites: []", "prerequisites: [A1]")
    only(project.diagnostics(), "prerequisite-self")


def test_outcome_not_taught(project):
    project.write("learning_outcomes/more.yaml", "outcomes:\n  - id: A9-LO1\n    statement: {en: Orphan.}\n"
                  "    competences: [C1]\n    bloom: remember\n    eqf_domain: knowledge\n")
    d = only(project.diagnostics(), "alignment-not-taught")[0]
    assert d.severity == "warning" and "A9-LO1" in d.message


def test_outcome_not_assessed(project):
    project.replace("assessment_quiz/A2.yaml", "outcomes: [A2-LO1]\n    stem: {en: Match.}",
                    "outcomes: [A1-LO1]\n    stem: {en: Match.}")
    for old in ("outcomes: [A2-LO1]\n    stem: {en: Put", "outcomes: [A2-LO1]\n    stem: {en: Which"):
        project.replace("assessment_quiz/A2.yaml", old, old.replace("A2-LO1", "A1-LO1"))
    d = only(project.diagnostics(), "alignment-not-assessed")[0]
    assert "A2-LO1" in d.message


def test_competence_not_developed(project):
    project.replace("learning_outcomes/A.yaml", "competences: [C2]", "competences: [C1]")
    d = only(project.diagnostics(), "alignment-competence-undeveloped")[0]
    assert "'C2'" in d.message


def test_strict_fails_on_warnings(project):
    assert project.oerkit("validate").returncode == 0
    result = project.oerkit("validate", "--strict")
    assert result.returncode == 1
    assert "programme-planned-slot" in result.stdout
