"""Bad files: syntax errors, duplicate keys, encodings and empty files get file:line messages."""

from conftest import only


def test_yaml_syntax_error_names_the_line(project):
    project.replace("curriculum/profiles/officer.yaml", "title: {en: Officer}", "title: {en: Officer")
    d = only(project.diagnostics(), "yaml-syntax")[0]
    assert d.file == "curriculum/profiles/officer.yaml"
    assert d.line in (2, 3)
    assert "YAML syntax error" in d.message


def test_duplicate_key_names_both_lines(project):
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3\n", "hours: 3\nhours: 4\n")
    d = only(project.diagnostics(), "yaml-duplicate-key")[0]
    line = project.line_of("modules/A2-second-steps/module.yaml", "hours: 4")
    assert (d.file, d.line) == ("modules/A2-second-steps/module.yaml", line)
    assert "hours" in d.message and f"line {line - 1}" in d.message


def test_non_utf8_file_is_reported_with_line(project):
    p = project.path("learning_outcomes/A.yaml")
    expected = project.line_of("learning_outcomes/A.yaml", "Apply a simple")
    p.write_bytes(p.read_bytes().replace("Apply a simple".encode(), b"Apply a \xe9simple"))
    d = only(project.diagnostics(), "file-encoding")[0]
    assert d.line == expected
    assert "UTF-8" in d.message


def test_empty_file(project):
    project.write("curriculum/glossary/empty.yaml", "# nothing here\n")
    d = only(project.diagnostics(), "yaml-empty")[0]
    assert d.file == "curriculum/glossary/empty.yaml"


def test_yml_extension_is_flagged(project):
    project.write("learning_outcomes/extra.yml", "outcomes: []\n")
    d = only(project.diagnostics(), "file-extension")[0]
    assert d.file == "learning_outcomes/extra.yml"


def test_scalars_follow_yaml_1_2_not_1_1(tmp_path):
    # YAML 1.1 would turn these into a boolean, an octal 8 and the sexagesimal 80: authors mean the text
    from oerkit.diagnostics import Report
    from oerkit.yaml_source import load_yaml
    path = tmp_path / "x.yaml"
    path.write_text("answer: yes\ncode: 010\ntime: 1:20\nflag: true\nhours: 2.5\nnothing: ~\nquoted: '3'\n")
    doc = load_yaml(path, "x.yaml", Report())
    assert doc.data == {"answer": "yes", "code": 10, "time": "1:20", "flag": True, "hours": 2.5, "nothing": None,
                        "quoted": "3"}
    assert doc.pos(("hours",)) == (5, 1) and doc.value_pos(("hours",)) == (5, 8)


def test_a_text_parsed_before_comes_from_the_check_cache_as_a_fresh_copy(tmp_path, monkeypatch):
    import datetime

    from oerkit import yaml_source
    from oerkit.check_cache import CheckCache
    from oerkit.diagnostics import Report
    source = tmp_path / "doc.yaml"
    source.write_text("id: A1\nissued: 2026-01-31\nlevels: [1, '2', 010]\nnested:\n  - {a: b}\n", encoding="utf-8")
    plain = yaml_source.load_yaml(source, "doc.yaml", Report())
    first = CheckCache(tmp_path)
    assert yaml_source.load_yaml(source, "doc.yaml", Report(), first).data == plain.data
    first.save()

    def no_parsing(text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml_source, "_parse", no_parsing)
    cache = CheckCache(tmp_path)
    doc = yaml_source.load_yaml(source, "doc.yaml", Report(), cache)
    assert (doc.data, doc.positions) == (plain.data, plain.positions)
    assert doc.data["issued"] == datetime.date(2026, 1, 31) and doc.data["levels"] == [1, "2", 10]
    assert doc.value_pos(("nested", 0, "a")) == (5, 9)
    doc.data["nested"][0]["a"] = "changed by a loader"
    assert yaml_source.load_yaml(source, "doc.yaml", Report(), cache).data == plain.data
    # an edited text is parsed, with its errors where they are
    source.write_text("id: A1\nid: A2\n", encoding="utf-8")
    monkeypatch.undo()
    report = Report()
    assert yaml_source.load_yaml(source, "doc.yaml", report, cache) is None
    assert [(d.code, d.line) for d in report.items] == [("yaml-duplicate-key", 2)]
