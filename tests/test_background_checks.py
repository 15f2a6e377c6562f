"""The build checks the sources in a process of its own while it writes the pages: the findings are the ones
`oerkit validate` gives, errors stop the build before anything is published or reported as built, and
what the pages' writing made of wrong sources is not shown in place of the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

import oerkit.build as build
from oerkit.build import build_all
from oerkit.validate import BackgroundChecks, validate_project

REPO = Path(__file__).resolve().parents[1]


def findings(result) -> list:
    return [(d.file, d.line, d.column, d.severity, d.code, d.message) for d in result.report.items]


def child_processes() -> list[str]:
    return [pid for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]


@pytest.mark.parametrize("broken", [None, "reference", "yaml"])
def test_the_findings_are_validates_in_the_same_order(project, broken):
    if broken == "reference":
        project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [A9]")
        project.replace("modules/A1-first-steps/introduction.md", "media/cycle.svg)", "media/gone.svg)")
    elif broken == "yaml":
        project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [A1")
    checks = BackgroundChecks(project.root)
    assert checks.in_background == (broken != "yaml")  # a file that did not load: checked at once, here
    got = findings(checks.result())
    assert got == findings(validate_project(project.root))
    assert any(f[3] == "error" for f in got) == (broken is not None)
    assert child_processes() == []


def test_with_one_process_the_checks_run_at_once(project):
    checks = BackgroundChecks(project.root, processes=1)
    assert not checks.in_background and checks.loaded.report.items  # the fixture's warning is there already
    assert findings(checks.result()) == findings(validate_project(project.root))
    assert child_processes() == []
    assert build_all(project.root, jobs=1) == 0


def test_the_curriculum_gets_the_same_findings():
    assert findings(BackgroundChecks(REPO).result()) == findings(validate_project(REPO))


def test_errors_found_while_the_pages_are_written_stop_the_build(project, capsys):
    assert build_all(project.root) == 0
    capsys.readouterr()
    site = project.root / "site"
    before = (site / "index.html").read_text()
    project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [A9]")
    assert build_all(project.root) == 1
    err = capsys.readouterr().err
    assert "unknown" in err and "A9" in err and "build stopped: 1 error(s)" in err
    # the steps taken while the checks ran are not reported: the build did not make them
    assert "building quiz banks" not in err and "building the site" not in err
    assert (site / "index.html").read_text() == before and not (project.root / "site.building").exists()
    assert child_processes() == []


def test_a_failure_of_the_page_writing_on_wrong_sources_shows_the_findings(project, monkeypatch, capsys):
    """Pages written from sources the checks then find wrong may fail in any way: the author sees the
    findings, not that failure; on sources without errors, the failure is reported."""
    def crash(*args, **kwargs):
        raise KeyError("A9")

    monkeypatch.setattr(build.SiteExporter, "start", crash)
    project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A1]", "prerequisites: [A9]")
    assert build_all(project.root) == 1
    err = capsys.readouterr().err
    assert "A9" in err and "build stopped" in err and "KeyError" not in err
    project.replace("modules/A2-second-steps/module.yaml", "prerequisites: [A9]", "prerequisites: [A1]")
    with pytest.raises(KeyError):
        build_all(project.root)
    assert child_processes() == []
    assert not (project.root / "site").exists() and not (project.root / "site.building").exists()


def test_a_check_that_fails_in_its_process_is_reported(project, monkeypatch):
    import oerkit.validate as validate

    def broken_check(ctx):
        raise ValueError("a check's own bug")

    monkeypatch.setattr(validate, "CHECKS", (*validate.CHECKS, broken_check))
    with pytest.raises(RuntimeError, match="a check's own bug"):
        build_all(project.root)
    assert child_processes() == []
