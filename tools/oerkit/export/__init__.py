"""Exporters: each turns the curriculum model into one output format.

An exporter is a class with `name` and `export(cur, out_dir, languages) -> list[Artifact]`.
Register a new format here with one line; exporters never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Artifact:
    """A file an exporter produced, for the site's downloads sections."""
    module: str | None  # None for whole-programme files
    lang: str
    format: str  # label shown to readers, e.g. "SCORM 1.2"
    path: str  # relative to the site root
    size: int


EXPORTERS: dict[str, type] = {}


def register(cls):
    EXPORTERS[cls.name] = cls
    return cls
