"""Check YAML documents against the JSON Schemas (2020-12) shipped in oerkit/schemas/.

The schemas are also what editors use (through the `# yaml-language-server: $schema=` line);
this module turns jsonschema's errors into messages an author can act on.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources

from typing import TYPE_CHECKING

from .check_cache import NO_CACHE, CheckCache, salt
from .diagnostics import Report
from .yaml_source import YamlDocument

if TYPE_CHECKING:  # jsonschema is imported when a document is checked, not when the cache has the findings
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

KINDS = ("programme", "framework", "profile", "outcomes", "module", "quiz", "glossary", "maturity", "risk", "dynamics",
         "portal", "certification")  # every kind of source file (load.KIND_PATTERNS), in the order the guide lists them
TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "array": "a list", "object": "a mapping (key: value)", "null": "empty"}


def schema_files() -> dict[str, dict]:
    folder = resources.files("oerkit") / "schemas"
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".json")}


ANNOTATIONS = {"description", "title", "default", "examples", "$comment", "$schema", "$defs"}  # they assert nothing
DATA_KEYWORDS = {"const", "enum", "default", "examples"}  # keywords whose values are data, not schemas


def references_inlined(files: dict[str, dict], name: str, node=None, seen: tuple = ()):
    """The schema `name` with each `$ref` replaced by the schema it points to (in any of `files`).

    jsonschema resolves a reference every time it follows one, which was half of the time a first run spent
    checking the documents (a text in several languages is a reference, and there are thousands). The
    errors are the same: a reference and the schema it points to yield the same errors, with the same
    messages and paths. A reference's own annotations (its description) are dropped, as jsonschema ignores
    them too; a reference with assertions beside it becomes an allOf, which yields its errors as they are;
    a reference back into a schema being inlined (a recursive schema) is kept, made absolute."""
    if node is None:
        node = files[name]
    if isinstance(node, list):
        return [references_inlined(files, name, n, seen) for n in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        file, _, pointer = node["$ref"].partition("#")
        file = file or name
        if (file, pointer) in seen:
            return {**node, "$ref": f"{file}#{pointer}"}
        target = files[file]
        for part in filter(None, pointer.split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        inlined = references_inlined(files, file, target, seen + ((file, pointer),))
        rest = {k: v for k, v in node.items() if k != "$ref" and k not in ANNOTATIONS}
        return {"allOf": [inlined], **references_inlined(files, name, rest, seen)} if rest else inlined
    return {k: v if k in DATA_KEYWORDS else references_inlined(files, name, v, seen) for k, v in node.items()}


@lru_cache(maxsize=None)
def validator_for(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    files = schema_files()
    registry = Registry().with_resources(  # for the references kept (recursive schemas)
        (name, Resource.from_contents(schema)) for name, schema in files.items())
    return Draft202012Validator(references_inlined(files, f"{kind}.schema.json"), registry=registry)


def _describe_type(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return type(value).__name__


def _field_name(path) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "document"


def _messages(error: ValidationError, data):
    """Yield (path, message, code) for one jsonschema error in a document's `data`."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if error.schema is False or validator is None:
        # jsonschema does not say which property a `false` schema refused: find it by its value
        owner = _lookup(data, path)
        keys = [k for k, v in owner.items() if v == error.instance] if isinstance(owner, dict) else []
        kind = f" of type '{owner['type']}'" if isinstance(owner, dict) and "type" in owner else ""
        for key in keys or [None]:
            where = path + (key,) if key else path
            yield where, f"field '{key or _field_name(path)}' does not belong in an entry{kind}", \
                "schema-field-not-allowed"
        return
    if validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted((schema.get("properties") or {}).keys() - {"$schema"})
        instance = error.instance if isinstance(error.instance, dict) else {}
        extras = [k for k in instance if k not in (schema.get("properties") or {})]
        if "patternProperties" in schema or "propertyNames" in schema:
            extras = []
        if validator == "unevaluatedProperties":
            extras = [k for k in instance if k not in (schema.get("properties") or {})]
        for key in extras:
            hint = difflib.get_close_matches(key, allowed, n=1)
            msg = f"unknown field '{key}'"
            msg += f"; did you mean '{hint[0]}'?" if hint else f" (allowed: {', '.join(allowed)})"
            yield path + (key,), msg, "schema-unknown-field"
        if extras:
            return
    if validator == "required":
        missing = [r for r in error.validator_value if r not in (error.instance or {})]
        for key in missing:
            where = "" if not path else f" in '{_field_name(path)}'"
            yield path, f"missing required field '{key}'{where}", "schema-required"
        return
    if validator == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        names = " or ".join(TYPE_NAMES.get(t, t) for t in expected)
        hint = ""
        if "string" in expected and isinstance(error.instance, (int, float, bool)):
            hint = "; put the value in quotes"
        if "string" in expected and hasattr(error.instance, "isoformat"):
            hint = "; YAML read a date here: put the value in quotes"
        yield path, f"'{_field_name(path)}' should be {names}, not {_describe_type(error.instance)}{hint}", "schema-type"
        return
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        hint = difflib.get_close_matches(str(error.instance), options, n=1)
        msg = f"'{error.instance}' is not a valid value for '{_field_name(path)}' (allowed: {', '.join(options)})"
        if hint:
            msg += f"; did you mean '{hint[0]}'?"
        yield path, msg, "schema-enum"
        return
    if validator == "pattern":
        if "propertyNames" in error.schema_path:
            parent = _lookup(data, path)
            if isinstance(parent, dict) and parent.get(error.instance, "") is None:
                yield path + (error.instance,), (
                    f"'{error.instance}' looks like text cut off at a comma: in {{en: ...}} put text that contains "
                    "commas or colons in quotes, or write it on its own line"), "schema-key"
                return
            yield path + (error.instance,), (
                f"'{error.instance}' is not a valid key here (expected a two-letter language code such as 'en'"
                if "[a-z]{2}" in error.validator_value else f"'{error.instance}' is not a valid key here ("
                f"expected the form {error.validator_value}") + ")", "schema-key"
            return
        desc = schema.get("description") or ""
        hint = f" ({desc})" if desc else f" (expected the form {error.validator_value})"
        yield path, f"'{error.instance}' is not a valid value for '{_field_name(path)}'{hint}", "schema-pattern"
        return
    if validator in ("minItems", "maxItems", "minProperties"):
        yield path, f"'{_field_name(path)}' {error.message.split(' is ', 1)[-1] if ' is ' in error.message else error.message}", "schema-size"
        return
    if validator == "uniqueItems":
        yield path, f"'{_field_name(path)}' lists the same value more than once", "schema-unique"
        return
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}[validator]
        yield path, f"'{_field_name(path)}' is {error.instance}; it must be {bound} {error.validator_value}", "schema-range"
        return
    if validator == "minLength":
        yield path, f"'{_field_name(path)}' is empty", "schema-empty"
        return
    yield path, error.message, f"schema-{validator}"


def _lookup(data, path):
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@lru_cache(maxsize=1)
def _salt() -> str:
    return salt("schema", packages=("jsonschema",), files=("schemas.py", "schemas"))


def findings_of(validator: Draft202012Validator, data: dict) -> list:
    """The schema's findings for a document's data, as [path, message, code] (what the check cache keeps)."""
    found = []
    for error in validator.iter_errors(data):
        errors = [error]
        if error.validator in ("allOf", "anyOf", "oneOf", "if", "then") and error.context:
            errors = list(error.context)
        for err in errors:
            found += [[list(path), message, code] for path, message, code in _messages(err, data)]
    return found


def _findings_of(work: tuple[str, dict]) -> list:  # for CheckCache.fill's processes
    kind, data = work
    return findings_of(validator_for(kind), data)


def _cache_text(kind: str, data: dict) -> str:
    return f"{kind}\0{data!r}"


def check_documents_ahead(documents: list[tuple[YamlDocument, str]], cache: CheckCache) -> None:
    """Check the documents whose findings `cache` lacks in parallel processes, so that check_document finds
    them there: on a first run the schema checks are the larger part of loading a project."""
    cache.fill(_salt(), {_cache_text(kind, doc.data): (kind, doc.data) for doc, kind in documents
                         if isinstance(doc.data, dict)}, _findings_of)


def check_document(doc: YamlDocument, kind: str, report: Report, cache: CheckCache = NO_CACHE) -> bool:
    """Validate a document; return True when it matches its schema. The findings depend on the data alone,
    so `cache` may have them from an earlier run; their positions are looked up in the document as it is."""
    if not isinstance(doc.data, dict):
        report.error(doc.file, (1, 1), f"expected a mapping of fields at the top of the file, found {_describe_type(doc.data)}",
                     "schema-type")
        return False
    found = [(tuple(path), message, code)
             for path, message, code in cache.get(_salt(), _cache_text(kind, doc.data),
                                                  lambda: _findings_of((kind, doc.data)))]
    bad_keys = {path for path, _, code in found if code == "schema-key"}
    for path, message, code in found:
        if code == "schema-type" and path in bad_keys:
            continue  # the invalid key already says what is wrong
        report.error(doc.file, doc.pos(path), message, code)
    return not found
