"""Schema rules: unknown fields, missing fields, wrong types and values, with the line and a hint."""

import json
from pathlib import Path
from importlib import resources

from jsonschema import Draft202012Validator

from conftest import only


def test_every_schema_is_valid_2020_12():
    folder = resources.files("oerkit") / "schemas"
    names = [p.name for p in folder.iterdir() if p.name.endswith(".schema.json")]
    assert len(names) >= 8
    for name in names:
        schema = json.loads((folder / name).read_text())
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def test_unknown_field_suggests_the_right_one(project):
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3", "hours: 3\nprerequisite: [A1]")
    d = only(project.diagnostics(), "schema-unknown-field")[0]
    assert d.line == project.line_of("modules/A2-second-steps/module.yaml", "prerequisite: [A1]")
    assert "unknown field 'prerequisite'" in d.message and "did you mean 'prerequisites'" in d.message


def test_missing_required_field(project):
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3\n", "")
    d = only(project.diagnostics(), "schema-required")[0]
    assert "missing required field 'hours'" in d.message


def test_number_where_text_is_expected_says_to_quote(project):
    project.replace("modules/A2-second-steps/module.yaml", 'version: "1.0"', "version: 1.0")
    d = only(project.diagnostics(), "schema-type")[0]
    assert d.line == project.line_of("modules/A2-second-steps/module.yaml", "version: 1.0")
    assert "quotes" in d.message


def test_enum_value_suggests_nearest(project):
    project.replace("learning_outcomes/A.yaml", "bloom: understand", "bloom: understnd")
    d = only(project.diagnostics(), "schema-enum")[0]
    assert "did you mean 'understand'" in d.message
    assert d.line == project.line_of("learning_outcomes/A.yaml", "understnd")


def test_field_of_another_item_type_is_refused(project):
    project.replace("assessment_quiz/A1.yaml", "    answer: true\n", "    answer: true\n    pairs: []\n")
    d = only(project.diagnostics(), "schema-field-not-allowed")[0]
    assert "pairs" in d.message


def test_text_cut_at_a_comma_is_explained(project):
    project.replace("curriculum/glossary/core.yaml", '{en: "The ability to resist, absorb, adapt and recover."}',
                    "{en: The ability to resist, absorb, adapt and recover.}")
    diags = project.diagnostics()
    d = only(diags, "schema-key")[0]
    assert "quotes" in d.message
    assert not [x for x in diags if x.code == "schema-type"], "the cut text is reported once, not twice"


def test_every_kind_of_source_has_a_schema_and_a_place_in_the_reference():
    from oerkit.load import KIND_PATTERNS
    from oerkit.schemas import KINDS
    kinds = {kind for _, kind in KIND_PATTERNS}
    assert kinds == set(KINDS)
    schemas = Path(__file__).resolve().parents[1] / "tools" / "oerkit" / "schemas"
    assert all((schemas / f"{kind}.schema.json").is_file() for kind in kinds)
