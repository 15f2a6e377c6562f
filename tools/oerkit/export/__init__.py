"""Exporters: each turns the curriculum model into one output format (one module or package per format).

Exporters never import each other; what they share (the model, rendering helpers) lives outside export/.
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
    note: str = ""  # what readers must know to use it, e.g. the H5P libraries a platform needs

