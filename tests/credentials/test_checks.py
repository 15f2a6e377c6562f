"""curriculum/certification.yaml is validated like every source: its schema, the ids its rule names, and the issuer's
public key file; every message names the file and the line."""

from __future__ import annotations

from cohorts import CERTIFICATION, add_certification
from conftest import only

CERT = "curriculum/certification.yaml"


def test_the_certification_of_the_mini_project_is_valid(project):
    add_certification(project.root)
    assert [d for d in project.diagnostics() if d.file == CERT] == []


def test_the_rule_names_modules_and_outcomes_that_exist(project):
    add_certification(project.root, CERTIFICATION.replace("  modules: all\n  outcomes: all\n",
                                                          "  modules: [A1, A3]\n  outcomes: [A1-LO1, A1-LO7]\n"))
    module = only(project.diagnostics(), "ref-module")
    assert module[0].file == CERT and module[0].line == project.line_of(CERT, "modules: [A1, A3]")
    assert "unknown module 'A3'" in module[0].message
    outcome = only(project.diagnostics(), "ref-outcome")
    assert outcome[0].file == CERT and outcome[0].line == project.line_of(CERT, "outcomes: [A1-LO1, A1-LO7]")
    assert "did you mean 'A1-LO1'" in outcome[0].message


def test_schema_mistakes_are_reported_on_their_line(project):
    add_certification(project.root, CERTIFICATION.replace("site_url: https://example.org/mini/",
                                                          "site_url: http://example.org/mini")
                      .replace("validity_years: 3", "validity_year: 3"))
    diags = [d for d in project.diagnostics() if d.file == CERT]
    lines = {d.line for d in diags if d.severity == "error"}
    assert project.line_of(CERT, "site_url: http://example.org/mini") in lines
    unknown = only(diags, "schema-unknown-field")[0]
    assert unknown.line == project.line_of(CERT, "validity_year: 3") and "did you mean 'validity_years'" in unknown.message


def test_a_damaged_public_key_file_is_an_error(project):
    add_certification(project.root)
    project.write("curriculum/issuer-public-key.json", '{"type": "Multikey", "publicKeyMultibase": "z6MkNOPE"}')
    diag = only(project.diagnostics(), "certification-key")[0]
    assert diag.file == CERT and diag.line == project.line_of(CERT, "public_key:")
    assert "curriculum/issuer-public-key.json: publicKeyMultibase" in diag.message and "oerkit keys new" in diag.message
    project.write("curriculum/issuer-public-key.json", "{not json")
    assert "not a readable JSON file" in only(project.diagnostics(), "certification-key")[0].message
