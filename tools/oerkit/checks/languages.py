"""Texts must be in declared languages and always include the default language."""

from __future__ import annotations

from .context import CheckContext


def check_languages(ctx: CheckContext) -> None:
    cur = ctx.cur
    if cur.programme is None:
        return
    languages = cur.languages
    default = cur.default_language
    for doc in ctx.result.documents.values():
        for path, value in doc.texts():
            for lang in value:
                if lang not in languages:
                    ctx.report.error(doc.file, doc.pos(path + (lang,)), f"unknown language '{lang}' (declared in "
                                     f"curriculum/programme.yaml: {', '.join(languages)})", "lang-unknown")
            if default not in value:
                ctx.report.error(doc.file, doc.pos(path), f"'{path[-1] if path else 'text'}' has no text in the "
                                 f"default language '{default}'", "lang-default-missing")
    names = cur.programme.language_names
    for lang in languages:
        if names and lang not in names:
            ctx.warning(cur.programme.source, ("language_names",), f"no display name for language '{lang}'",
                        "lang-name-missing")
