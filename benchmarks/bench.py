"""`make bench`: measurements of the build and its outputs, written to benchmarks/latest.json and .md.

Measured so far: the full build from clean (site and every download), the learner tools' script size
(minified, gzipped), the largest SCORM package (with and without media) and the median EPUB.
Issue 10 extends this harness (bare MkDocs baseline, rebuilds, synthetic curricula, package sizes).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from oerkit.build import build_all  # noqa: E402


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def main() -> int:
    results: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        shutil.rmtree(REPO / "build", ignore_errors=True)
        started = time.perf_counter()
        if build_all(REPO, out=Path(tmp) / "site") != 0:
            print("the build failed: nothing measured", file=sys.stderr)
            return 1
        results["full_build_s"] = round(time.perf_counter() - started, 2)
        script = Path(tmp) / "site" / "assets" / "oerkit" / "learner.js"
        results["tools_js_bytes"] = script.stat().st_size
        results["tools_js_gzip_kb"] = round(len(gzip.compress(script.read_bytes(), 9, mtime=0)) / 1024, 1)
        results["site_html_pages"] = sum(1 for _ in (Path(tmp) / "site").rglob("*.html"))
        downloads = Path(tmp) / "site" / "downloads"
        scorm = sorted(downloads.glob("scorm/*.zip"))
        if scorm:
            def without_media(path: Path) -> int:
                with zipfile.ZipFile(path) as zf:
                    return sum(i.compress_size for i in zf.infolist() if not i.filename.startswith("media/")) + 22
            results["scorm_packages"] = len(scorm)
            results["scorm_max_kb_excl_media"] = round(max(without_media(p) for p in scorm) / 1024, 1)
            results["scorm_max_kb"] = round(max(p.stat().st_size for p in scorm) / 1024, 1)
        epubs = sorted(p.stat().st_size for p in downloads.glob("epub/*.epub"))
        if epubs:
            results["epubs"] = len(epubs)
            results["epub_median_kb"] = round(statistics.median(epubs) / 1024, 1)
    out = REPO / "benchmarks"
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    rows = [f"| {k} | {v} |" for k, v in results.items()]
    (out / "latest.md").write_text("# Latest benchmark\n\n| measure | value |\n|---|---|\n" + "\n".join(rows) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
