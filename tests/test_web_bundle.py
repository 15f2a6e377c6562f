"""The learner tools' bundle: made by esbuild, kept while its sources and esbuild are the same."""

from __future__ import annotations

import subprocess

import pytest

from conftest import REPO
from oerkit import web_bundle


def test_a_bundle_is_made_once_and_again_when_it_or_its_sources_change(tmp_path, monkeypatch):
    out = tmp_path / "learner.js"
    web_bundle.bundle(REPO, "main.mjs", out)
    made = out.read_bytes()
    assert b"oerkit-data" in made

    runs = []
    real_run = subprocess.run
    monkeypatch.setattr(web_bundle.subprocess, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    web_bundle.bundle(REPO, "main.mjs", out)
    assert runs == [] and out.read_bytes() == made  # the same sources: kept

    out.write_bytes(b"damaged")
    web_bundle.bundle(REPO, "main.mjs", out)
    assert len(runs) == 1 and out.read_bytes() == made  # the file is not what was made: made again

    monkeypatch.setattr(web_bundle, "_inputs_digest", lambda *a: "other sources")
    web_bundle.bundle(REPO, "main.mjs", out)
    assert len(runs) == 2 and out.read_bytes() == made


def test_an_esbuild_failure_is_reported_and_not_taken_for_a_bundle(tmp_path, monkeypatch):
    out = tmp_path / "learner.js"
    with pytest.raises(web_bundle.BundleError, match="could not bundle missing.mjs"):
        web_bundle.bundle(REPO, "missing.mjs", out)
    assert not out.with_name("learner.js.made-from").exists()
