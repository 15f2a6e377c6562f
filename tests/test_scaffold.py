"""`oerkit new module|outcome|quiz`: scaffolds that validate at once and reach the site, edits that keep the
author's layout, and bad input refused with a clear message and nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oerkit.build import build_all

FOLDER = "modules/A3-urban-heat-and-health"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def errors(project):
    return [d for d in project.diagnostics() if d.severity == "error"]


def test_scaffolded_module_outcome_and_quiz_validate_and_appear_on_the_site(project):
    programme_before = project.path("curriculum/programme.yaml").read_text()
    made = project.oerkit("new", "module", "A3", "--title", "Urban heat and health", "--author", "Ana Silva")
    assert made.returncode == 0, made.stderr
    assert f"created {FOLDER}/module.yaml" in made.stdout and "created learning_outcomes/A3.yaml" in made.stdout
    assert "listed A3 in group A of curriculum/programme.yaml" in made.stdout
    assert errors(project) == []
    # the programme gained the id in its group, and nothing else changed
    assert project.path("curriculum/programme.yaml").read_text() == programme_before.replace(
        "modules: [A1, A2]", "modules: [A1, A2, A3]")

    assert project.oerkit("new", "outcome", "A3", "--statement", "Compare two heat action plans.",
                          "--bloom", "analyse").returncode == 0
    assert project.oerkit("new", "quiz", "A3").returncode == 0
    assert errors(project) == []
    codes = {d.code for d in project.diagnostics()}
    assert "schema-comment" not in codes  # the editor schema lines point at the real schemas

    outcomes = project.path("learning_outcomes/A3.yaml").read_text()
    assert "id: A3-LO2" in outcomes and "Compare two heat action plans." in outcomes and "bloom: analyse" in outcomes
    assert "outcomes: [A3-LO1, A3-LO2]" in project.path(f"{FOLDER}/module.yaml").read_text()
    quiz = project.path("assessment_quiz/A3.yaml").read_text()
    assert "type: single" in quiz and "type: truefalse" in quiz and "TODO" in quiz

    assert build_all(project.root, formats=["none"]) == 0
    site = project.root / "site"
    for prefix in ("", "el/", "de/", "pt/"):
        for page in ("index.html", "introduction.html", "quiz.html"):
            assert (site / prefix / FOLDER / page).is_file(), prefix + page
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S)[0]
    assert "A3 Urban heat and health" in nav and f'href="{FOLDER}/' in nav
    landing = (site / FOLDER / "index.html").read_text(encoding="utf-8")
    assert "Urban heat and health" in landing and "Ana Silva" in landing


def test_every_scaffold_carries_the_editor_schema_line_and_explains_what_to_fill_in(project):
    assert project.oerkit("new", "module", "A3", "--title", "Urban heat and health").returncode == 0
    assert project.oerkit("new", "quiz", "A3").returncode == 0
    for rel, schema in ((f"{FOLDER}/module.yaml", "module"), ("learning_outcomes/A3.yaml", "outcomes"),
                        ("assessment_quiz/A3.yaml", "quiz")):
        path = project.path(rel)
        first = path.read_text().splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert first.startswith("# yaml-language-server: $schema=") and target.endswith(f"{schema}.schema.json")
        assert (path.parent / target).resolve().is_file(), rel
        assert "TODO" in path.read_text() and sum(line.lstrip().startswith("#") for line in path.read_text().splitlines()) > 3
    page = project.path(f"{FOLDER}/introduction.md").read_text()
    assert page.startswith("# Urban heat and health\n") and "alt text" in page


def test_a_planned_slot_is_filled_in_its_group(project):
    before = project.path("curriculum/programme.yaml").read_text()
    made = project.oerkit("new", "module", "B1", "--title", "Bridges")
    assert made.returncode == 0, made.stderr
    assert project.path("curriculum/programme.yaml").read_text() == before
    assert "group: B" in project.path("modules/B1-bridges/module.yaml").read_text()
    assert errors(project) == []
    assert "programme-planned-slot" not in {d.code for d in project.diagnostics()}


def test_a_new_outcome_joins_the_file_and_the_list_that_already_hold_the_modules_outcomes(project):
    before = project.path("learning_outcomes/A.yaml").read_text()
    made = project.oerkit("new", "outcome", "A1", "--bloom", "apply")
    assert made.returncode == 0, made.stderr
    after = project.path("learning_outcomes/A.yaml").read_text()
    assert after.startswith(before) and "  - id: A1-LO2\n" in after[len(before):]
    assert "outcomes: [A1-LO1, A1-LO2]" in project.path("modules/A1-first-steps/module.yaml").read_text()
    assert errors(project) == []


def test_block_lists_and_comments_are_kept_when_a_module_is_listed(project):
    project.replace("curriculum/programme.yaml", "    modules: [A1, A2]\n",
                    "    # teaching order matters here\n    modules:\n      - A1\n      - A2  # the second step\n")
    before = project.path("curriculum/programme.yaml").read_text()
    assert project.oerkit("new", "module", "A3", "--title", "Urban heat and health").returncode == 0
    after = project.path("curriculum/programme.yaml").read_text()
    assert after == before.replace("      - A2  # the second step\n", "      - A2  # the second step\n      - A3\n")
    assert errors(project) == []


@pytest.mark.parametrize("args, message", [
    (("module", "A1", "--title", "Again"), "module 'A1' already exists (modules/A1-first-steps/module.yaml)"),
    (("module", "A 4", "--title", "Spaced"), "'A 4' is not a valid module id"),
    (("module", "A4/b", "--title", "Slash"), "'A4/b' is not a valid module id"),
    (("module", "A4", "--title", "Lost", "--group", "Z"), "unknown group 'Z' (groups in curriculum/programme.yaml: A, B)"),
    (("module", "Q1", "--title", "Where"), "which group does module 'Q1' belong to? Pass --group (one of: A, B)"),
    (("module", "B1", "--title", "Moved", "--group", "A"), "already plans module 'B1' in group 'B', not 'A'"),
    (("module", "A4", "--title", "  "), "--title is empty"),
    (("quiz", "A1"), "module 'A1' already has a quiz bank (assessment_quiz/A1.yaml)"),
    (("quiz", "A9"), "unknown module 'A9' (known: A1, A2)"),
    (("outcome", "A7"), "unknown module 'A7'"),
    (("outcome", "A1", "--bloom", "analyze"), "'analyze' is not a Bloom level"),
])
def test_bad_input_is_refused_and_nothing_is_written(project, args, message):
    before = snapshot(project.root)
    result = project.oerkit("new", *args)
    assert result.returncode == 1
    assert message in result.stderr and result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project.root) == before


def test_an_existing_module_folder_is_not_overwritten(project):
    project.write("modules/A4-draft/notes.md", "# Notes\n")
    before = snapshot(project.root)
    result = project.oerkit("new", "module", "A4", "--title", "Draft")
    assert result.returncode == 1 and "the folder modules/A4-draft/ already exists" in result.stderr
    assert snapshot(project.root) == before


def test_a_programme_that_does_not_load_stops_the_scaffold(project):
    project.replace("curriculum/programme.yaml", "eqf_level: 5", "eqf_level: five")
    before = snapshot(project.root)
    result = project.oerkit("new", "module", "A3", "--title", "Urban heat and health")
    assert result.returncode == 1 and "curriculum/programme.yaml is missing or has errors" in result.stderr
    assert snapshot(project.root) == before
