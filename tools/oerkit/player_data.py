"""Quiz items and UI strings as the JavaScript player reads them (shared by the site and SCORM packages)."""

from __future__ import annotations

from functools import lru_cache

from .locales import load_catalogue
from .model import QuizItem, text

PLAYABLE_TYPES = frozenset({"single", "multiple", "truefalse", "matching", "ordering", "fill_blank"})


def ui_messages(lang: str, default: str, prefixes: tuple[str, ...]) -> dict[str, str]:
    return dict(_ui_messages(lang, default, prefixes))


@lru_cache(maxsize=None)
def _ui_messages(lang: str, default: str, prefixes: tuple[str, ...]) -> dict[str, str]:
    """Picked from the whole catalogue once per process (every tool and quiz page of a build asks)."""
    source = load_catalogue(default)
    own = load_catalogue(lang)
    return {k: own.get(k) or v for k, v in source.items() if k.startswith(prefixes)}


def item_json(item: QuizItem, lang: str, default: str) -> dict:
    tx = lambda v: text(v, lang, default)  # noqa: E731
    out: dict = {"id": item.id, "type": item.type, "outcomes": item.outcomes, "stem": tx(item.stem),
                 "feedback": tx(item.feedback)}
    if item.type in ("single", "multiple"):
        out["options"] = [{"id": o.id, "text": tx(o.text), "correct": o.correct, "feedback": tx(o.feedback)}
                          for o in item.options]
    elif item.type == "truefalse":
        out.update(answer=item.answer, feedback_true=tx(item.feedback_true), feedback_false=tx(item.feedback_false))
    elif item.type == "matching":
        out["pairs"] = [{"id": p.id, "prompt": tx(p.prompt), "match": tx(p.match)} for p in item.pairs]
    elif item.type == "ordering":
        out["sequence"] = [{"id": s.id, "text": tx(s.text)} for s in item.sequence]
    elif item.type == "fill_blank":
        # a translated stem uses that language's answers; otherwise the default language's
        answer_lang = lang if lang in item.stem else default
        out["blanks"] = [{"answers": b.answers.get(answer_lang) or b.answers.get(default, [])} for b in item.blanks]
    return out
