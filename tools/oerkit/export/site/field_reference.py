"""The guide's field reference: every field of every source file, written from the JSON Schemas each time the
site is built, so it never drifts from what `oerkit validate` checks and what editors complete.

The labels (columns, types, "required when ...") are UI strings in the reader's language; the field
descriptions are the schemas' own, in the language the schemas are written in."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from ...schemas import KINDS
from .markdown import cell, fmt_number, table

COMMON = "common.schema.json"
SCHEMA_LANGUAGE = "en"  # the language the schemas' titles and descriptions are written in
COMMON_TYPES = ("text", "text_list", "id", "id_list", "lang")  # shared value types with a label of their own
MAX_DEPTH = 6


@dataclass
class Field:
    path: str                                   # e.g. activities[].strategy
    type: str
    required: str
    description: str
    notes: list[str] = field(default_factory=list)


def _md(value: str) -> str:
    """Schema text in a table cell: one line, no raw HTML (e.g. '<id>' stays visible)."""
    return cell(html.escape(str(value), quote=False))


def _sentence(value: str) -> str:
    text = _md(value)
    return text + "." if text and text[-1] not in ".!?)" else text


def _code(value) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"`{text}`"


class Reference:
    def __init__(self, schemas: dict[str, dict], t: Callable[..., str], lang: str):
        self.schemas = schemas
        self.t = t
        self.lang = lang

    def resolve(self, schema: dict, file: str) -> tuple[dict, str, str | None]:
        """Follow $ref (keywords beside it win); return the schema, its file and the common type it names."""
        named = None
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 10:
            seen += 1
            target_file, _, pointer = schema["$ref"].partition("#")
            target_file = target_file or file
            target = self.schemas.get(target_file, {})
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part, {}) if isinstance(target, dict) else {}
            if target_file == COMMON and pointer.startswith("/$defs/") and named is None:
                named = pointer.rsplit("/", 1)[-1]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            file = target_file
        if not isinstance(schema, dict):
            return {}, file, named
        parts = [p for p in schema.get("allOf") or [] if isinstance(p, dict) and "if" not in p]
        if parts:  # allOf: [{$ref: ...}, {minItems: 1}] is one value with all their rules
            merged: dict = {}
            for part in parts:
                resolved, _, part_named = self.resolve(part, file)
                merged.update(resolved)
                named = named or part_named
            rules = [p for p in schema["allOf"] if p not in parts]
            schema = {**merged, **{k: v for k, v in schema.items() if k != "allOf"}, **({"allOf": rules} if rules else {})}
        return schema, file, named

    def type_label(self, schema: dict, file: str) -> str:
        t = self.t
        schema, file, named = self.resolve(schema, file)
        if named in COMMON_TYPES:
            return t(f"contribute.type.{named}")
        if "enum" in schema or "const" in schema:
            return t("contribute.type.choice")
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return " / ".join(dict.fromkeys(self.type_label(s, file) for s in schema[key]))
        kind = schema.get("type")
        if isinstance(kind, list):
            return " / ".join(t(f"contribute.type.{k}") for k in kind if k != "null")
        if kind == "array":
            items, _, item_named = self.resolve(schema.get("items") or {}, file)
            if items.get("type") == "object" or "properties" in items:
                return t("contribute.type.entries")
            return t("contribute.type.list_of", item=self.type_label(schema.get("items") or {}, file)) \
                if schema.get("items") else t("contribute.type.array")
        if kind == "object" and "properties" not in schema and isinstance(schema.get("additionalProperties"), dict):
            return t("contribute.type.map", value=self.type_label(schema["additionalProperties"], file))
        return t(f"contribute.type.{kind}") if kind else ""

    def notes(self, schema: dict, file: str) -> list[str]:
        t = self.t
        schema, _, named = self.resolve(schema, file)
        out = []
        values = schema.get("enum") or ([schema["const"]] if "const" in schema else [])
        if values:
            out.append(t("contribute.allowed", values=", ".join(_code(v) for v in values)))
        for key, label in (("minimum", "min"), ("exclusiveMinimum", "more_than"), ("maximum", "max"),
                           ("exclusiveMaximum", "less_than"), ("minItems", "min_items")):
            if key in schema and not (key == "minItems" and schema[key] <= 0):
                out.append(t(f"contribute.bound.{label}", value=fmt_number(schema[key], self.lang)))
        if "pattern" in schema and named not in COMMON_TYPES:
            out.append(t("contribute.form", value=_code(schema["pattern"])))
        if "default" in schema:
            out.append(t("contribute.default", value=_code(schema["default"])))
        return out

    def fields(self, schema: dict, file: str, prefix: str = "", depth: int = 0) -> list[Field]:
        schema, file, _ = self.resolve(schema, file)
        required = set(schema.get("required") or [])
        conditional = self.conditional_required(schema, file)
        out: list[Field] = []
        for name, sub in (schema.get("properties") or {}).items():
            if name == "$schema" or sub is False:
                continue
            resolved, sub_file, named = self.resolve(sub, file)
            need = self.t("contribute.required.yes") if name in required else conditional.get(name, "")
            description = sub.get("description") or ("" if named in COMMON_TYPES else resolved.get("description", ""))
            out.append(Field(prefix + name, self.type_label(sub, file), need, description, self.notes(sub, file)))
            if depth >= MAX_DEPTH:
                continue
            if "properties" in resolved:
                out += self.fields(resolved, sub_file, f"{prefix}{name}.", depth + 1)
            elif resolved.get("type") == "array" and isinstance(resolved.get("items"), dict):
                items, items_file, _ = self.resolve(resolved["items"], sub_file)
                if "properties" in items:
                    out += self.fields(items, items_file, f"{prefix}{name}[].", depth + 1)
            elif isinstance(resolved.get("additionalProperties"), dict):
                values, values_file, _ = self.resolve(resolved["additionalProperties"], sub_file)
                if "properties" in values:
                    out += self.fields(values, values_file, f"{prefix}{name}.*.", depth + 1)
        return out

    def conditional_required(self, schema: dict, file: str) -> dict[str, str]:
        """Fields that `allOf: [{if: {properties: {x: ...}}, then: {required: [...]}}]` requires for some values of x."""
        when: dict[str, dict[str, list]] = {}
        for rule in schema.get("allOf") or []:
            cond, then = rule.get("if") or {}, rule.get("then") or {}
            for key, test in (cond.get("properties") or {}).items():
                values = test.get("enum") or ([test["const"]] if "const" in test else [])
                for name in then.get("required") or []:
                    when.setdefault(name, {}).setdefault(key, []).extend(values)
        return {name: "; ".join(self.t("contribute.required.when", field=_code(key),
                                       values=", ".join(_code(v) for v in values))
                                for key, values in tests.items()) for name, tests in when.items()}

    def schema_text(self, value: str) -> str:
        """Text taken from a schema, marked with its language when the page is in another one."""
        if not value or self.lang == SCHEMA_LANGUAGE:
            return value
        return f'<span lang="{SCHEMA_LANGUAGE}">{value}</span>'

    def kind_title(self, kind: str, schema: dict) -> str:
        try:
            return self.t(f"contribute.kind.{kind}")
        except KeyError:
            return self.schema_text(_md(schema.get("title") or kind))

    def section(self, kind: str, schema: dict, file: str) -> list[str]:
        t = self.t
        where, _, about = (schema.get("description") or "").partition(": ")
        if not about:
            where, about = "", where
        out = [f"## {self.kind_title(kind, schema)} {{#{kind}}}", ""]
        if where:
            out += [f"{t('contribute.reference.file')}: `{where}`", ""]
        if about:
            out += [self.schema_text(_md(about[:1].upper() + about[1:])), ""]
        rows = [[f"`{f.path}`", f.type, f.required,
                 " ".join(x for x in [self.schema_text(_sentence(f.description)), *f.notes] if x)]
                for f in self.fields(schema, file)]
        out += [table([t("contribute.col.field"), t("contribute.col.type"), t("contribute.col.required"),
                       t("contribute.col.description")], rows), ""]
        return out

    def page(self) -> str:
        t = self.t
        out = [f"# {t('contribute.reference.title')}", "", t("contribute.reference.intro"), ""]
        kinds = [k for k in KINDS if f"{k}.schema.json" in self.schemas]
        kinds += sorted(name[: -len(".schema.json")] for name in self.schemas
                        if name.endswith(".schema.json") and name != COMMON and name[: -len(".schema.json")] not in kinds)
        for kind in kinds:
            out += self.section(kind, self.schemas[f"{kind}.schema.json"], f"{kind}.schema.json")
        common = (self.schemas.get(COMMON) or {}).get("$defs") or {}
        rows = [[t(f"contribute.type.{name}"), self.schema_text(_md(common[name]["description"]))]
                for name in COMMON_TYPES if name in common and common[name].get("description")]
        if rows:
            out += [f"## {t('contribute.reference.common')} {{#common-values}}", "",
                    table([t("contribute.col.type"), t("contribute.col.description")], rows), ""]
        return "\n".join(out)


def reference_page(schemas: dict[str, dict], t: Callable[..., str], lang: str) -> str:
    """The field reference in `lang` (UI strings from `t`), from the given schema files (name -> parsed JSON)."""
    return Reference(schemas, t, lang).page()
