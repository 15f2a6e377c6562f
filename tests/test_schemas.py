"""Schema rules: unknown fields, missing fields, wrong types and values, with the line and a hint."""

import json
from pathlib import Path
from importlib import resources

from jsonschema import Draft202012Validator

from conftest import REPO, only


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


def _mutations(data, path=()):
    """Documents that differ from `data` in one place each: an unknown field, a wrong type, a missing
    field, an unknown language key, an empty text, a value out of its list or range."""
    if isinstance(data, dict):
        yield {**data, "unknwn_field": 1}
        for key, value in data.items():
            yield {k: v for k, v in data.items() if k != key}
            for changed in _mutations(value, path + (key,)):
                yield {**data, key: changed}
        if data and all(isinstance(k, str) and len(k) == 2 for k in data):
            yield {**data, "e1": "text"}
            yield {**data, next(iter(data)): ""}
    elif isinstance(data, list):
        yield []
        yield data + data[:1]
        for i, value in enumerate(data[:3]):
            for changed in _mutations(value, path + (i,)):
                yield data[:i] + [changed] + data[i + 1:]
    elif isinstance(data, bool):
        yield "yes"
    elif isinstance(data, (int, float)):
        yield -5
        yield 1000
        yield "many"
    elif isinstance(data, str):
        yield 12
        yield ""
        yield data + " x!"


def test_inlined_references_report_what_the_schemas_report():
    """The validators check schemas whose references are inlined (schemas.references_inlined): on every
    document of the curriculum, and on thousands of broken variants of them, they report the same findings,
    message for message, as jsonschema following the references itself (8 variants of each document, spread
    over its fields, of the 30,000 there are, to keep the test short)."""
    from referencing import Registry, Resource
    from oerkit import schemas
    from oerkit.diagnostics import Report
    from oerkit.load import discover
    from oerkit.yaml_source import load_yaml

    files = schemas.schema_files()
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in files.items())
    compared = findings = 0
    kinds = set()
    for path, kind in discover(REPO, Report()):
        doc = load_yaml(path, path.name, Report())
        referenced = Draft202012Validator(files[f"{kind}.schema.json"], registry=registry)
        assert schemas.validator_for(kind).schema != referenced.schema  # the references were inlined
        variants = list(_mutations(doc.data))
        for data in [doc.data, *variants[::max(1, len(variants) // 8)]]:
            if not isinstance(data, dict):
                continue
            expected = schemas.findings_of(referenced, data)
            assert schemas.findings_of(schemas.validator_for(kind), data) == expected, (path, data)
            compared += 1
            findings += len(expected)
        kinds.add(kind)
    assert kinds >= set(schemas.KINDS) - {"portal"} and compared > 700 and findings > 500, (kinds, compared, findings)


def test_a_recursive_schema_keeps_its_reference_back():
    from referencing import Registry, Resource
    from oerkit.schemas import findings_of, references_inlined
    files = {"tree.schema.json": {"$defs": {"node": {"type": "object", "additionalProperties": False, "properties": {
        "name": {"$ref": "words.schema.json#/$defs/word"},
        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}, "$ref": "#/$defs/node",
        "$schema": "https://json-schema.org/draft/2020-12/schema"},
        "words.schema.json": {"$defs": {"word": {"type": "string", "minLength": 1}},
                              "$schema": "https://json-schema.org/draft/2020-12/schema"}}
    inlined = references_inlined(files, "tree.schema.json")
    assert inlined["properties"]["name"] == {"type": "string", "minLength": 1}
    assert inlined["properties"]["children"]["items"] == {"$ref": "tree.schema.json#/$defs/node"}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in files.items())
    tree = {"name": "a", "children": [{"name": "b", "children": [{"name": "", "colour": "red"}]}]}
    found = findings_of(Draft202012Validator(inlined, registry=registry), tree)
    assert found == findings_of(Draft202012Validator(files["tree.schema.json"], registry=registry), tree)
    assert [p for p, _, _ in found] == [["children", 0, "children", 0, "colour"], ["children", 0, "children", 0, "name"]]
