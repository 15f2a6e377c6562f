"""Every reference resolves, ids are unique, modules sit where the programme says."""

from conftest import only


def test_unknown_competence_lists_known_ones(project):
    project.replace("learning_outcomes/A.yaml", "competences: [C2]", "competences: [C9]")
    d = only(project.diagnostics(), "ref-competence")[0]
    assert d.message.startswith("unknown competence 'C9' (known: C1, C2)")
    assert d.line == project.line_of("learning_outcomes/A.yaml", "[C9]")


def test_unknown_outcome_in_module(project):
    project.replace("modules/A2-second-steps/module.yaml", "outcomes: [A2-LO1]", "outcomes: [A2-LO9]")
    d = only(project.diagnostics(), "ref-outcome")[0]
    assert "unknown learning outcome 'A2-LO9'" in d.message and "did you mean 'A2-LO1'" in d.message


def test_unknown_prerequisite(project):
    project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [Z7]")
    d = only(project.diagnostics(), "ref-module")[0]
    assert "unknown module 'Z7'" in d.message


def test_quiz_item_with_unknown_outcome(project):
    project.replace("assessment_quiz/A2.yaml", "outcomes: [A2-LO1]", "outcomes: [NOPE]")
    d = only(project.diagnostics(), "ref-outcome")[0]
    assert d.file == "assessment_quiz/A2.yaml"
    assert d.line == project.line_of("assessment_quiz/A2.yaml", "[NOPE]")


def test_duplicate_outcome_id_names_first_definition(project):
    project.write("learning_outcomes/more.yaml", "outcomes:\n  - id: A1-LO1\n    statement: {en: Again.}\n"
                  "    competences: [C1]\n    bloom: remember\n    eqf_domain: knowledge\n")
    d = only(project.diagnostics(), "id-duplicate")[0]
    assert d.file == "learning_outcomes/more.yaml" and "learning_outcomes/A.yaml:2" in d.message


def test_module_missing_from_programme(project):
    project.replace("curriculum/programme.yaml", "modules: [A1, A2]", "modules: [A1]")
    d = only(project.diagnostics(), "programme-module-missing")[0]
    assert "module 'A2' is not listed in any group" in d.message


def test_module_in_wrong_group(project):
    project.replace("modules/A2-second-steps/module.yaml", "group: A", "group: B")
    d = only(project.diagnostics(), "module-group-mismatch")[0]
    assert "lists it in group 'A'" in d.message


def test_folder_name_must_start_with_id(project):
    project.path("modules/A2-second-steps").rename(project.path("modules/X2-second-steps"))
    d = only(project.diagnostics(), "module-folder-name")[0]
    assert "'X2-second-steps'" in d.message


def test_profile_target_above_scale(project):
    project.replace("curriculum/profiles/officer.yaml", "{competence: C1, level: 2", "{competence: C1, level: 7")
    d = only(project.diagnostics(), "profile-level-range")[0]
    assert "above the scale's top level 2" in d.message


def _codes(project):
    return sorted((d.file, d.code, d.message) for d in project.diagnostics())


def _new(project, baseline):
    """The (file, code) of each diagnostic that is not in `baseline`."""
    return [(file, code) for file, code, message in _codes(project) if (file, code, message) not in baseline]


def test_a_module_file_with_errors_is_reported_once_not_at_every_reference_to_the_module(project):
    """A typo in A2's module.yaml keeps A2 out of the curriculum; the link to A2's page, the programme's
    slot, A2's quiz bank and the outcome it teaches are not reported as broken too (they were: one typo in a
    module of the curriculum gave 79 errors). Once the file is fixed, the references are checked again."""
    baseline = _codes(project)
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3", "hourz: 3")
    assert _new(project, baseline) == [
        ("modules/A2-second-steps/module.yaml", "schema-required"),
        ("modules/A2-second-steps/module.yaml", "schema-unknown-field")]
    project.replace("modules/A2-second-steps/module.yaml", "hourz: 3", "hours: 3")
    project.replace("assessment_quiz/A2.yaml", "module: A2", "module: A3")
    assert ("assessment_quiz/A2.yaml", "ref-module") in _new(project, baseline)


def test_a_module_file_that_is_not_yaml_is_reported_once(project):
    baseline = _codes(project)
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3", "hours: [3")
    assert _new(project, baseline) == [
        ("modules/A2-second-steps/module.yaml", "yaml-syntax")]


def test_an_outcomes_file_with_errors_is_reported_once(project):
    baseline = _codes(project)
    project.replace("learning_outcomes/A.yaml", "  - id: A2-LO1", "  - id: A2-LO1\n    bogus: 1")
    assert _new(project, baseline) == [("learning_outcomes/A.yaml", "schema-unknown-field")]


def test_a_quiz_bank_with_errors_does_not_make_its_outcomes_unassessed(project):
    baseline = _codes(project)
    project.replace("assessment_quiz/A2.yaml", "module: A2", "module: A2\nmastery: 80")
    assert _new(project, baseline) == [("assessment_quiz/A2.yaml", "schema-unknown-field")]


def test_a_programme_with_errors_does_not_make_every_translation_an_unknown_language(project):
    baseline = _codes(project)
    project.replace("curriculum/programme.yaml", "languages:", "languagez:")
    assert _new(project, baseline) == [("curriculum/programme.yaml", "schema-required"),
                                       ("curriculum/programme.yaml", "schema-unknown-field")]
