from conftest import only


def test_single_choice_with_two_correct(project):
    project.replace("assessment_quiz/A1.yaml", "text: {en: A type of concrete}", "text: {en: A type of concrete}, correct: true")
    d = only(project.diagnostics(), "quiz-correct-count")[0]
    assert "exactly one correct option (has 2)" in d.message


def test_gaps_must_match_blanks(project):
    project.replace("assessment_quiz/A1.yaml", "runs to [[1]].", "runs to [[2]].")
    d = only(project.diagnostics(), "quiz-gaps")[0]
    assert "[[2]]" in d.message and "[[1]]" in d.message


def test_duplicate_option_ids(project):
    project.replace("assessment_quiz/A1.yaml", "- {id: b, text: {en: A type", "- {id: a, text: {en: A type")
    only(project.diagnostics(), "quiz-duplicate-element")


def test_wrong_item_type(project):
    project.replace("assessment_quiz/A1.yaml", "type: single", "type: essay")
    d = only(project.diagnostics(), "schema-enum")[0]
    assert "'essay'" in d.message
