"""What the last successful build of each output folder was made from (build/last-build.json), so that a
build with the same inputs can stop at once. Kept apart from build.py so that this check imports nothing
heavy: a no-op `oerkit build` answers in a fraction of a second."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from .build_cache import BUILD_INPUTS, files_under, toolchain_fingerprint

LAST_BUILD = "last-build.json"


def inputs_key(root: Path, toolchain: str, strict: bool, formats: list[str] | None) -> str:
    """Everything a build reads, hashed: the sources, the toolchain, the options, the commit (EPUB dates come
    from it) and SOURCE_DATE_EPOCH. Equal keys mean the previous build's output is still this build's."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        head = ""
    files = files_under(root, BUILD_INPUTS)
    digest = hashlib.sha256("\n".join([toolchain, str(strict), ",".join(sorted(formats or ["all"])), head.strip(),
                                       os.environ.get("SOURCE_DATE_EPOCH", "")]).encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def last_builds(work: Path) -> dict:
    try:
        return json.loads((work / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record_build(work: Path, target: Path, key: str) -> None:
    builds = last_builds(work)
    builds[str(target)] = key
    work.mkdir(parents=True, exist_ok=True)
    (work / LAST_BUILD).write_text(json.dumps(builds, indent=1, sort_keys=True) + "\n", encoding="utf-8")




def check(root: Path, target: Path, strict: bool, formats: list[str] | None) -> tuple[bool, str, str]:
    """(is the target up to date, the toolchain fingerprint, the inputs key) for a cached build."""
    toolchain = toolchain_fingerprint(root)
    key = inputs_key(root, toolchain, strict, formats)
    return target.is_dir() and last_builds(root / "build").get(str(target)) == key, toolchain, key
