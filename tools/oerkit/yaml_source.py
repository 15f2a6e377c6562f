"""Read YAML files keeping the line and column of every key and item.

PyYAML's libyaml parser (C) composes the node tree, which carries the position of every node; the tree is
then turned into plain Python data plus a table of positions, so nothing downstream depends on YAML
library types. Scalars are resolved with YAML 1.2 core rules (only true/false are booleans; 010 and 1:20
stay as written), and a key that appears twice in a mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.error import MarkedYAMLError, YAMLError

from .check_cache import NO_CACHE, CheckCache, salt
from .diagnostics import Report
from .texts import iter_texts

Path_ = tuple  # a path into the data: keys and list indexes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML was built with libyaml
PARSE_SALT = salt("yaml-parse", packages=("PyYAML",), files=("yaml_source.py",))


def parse_plain(text: str) -> object:
    """Plain data from YAML text, with the C parser, without positions: for front matter, UI catalogues and
    translation records, which tools write and authors rarely touch."""
    return yaml.load(text, Loader=_Loader)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema tags for plain scalars."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:timestamp", r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                                        r"(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                                        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$", "0123456789")):
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class _Composer(_Loader):
    """Compose only (no construction); plain scalars are re-resolved with the 1.2 rules below."""


_constructor = yaml.constructor.SafeConstructor()
_resolver = _Resolver()


class DuplicateKey(Exception):
    def __init__(self, key: str, first, second):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


@dataclass
class YamlDocument:
    """A YAML file's data, with the 1-based (line, column) of each path into it."""

    file: str  # path relative to the project root, as shown to authors
    data: object
    # the positions, or their pickle (from the check cache), unpickled when first asked for: most documents
    # have no finding to place, and the positions are most of a parsed document
    stored_positions: dict[Path_, tuple[int, int]] | bytes = field(default_factory=dict, repr=False)
    _texts: list | None = field(default=None, repr=False, compare=False)

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        if isinstance(self.stored_positions, bytes):
            self.stored_positions = pickle.loads(self.stored_positions)
        return self.stored_positions

    def texts(self) -> list[tuple[Path_, dict]]:
        """The translatable texts in the data (texts.iter_texts), found once: several checks go through them."""
        if self._texts is None:
            self._texts = list(iter_texts(self.data))
        return self._texts

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


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    if not node.style and tag in _PLAIN_TAGS:  # a plain scalar: resolve it with the 1.2 rules
        tag = _resolver.resolve(yaml.ScalarNode, node.value, (True, False))
        if tag != node.tag:
            node = yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
    if tag == "tag:yaml.org,2002:str":
        return node.value
    if tag == "tag:yaml.org,2002:int" and not node.style:
        value = node.value
        return int(value[2:], 8) if value.startswith("0o") else int(value, 16) if value.startswith("0x") else int(value)
    return _constructor.construct_object(node, deep=True)


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def _convert(node, path: Path_, positions: dict) -> object:
    if isinstance(node, yaml.MappingNode):
        out, seen = {}, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, {}) if not isinstance(key_node, yaml.ScalarNode) else _scalar(key_node)
            skey = key if isinstance(key, str) else str(key)
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # merge keys are not used by the curriculum's files
            if skey in seen:
                raise DuplicateKey(skey, seen[skey], key_node.start_mark)
            seen[skey] = key_node.start_mark
            positions[path + (skey,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            positions[("@value",) + path + (skey,)] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            out[skey] = _convert(value_node, path + (skey,), positions)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = []
        for index, item in enumerate(node.value):
            positions[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            out.append(_convert(item, path + (index,), positions))
        return out
    return _scalar(node)


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


def _parse(text: str) -> tuple[object, dict]:
    """The data and the positions of a YAML text; raises DuplicateKey or a YAMLError."""
    node = yaml.compose(text, Loader=_Composer)
    positions: dict = {(): (1, 1)}
    data = _convert(node, (), positions) if node is not None else None
    return data, positions


def _parsed(text: str) -> tuple[bytes, bytes] | None:
    """What the check cache keeps of a text: its data and its positions, each pickled, or None when it does not
    parse (its errors are then worked out again, with their positions)."""
    try:
        data, positions = _parse(text)
    except (DuplicateKey, YAMLError, ValueError):
        return None
    return pickle.dumps(data, protocol=5), pickle.dumps(positions, protocol=5)


def load_yaml(path: Path, rel: str, report: Report, cache: CheckCache = NO_CACHE) -> YamlDocument | None:
    """Load one YAML file; on any problem add a message to the report and return None. A text `cache` parsed
    before is not parsed again (each call gets its own copy of the data)."""
    text = read_text(path, rel, report)
    if text is None:
        return None
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        report.error(rel, (1, 1), "file is empty", "yaml-empty")
        return None
    parsed = cache.get(PARSE_SALT, text, lambda: _parsed(text)) if cache is not NO_CACHE else None
    if parsed is not None:
        data, positions = parsed
        return YamlDocument(rel, pickle.loads(data), positions)
    try:
        data, positions = _parse(text)
    except DuplicateKey as dup:
        report.error(rel, (dup.second.line + 1, dup.second.column + 1),
                     f"duplicate key: \"{dup.key}\" appears twice in the same mapping "
                     f"(first defined on line {dup.first.line + 1})", "yaml-duplicate-key")
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "").strip()
        context = (exc.context or "").strip()
        detail = problem or context or "invalid YAML"
        if context and problem:
            detail = f"{problem} ({context})"
        report.error(rel, (line, col), f"YAML syntax error: {detail}", "yaml-syntax")
        return None
    except (YAMLError, ValueError) as exc:
        report.error(rel, (1, 1), f"YAML error: {exc}", "yaml-syntax")
        return None
    return YamlDocument(rel, data, positions)
