"""Bundle the JavaScript of oerkit/web/learner into one classic script with esbuild.

Browsers refuse ES modules from file:// pages and some LMS players; one bundled classic script works in both.
The same sources give the same bytes.
"""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path


class BundleError(Exception):
    pass


def esbuild_path(root: Path) -> Path:
    candidates = [root / "node_modules", Path(__file__).resolve().parents[2] / "node_modules"]
    for c in candidates:
        if (c / ".bin" / "esbuild").is_file():
            return c / ".bin" / "esbuild"
    raise BundleError("esbuild is missing: run `npm ci` (or `make build`); it bundles the learner tools")


def bundle(root: Path, entry: str, out_file: Path) -> Path:
    source = Path(str(resources.files("oerkit") / "web" / "learner" / entry))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([str(esbuild_path(root)), str(source), "--bundle", "--format=iife", "--minify",
                           "--target=es2020", "--legal-comments=none", "--charset=utf8", f"--outfile={out_file}",
                           "--log-level=error"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleError(f"esbuild could not bundle {entry}:\n{proc.stderr.strip()}")
    return out_file
