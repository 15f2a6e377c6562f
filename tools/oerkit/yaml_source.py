"""Read YAML files keeping the line and column of every key and item.

ruamel.yaml is used because it records positions for every node and refuses duplicate keys;
the result is converted to plain Python data plus a table of positions, so nothing downstream
depends on ruamel types.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .diagnostics import Report

Path_ = tuple  # a path into the data: keys and list indexes


@dataclass
class YamlDocument:
    """A YAML file's data, with the 1-based (line, column) of each path into it."""

    file: str  # path relative to the project root, as shown to authors
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def pos(self, path: Path_) -> tuple[int, int]:
        """Position of the nearest enclosing node that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def value_pos(self, path: Path_) -> tuple[int, int]:
        return self.positions.get(("@value",) + tuple(path), self.pos(path))


def _convert(node, path: Path_, positions: dict) -> object:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            skey = str(key) if not isinstance(key, str) else key
            try:
                line, col = node.lc.key(key)
                positions[path + (skey,)] = (line + 1, col + 1)
                vline, vcol = node.lc.value(key)
                positions[("@value",) + path + (skey,)] = (vline + 1, vcol + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[skey] = _convert(value, path + (skey,), positions)
        return out
    if isinstance(node, CommentedSeq):
        out = []
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                positions[path + (index,)] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out.append(_convert(value, path + (index,), positions))
        return out
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node  # left as is: schemas ask for strings, so the author is told to quote it
    return node


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """Read a file as UTF-8, reporting unreadable or non-UTF-8 content with its position."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.error(rel, (1, 1), f"cannot read file: {exc.strerror}", "file-unreadable")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.error(rel, _line_of_offset(raw, exc.start),
                     f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                     "file-encoding")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _first_definition(text: str, mark) -> int | None:
    """Line of the earlier key that a duplicate repeats: same indentation, same key, nearest above."""
    lines = text.splitlines()
    dup = lines[mark.line]
    key = dup[mark.column:].split(":", 1)[0].strip()
    prefix = dup[:mark.column]
    for i in range(mark.line - 1, -1, -1):
        line = lines[i]
        if line[:mark.column] == prefix and line[mark.column:].split(":", 1)[0].strip() == key:
            return i + 1
        if line.strip() and len(line) - len(line.lstrip()) < len(prefix) - len(prefix.lstrip(" -")):
            break
    return None


def load_yaml(path: Path, rel: str, report: Report) -> YamlDocument | None:
    """Load one YAML file; on any problem add a message to the report and return None."""
    text = read_text(path, rel, report)
    if text is None:
        return None
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        report.error(rel, (1, 1), "file is empty", "yaml-empty")
        return None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "").strip()
        context = (exc.context or "").strip()
        if "duplicate key" in (problem + context):
            key_mark = exc.problem_mark
            msg = f"duplicate key: {problem.replace('found duplicate key', '').strip() or 'a key appears twice'}"
            first = _first_definition(text, key_mark) if key_mark else None
            if first:
                msg += f" (first defined on line {first})"
            report.error(rel, (key_mark.line + 1, key_mark.column + 1) if key_mark else (line, col),
                         msg, "yaml-duplicate-key")
        else:
            detail = problem or context or "invalid YAML"
            if context and problem:
                detail = f"{problem} ({context})"
            report.error(rel, (line, col), f"YAML syntax error: {detail}", "yaml-syntax")
        return None
    except YAMLError as exc:
        report.error(rel, (1, 1), f"YAML error: {exc}", "yaml-syntax")
        return None
    positions: dict = {(): (1, 1)}
    data = _convert(node, (), positions)
    return YamlDocument(rel, data, positions)
