"""Shared fixtures: a small valid project copied to a temporary folder, and helpers to break it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oerkit.validate import validate_project

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


class Project:
    """A copy of tests/fixtures/mini that a test may edit."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> Path:
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p

    def replace(self, rel: str, old: str, new: str) -> None:
        p = self.path(rel)
        text = p.read_text(encoding="utf-8")
        assert old in text, f"fixture {rel} does not contain {old!r}"
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, rel: str, needle: str) -> int:
        for i, line in enumerate(self.path(rel).read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return i
        raise AssertionError(f"{needle!r} not in {rel}")

    def validate(self):
        return validate_project(self.root).report

    def diagnostics(self, code: str | None = None):
        items = self.validate().sorted()
        return [d for d in items if code is None or d.code == code]

    def oerkit(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "oerkit", "--root", str(self.root), *args],
                              capture_output=True, text=True, timeout=600)


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    return Project(root)


def only(diags, code):
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} in: " + "\n".join(d.format_text() for d in diags)
    return found


@pytest.fixture
def cohort(project):
    """The mini project with an eight-item quiz for A1 and a seeded cohort of 60 learners (results.csv and
    responses.csv in the project folder), for the evaluation tests."""
    from evaluation.synthetic import bank_yaml, simulate, write_responses, write_results
    project.write("assessment_quiz/A1.yaml", bank_yaml())
    answers = simulate(learners=60, seed=11)
    write_results(project.path("results.csv"), answers)
    write_responses(project.path("responses.csv"), answers)
    return project
