"""`oerkit validate --changed`: only the files a branch changed and the files that depend on them, with the
same messages a full validation gives for those files."""

from __future__ import annotations

import subprocess

import pytest

from oerkit.changed import changed_paths, select_files, validate_changed
from oerkit.load import load_project
from oerkit.validate import validate_project

GIT = ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test", "-c", "commit.gpgsign=false"]


def git(root, *args) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(project):
    """The mini project as a git repository: `main` holds the fixture, the work happens on branch `work`."""
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "the mini project")
    git(project.root, "checkout", "-qb", "work")
    return project


def commit(project, message="change"):
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", message)


def selection(project):
    result = load_project(project.root)
    return select_files(result, changed_paths(project.root, "main"))


def test_committed_staged_unstaged_and_untracked_changes_all_count(repo):
    repo.replace("modules/A1-first-steps/details.md", "# ", "# More ")
    commit(repo)
    repo.replace("modules/A2-second-steps/checklist.md", "A checklist", "A short checklist")
    git(repo.root, "add", "modules/A2-second-steps/checklist.md")
    repo.replace("learning_outcomes/A.yaml", "Apply a simple checklist.", "Apply a simple checklist to a case.")
    repo.write("modules/A1-first-steps/extra.md", "# Extra\n")
    assert changed_paths(repo.root, "main") == [
        "learning_outcomes/A.yaml", "modules/A1-first-steps/details.md", "modules/A1-first-steps/extra.md",
        "modules/A2-second-steps/checklist.md"]


def test_a_changed_outcomes_file_pulls_in_the_modules_and_quizzes_citing_it(repo):
    repo.replace("learning_outcomes/A.yaml", "Apply a simple checklist.", "Apply a simple checklist to a case.")
    files = selection(repo).files
    assert {"learning_outcomes/A.yaml", "modules/A1-first-steps/module.yaml", "modules/A2-second-steps/module.yaml",
            "assessment_quiz/A1.yaml", "assessment_quiz/A2.yaml"} <= files
    assert "modules/A1-first-steps/introduction.md" not in files and "curriculum/glossary/core.yaml" not in files


def test_a_removed_outcome_reports_the_files_that_still_cite_it(repo):
    text = repo.path("learning_outcomes/A.yaml").read_text()
    repo.path("learning_outcomes/A.yaml").write_text(text.split("  - id: A2-LO1")[0])
    report = validate_changed(repo.root, "main")
    where = {(d.file, d.code) for d in report.items}
    assert ("modules/A2-second-steps/module.yaml", "ref-outcome") in where
    assert ("assessment_quiz/A2.yaml", "ref-outcome") in where


def test_a_changed_page_pulls_in_its_translations_and_its_module_only(repo):
    repo.replace("modules/A1-first-steps/introduction.md", "More words here.", "More words here, and more.")
    files = selection(repo).files
    assert files == {"modules/A1-first-steps/introduction.md", "modules/A1-first-steps/introduction.el.md",
                     "modules/A1-first-steps/details.md", "modules/A1-first-steps/module.yaml"}


def test_a_changed_module_pulls_in_what_depends_on_it(repo):
    repo.replace("modules/A1-first-steps/module.yaml", "hours: 2", "hours: 3")
    files = selection(repo).files
    assert {"modules/A2-second-steps/module.yaml",  # needs A1 first
            "assessment_quiz/A1.yaml", "learning_outcomes/A.yaml", "curriculum/glossary/core.yaml",
            "curriculum/programme.yaml", "modules/A1-first-steps/introduction.el.md"} <= files
    assert "assessment_quiz/A2.yaml" not in files


def test_a_changed_quiz_pulls_in_its_module_and_outcomes(repo):
    repo.replace("assessment_quiz/A2.yaml", "stem: {en: Match.}", "stem: {en: Match each with its kind.}")
    assert selection(repo).files == {"assessment_quiz/A2.yaml", "modules/A2-second-steps/module.yaml",
                                     "learning_outcomes/A.yaml"}


@pytest.mark.parametrize("change", [
    lambda p: p.replace("modules/A1-first-steps/introduction.el.md", "](", "](missing-"),
    lambda p: p.replace("learning_outcomes/A.yaml", "competences: [C2]", "competences: [C9]"),
    lambda p: p.replace("assessment_quiz/A1.yaml", "correct: true, feedback", "feedback"),
    lambda p: p.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [A1, A2]"),
])
def test_reports_exactly_what_a_full_validation_reports_for_the_selected_files(repo, change):
    change(repo)
    chosen = selection(repo).files
    assert chosen is not None
    partial = validate_changed(repo.root, "main").sorted()
    full = [d for d in validate_project(repo.root).report.sorted() if d.file in chosen]
    assert partial == full
    assert any(d.severity == "error" for d in partial)


def test_problems_in_files_the_change_does_not_touch_are_not_reported(repo):
    repo.replace("curriculum/glossary/core.yaml", "modules: [", "modules: [Z9, ")  # broken on main already
    git(repo.root, "checkout", "-q", "main")
    commit(repo, "a broken glossary on main")
    git(repo.root, "checkout", "-q", "work")
    git(repo.root, "merge", "-q", "main")
    repo.replace("modules/A2-second-steps/checklist.md", "A checklist", "A short checklist")
    assert [d for d in validate_changed(repo.root, "main").items if d.file == "curriculum/glossary/core.yaml"] == []
    # a change to the programme affects every file: then the glossary's error is reported too
    repo.replace("curriculum/programme.yaml", "eqf_level: 5", "eqf_level: 4")
    result = repo.oerkit("validate", "--changed", "--base", "main")
    assert result.returncode == 1 and "curriculum/glossary/core.yaml" in result.stdout
    assert "checking the whole project: curriculum/programme.yaml changed" in result.stderr


def test_a_deleted_source_checks_the_whole_project(repo):
    repo.path("modules/A1-first-steps/details.md").unlink()
    result = repo.oerkit("validate", "--changed")  # the default base: main
    assert "was deleted or renamed" in result.stderr
    assert result.returncode == 1 and "modules/A1-first-steps/module.yaml" in result.stdout  # the page is missing


def test_command_line_exit_codes_and_github_annotations(repo):
    result = repo.oerkit("validate", "--changed")
    assert result.returncode == 0 and "no source file changed against main" in result.stderr
    repo.write("README.md", "# Notes\n")
    assert "nothing to check" in repo.oerkit("validate", "--changed").stderr
    repo.replace("learning_outcomes/A.yaml", "competences: [C2]", "competences: [C9]")
    result = repo.oerkit("validate", "--changed", "--format", "github")
    line = repo.line_of("learning_outcomes/A.yaml", "[C9]")
    assert result.returncode == 1
    assert f"::error file=learning_outcomes/A.yaml,line={line}," in result.stdout
    assert "checked 1 file(s) changed against main and 4 that depend on them" in result.stderr


def test_without_git_or_with_an_unknown_base_the_message_says_what_to_do(project):
    result = project.oerkit("validate", "--changed")
    assert result.returncode == 2 and "is not in a git repository" in result.stderr
    assert "Traceback" not in result.stderr
    git(project.root, "init", "-q", "-b", "trunk")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "start")
    result = project.oerkit("validate", "--changed")
    assert result.returncode == 2 and "name the one to compare with: --base BRANCH" in result.stderr
    result = project.oerkit("validate", "--base", "nope")
    assert result.returncode == 2 and "the base 'nope' is not a branch, tag or commit" in result.stderr
    assert project.oerkit("validate", "--base", "trunk").returncode == 0
