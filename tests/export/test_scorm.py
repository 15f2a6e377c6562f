"""SCORM packages: valid manifests for 1.2 and 2004 4th Edition, reproducible, small, complete."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from oerkit.build import build_all
from oerkit.export.scorm import ScormExporter, ScormExportError, unplayable_items
from oerkit.model import QuizItem, Source
from oerkit.player_data import item_json
from oerkit.validate import validate_project
from scorm_check import validate_package


@pytest.fixture
def packages(project, tmp_path):
    cur = validate_project(project.root).curriculum
    artifacts = ScormExporter(project.root, tmp_path / "work").export(cur, tmp_path / "out")
    return {Path(a.path).name: tmp_path / "out" / a.path for a in artifacts}, artifacts


def test_every_module_language_and_version_is_packaged_and_valid(packages):
    files, artifacts = packages
    assert len(files) == 2 * 4 * 2
    assert {a.format for a in artifacts} == {"SCORM 1.2", "SCORM 2004 4th Edition"}
    for name, path in files.items():
        assert validate_package(path) == [], name


def test_manifest_titles_metadata_and_mastery(packages):
    files, _ = packages
    with zipfile.ZipFile(files["mini-A1-el-scorm12.zip"]) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        metadata = zf.read("metadata.xml").decode()
        index = zf.read("index.html").decode()
    assert "<title>A1 Πρώτα βήματα</title>" in manifest
    assert "<adlcp:masteryscore>70</adlcp:masteryscore>" in manifest
    assert '<language>el</language>' in metadata and "creativecommons.org/licenses/by-sa/4.0" in metadata
    assert '<html lang="el">' in index
    with zipfile.ZipFile(files["mini-A1-en-scorm2004.zip"]) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        metadata = zf.read("metadata.xml").decode()
    assert '<imsss:objective objectiveID="A1-LO1"/>' in manifest
    assert "<imsss:minNormalizedMeasure>0.70</imsss:minNormalizedMeasure>" in manifest
    assert "<keyword><string language=\"en\">resilience</string></keyword>" in metadata


def test_packages_load_nothing_from_other_hosts(packages):
    files, _ = packages
    for path in files.values():
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith((".html", ".css", ".js")):
                    body = zf.read(name).decode()
                    assert not [m for m in __import__("re").findall(r'(?:src|href)="(https?:)?//[^"]+"', body)], name


def test_same_sources_give_identical_packages(project, tmp_path):
    cur = validate_project(project.root).curriculum
    first = ScormExporter(project.root, tmp_path / "w1").export(cur, tmp_path / "one")
    second = ScormExporter(project.root, tmp_path / "w2").export(cur, tmp_path / "two")
    for a, b in zip(first, second):
        assert (tmp_path / "one" / a.path).read_bytes() == (tmp_path / "two" / b.path).read_bytes()


def test_module_without_quiz_still_gives_a_valid_package(project, tmp_path):
    project.path("assessment_quiz/A2.yaml").unlink()
    cur = validate_project(project.root).curriculum
    artifacts = ScormExporter(project.root, tmp_path / "w").export(cur, tmp_path / "out", ["en"])
    a2 = [tmp_path / "out" / a.path for a in artifacts if a.module == "A2"]
    assert len(a2) == 2
    for path in a2:
        assert validate_package(path) == []
        with zipfile.ZipFile(path) as zf:
            assert "masteryscore" not in zf.read("imsmanifest.xml").decode()
            assert '"quiz": null' in zf.read("index.html").decode()


def test_unplayable_item_type_is_reported_at_export_time(project, tmp_path):
    cur = validate_project(project.root).curriculum
    cur.quizzes["A1"].items.append(QuizItem(id="A1-Q99", type="essay", outcomes=["A1-LO1"], difficulty=None,
                                            stem={"en": "Write"}, feedback={"en": "."}, source=Source("x")))
    assert unplayable_items(cur, cur.modules["A1"]) == [
        "assessment_quiz/A1.yaml: item 'A1-Q99' has type 'essay', which the SCORM player cannot play"]
    with pytest.raises(ScormExportError, match="A1-Q99"):
        ScormExporter(project.root, tmp_path / "w").export(cur, tmp_path / "out")


def test_site_links_the_packages_from_the_module_page(project):
    assert build_all(project.root) == 0
    landing = (project.root / "site/el/modules/A1-first-steps/index.html").read_text()
    assert 'href="../../../downloads/scorm/mini-A1-el-scorm12.zip"' in landing
    assert (project.root / "site/downloads/scorm/mini-A1-el-scorm12.zip").is_file()


def test_suspend_data_of_the_largest_real_bank_stays_under_scorm_12_limit():
    """Worst case: every item answered, every blank filled to the kept maximum, every page seen."""
    cur = validate_project(REPO).curriculum
    bank = max(cur.quizzes.values(), key=lambda b: len(b.items))
    items = [item_json(i, "el", "en") for i in bank.items]
    pages = len(cur.modules[bank.module].pages) + 1
    script = """
import { encodeSuspend, FILL_MAX } from './tools/oerkit/web/learner/scorm-mapping.mjs';
const items = JSON.parse(process.argv[1]);
const worst = (item) => ({ single: item.options?.[item.options.length - 1]?.id, multiple: item.options?.map((o) => o.id),
  truefalse: false, matching: Object.fromEntries((item.pairs || []).map((p) => [p.id, p.id])),
  ordering: (item.sequence || []).map((s) => s.id).reverse(),
  fill_blank: (item.blanks || []).map(() => 'ω'.repeat(FILL_MAX)) })[item.type];
const responses = Object.fromEntries(items.map((i) => [i.id, worst(i)]));
const text = encodeSuspend(items, { seen: Array(Number(process.argv[2])).fill(true), location: 99, finished: true, responses });
console.log(text.length);
"""
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(items), str(pages)],
                         capture_output=True, text=True, cwd=REPO, check=True)
    assert int(out.stdout) < 4096, (bank.module, len(items), out.stdout)


@pytest.mark.parametrize("old, new, expected", [
    ('adlcp:scormtype="sco"', 'adlcp:scormType="sco"', "case matters"),
    ("<schemaversion>1.2</schemaversion>", "", "schemaversion"),
    ('<file href="sco.js"/>', '<file href="missing.js"/>', "missing.js"),
    ("<organizations default=\"org\">", "<organizations default=\"org\"><bogus/>", "imsmanifest.xml:"),
])
def test_the_checker_catches_broken_manifests(packages, tmp_path, old, new, expected):
    files, _ = packages
    source = files["mini-A1-en-scorm12.zip"]
    with zipfile.ZipFile(source) as zf:
        content = {n: zf.read(n) for n in zf.namelist()}
    manifest = content["imsmanifest.xml"].decode()
    assert old in manifest
    content["imsmanifest.xml"] = manifest.replace(old, new).encode()
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        for n, data in content.items():
            zf.writestr(n, data)
    assert any(expected in p for p in validate_package(broken)), validate_package(broken)
