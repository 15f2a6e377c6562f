"""The validator keeps the findings that depend on one file alone (schema checks, parsed Markdown) between
runs: a second run reports exactly what a first one does, and an edit is seen at once."""

from __future__ import annotations

import pickle

from oerkit.check_cache import CACHE_FILE


def stored(project) -> dict:
    return pickle.loads((project.root / "build" / CACHE_FILE).read_bytes())["entries"]


def report_lines(project) -> list[str]:
    return [d.format_text() for d in project.validate().sorted()]


def test_a_second_run_reports_what_the_first_reported_from_the_cache(project):
    project.replace("modules/A2-second-steps/module.yaml", "hours:", "hourz:")  # a schema error, with its line
    project.replace("modules/A1-first-steps/introduction.md", "](media/cycle.svg)", "](media/gone.svg)")
    first = report_lines(project)
    assert any("schema-unknown-field" in line for line in first) and any("markdown-missing-image" in line for line in first)
    cache = stored(project)
    assert len(cache) > 10  # schema findings per document and tokens per page
    assert report_lines(project) == first


def test_an_edit_after_a_cached_run_is_reported_where_it_is(project):
    report_lines(project)
    project.replace("modules/A2-second-steps/module.yaml", "hours:", "\nhourz:")  # one line further down
    project.write("modules/A1-first-steps/details.md", "# Details\n\nText.\n\n![](media/cycle.svg)\n")
    edited = project.diagnostics()
    schema = [d for d in edited if d.code == "schema-unknown-field"]
    assert schema and schema[0].line == project.line_of("modules/A2-second-steps/module.yaml", "hourz:")
    assert any(d.code == "markdown-alt-text" and d.file.endswith("details.md") for d in edited)
    project.replace("modules/A2-second-steps/module.yaml", "\nhourz:", "hours:")
    project.write("modules/A1-first-steps/details.md", "# Details\n\nText.\n")
    assert not [d for d in project.diagnostics() if d.code in ("schema-unknown-field", "markdown-alt-text")]


def test_the_cache_keeps_only_what_the_last_run_used(project):
    report_lines(project)
    size = len(stored(project))
    for n in range(3):
        project.write("modules/A1-first-steps/details.md", f"# Details\n\nVersion {n}.\n")
        report_lines(project)
    assert len(stored(project)) == size


def test_a_corrupt_cache_is_ignored(project):
    first = report_lines(project)
    for damaged in (b"not a pickle", pickle.dumps({"format": "another", "entries": []}), pickle.dumps([1, 2]),
                    b"\x80\x05\x95"):
        (project.root / "build" / CACHE_FILE).write_bytes(damaged)
        assert report_lines(project) == first


def test_an_edited_termbase_is_applied_to_texts_whose_terms_were_cached(project):
    project.write("i18n/terms.yaml", "terms:\n  - id: means\n    en: means\n    el: σημαίνει\n")
    assert not [d for d in project.diagnostics() if d.code == "termbase-term"]
    # a term only the introduction page uses, translated differently from what the Greek page says
    project.write("i18n/terms.yaml", "terms:\n  - id: city\n    en: city\n    el: δήμος\n")
    found = [d for d in project.diagnostics() if d.code == "termbase-term"]
    assert [d.file for d in found] == ["modules/A1-first-steps/introduction.el.md"] and "'δήμος'" in found[0].message
    assert [d.format_text() for d in project.diagnostics() if d.code == "termbase-term"] == \
        [d.format_text() for d in found]


def test_a_first_run_in_parallel_processes_reports_what_one_process_reports(project, monkeypatch):
    """On a first run the schema checks, the pages' parsing and the termbase check are worked out in
    processes of their own (CheckCache.fill) when there are enough of them; the report is the same."""
    import oerkit.check_cache as check_cache
    project.write("i18n/terms.yaml", "terms:\n  - id: resilience\n    en: resilience\n    el: ανθεκτικότητα\n")
    project.replace("learning_outcomes/A.yaml", "el: Εξηγεί τι σημαίνει ανθεκτικότητα.", "el: Εξηγεί τι σημαίνει αντοχή.")
    project.replace("modules/A2-second-steps/module.yaml", "hours:", "hourz:")
    project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/gone.svg)")
    worked_out_here, get = [], check_cache.CheckCache.get

    def noting_get(self, salt_value, content, compute):
        def noted():
            worked_out_here.append(compute.__qualname__.split(".")[0])  # the check that asked
            return compute()
        return get(self, salt_value, content, noted)

    monkeypatch.setattr(check_cache.CheckCache, "get", noting_get)

    def first_run(cores: int) -> list[str]:
        (project.root / "build" / CACHE_FILE).unlink(missing_ok=True)
        monkeypatch.setattr(check_cache.os, "cpu_count", lambda: cores)
        worked_out_here.clear()
        return report_lines(project)

    checks = {"check_document", "page_tokens", "check_termbase"}
    alone = first_run(1)
    assert checks <= set(worked_out_here)
    monkeypatch.setattr(check_cache, "MIN_PER_PROCESS", 1)  # the small project is enough to start processes
    assert first_run(2) == alone
    assert not checks & set(worked_out_here)  # every one of their results came from the other processes
    codes = " ".join(alone)
    assert "termbase-term" in codes and "schema-unknown-field" in codes and "markdown-missing-image" in codes
