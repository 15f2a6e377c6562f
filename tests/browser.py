"""Helpers for browser tests: a local static server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def static_server(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


@contextmanager
def toolkit_site(tmp_path_factory, name: str, prepare=None):
    """The mini fixture with the curriculum's real toolkit data (curriculum/tools), adapted by `prepare(root)`
    if given, built (site only) and served; yields the origin."""
    from oerkit.build import build_all
    root = tmp_path_factory.mktemp(name) / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    shutil.copytree(REPO / "curriculum/tools", root / "curriculum/tools")
    if prepare:
        prepare(root)
    assert build_all(root, formats=["none"]) == 0
    with static_server(root / "site") as url:
        yield url


@contextmanager
def watched_page(origin: str):
    """A Chromium page that fails the test on a script error or a request to another host."""
    from urllib.parse import urlsplit
    with chromium() as browser:
        p = browser.new_page(accept_downloads=True)
        p.errors, p.requests = [], []
        p.on("pageerror", lambda e: p.errors.append(str(e)))
        p.on("request", lambda r: p.requests.append(r.url))
        yield p
        assert p.errors == []
        assert [u for u in p.requests if urlsplit(u).netloc != urlsplit(origin).netloc and not u.startswith("data:")] == []
