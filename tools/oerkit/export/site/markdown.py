"""Small helpers to write Markdown safely from model texts."""

from __future__ import annotations

import html
import re


def cell(value) -> str:
    """Text fit for a Markdown table cell: one line, pipes escaped."""
    return re.sub(r"\s*\n\s*", " ", str(value)).replace("|", "\\|").strip()


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def anchor(prefix: str, ident: str) -> str:
    return f"{prefix}-{re.sub(r'[^a-z0-9]+', '-', ident.lower()).strip('-')}"


def table(headers: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def fmt_number(value: float, lang: str) -> str:
    """Numbers as readers of each language write them (decimal comma outside English)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang != "en" else text


def definitions(items: list[tuple[str, str]]) -> list[str]:
    """A definition list (term, then ':   value'), for key facts about a thing."""
    out: list[str] = []
    for term, value in items:
        out += [cell(term), f":   {cell(value)}", ""]
    return out
