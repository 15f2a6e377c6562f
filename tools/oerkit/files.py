"""Writing a file as a new file: the bytes go to a temporary file beside it, which then takes its name.

Readers never see half a file, and a file that has other names (hard links: the staging site shares its
files with the published one, see export/site/incremental.py) is replaced, not changed."""

from __future__ import annotations

import os
from pathlib import Path


def write_new(path: Path, data: bytes | str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)
