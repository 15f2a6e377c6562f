"""Check that YAML files parse, and that no mapping repeats a key: `python check_yaml.py FILE...`.

Used by the pre-commit hook `check-yaml`, offline and with the project's own PyYAML. Files are composed, not
constructed, so tags such as mkdocs.yml's `!!python/object/apply` need no code to run. Messages name the file,
line and column; the exit status is 1 when a file has a problem."""

from __future__ import annotations

import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def duplicate_keys(node) -> list[tuple[str, yaml.Mark]]:
    found = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in seen:
                    found.append((key.value, key.start_mark))
                seen.add(key.value)
            found += duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += duplicate_keys(item)
    return found


def check(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as stream:
            documents = list(yaml.compose_all(stream, Loader=Loader))
    except UnicodeDecodeError as exc:
        return [f"{path}:1:1: error: not valid UTF-8 ({exc.reason}); save the file as UTF-8"]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else f"{path}:1:1"
        return [f"{where}: error: YAML syntax error: {exc.problem or exc.context}"]
    except yaml.YAMLError as exc:
        return [f"{path}:1:1: error: YAML error: {exc}"]
    return [f"{path}:{mark.line + 1}:{mark.column + 1}: error: duplicate key '{key}' in the same mapping"
            for doc in documents for key, mark in duplicate_keys(doc)]


def main(paths: list[str]) -> int:
    problems = [line for path in paths for line in check(path)]
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
