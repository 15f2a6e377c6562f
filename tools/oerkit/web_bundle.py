"""Bundle the JavaScript of oerkit/web/learner into one classic script with esbuild.

Browsers refuse ES modules from file:// pages and some LMS players; one bundled classic script works in both.
The same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import subprocess
from importlib import resources
from pathlib import Path

from .check_cache import salt


class BundleError(Exception):
    pass


def esbuild_path(root: Path) -> Path:
    candidates = [root / "node_modules", Path(__file__).resolve().parents[2] / "node_modules"]
    for c in candidates:
        if (c / ".bin" / "esbuild").is_file():
            return c / ".bin" / "esbuild"
    raise BundleError("esbuild is missing: run `npm ci` (or `make build`); it bundles the learner tools")


def bundle(root: Path, entry: str, out_file: Path) -> Path:
    """Bundle `entry` into `out_file`. A bundle made from the same sources by the same esbuild is kept (a
    file beside it records what it was made from, and its hash): every build asks for it."""
    source = Path(str(resources.files("oerkit") / "web" / "learner" / entry))
    esbuild = esbuild_path(root)
    command = [str(esbuild), str(source), "--bundle", "--format=iife", "--minify", "--target=es2020",
               "--legal-comments=none", "--charset=utf8", f"--outfile={out_file}", "--log-level=error"]
    made_from = _inputs_digest(esbuild, command)
    record = out_file.with_name(out_file.name + ".made-from")
    try:
        if record.read_text(encoding="utf-8") == f"{made_from} {_digest(out_file.read_bytes())}":
            return out_file
    except OSError:
        pass
    out_file.parent.mkdir(parents=True, exist_ok=True)
    record.unlink(missing_ok=True)
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleError(f"esbuild could not bundle {entry}:\n{proc.stderr.strip()}")
    record.write_text(f"{made_from} {_digest(out_file.read_bytes())}", encoding="utf-8")
    return out_file


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inputs_digest(esbuild: Path, command: list[str]) -> str:
    """What a bundle depends on: the command, esbuild's version and every file of the learner sources."""
    package = esbuild.resolve().parents[1] / "package.json"  # node_modules/esbuild/bin/esbuild
    try:
        version = package.read_text(encoding="utf-8")
    except OSError:
        version = str(esbuild.stat().st_mtime_ns)
    return salt("\0".join(command), version, files=("web/learner",))
