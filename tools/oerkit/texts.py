"""Find the translatable texts in YAML data: maps from language code to text (or to a list of texts)."""

from __future__ import annotations

import re

LANG_KEY = re.compile(r"^[a-z]{2}$")
NOT_TEXT = {"language_names"}  # maps keyed by language that are not translations


def is_text_map(value) -> bool:
    if not isinstance(value, dict) or not value:
        return False
    for key, text in value.items():  # most mappings fail at their first key
        if not (isinstance(key, str) and len(key) == 2 and LANG_KEY.match(key)) or not isinstance(text, (str, list)):
            return False
    return True


def iter_texts(data, path: tuple = ()):
    """Yield (path, text map) for every translatable text in the data."""
    if is_text_map(data):
        yield path, data
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_TEXT:
                continue
            yield from iter_texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_texts(value, path + (i,))


def stable_key(data, path: tuple) -> str:
    """A path that survives reordering: list items that have an id are named by it."""
    parts, node = [], data
    for step in path:
        if isinstance(step, int) and isinstance(node, list):
            item = node[step]
            parts.append(str(item["id"]) if isinstance(item, dict) and "id" in item else str(step))
        else:
            parts.append(str(step))
        node = node[step] if isinstance(node, (list, dict)) else None
    return "/" + "/".join(parts)
