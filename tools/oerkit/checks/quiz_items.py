"""What schemas cannot say about quiz items: how many answers are correct, gaps match blanks, ids unique."""

from __future__ import annotations

import re

from .context import CheckContext

GAP = re.compile(r"\[\[(\d+)\]\]")


def _unique(ctx, item, field, elements) -> None:
    ids = [e.id for e in elements]
    for i, eid in enumerate(ids):
        if ids.index(eid) != i:
            ctx.error(item.source, (field, i, "id"), f"id '{eid}' is used twice in item '{item.id}'",
                      "quiz-duplicate-element")


def check_quiz_items(ctx: CheckContext) -> None:
    for bank in ctx.cur.quizzes.values():
        for item in bank.items:
            if item.type in ("single", "multiple"):
                _unique(ctx, item, "options", item.options)
                n = sum(o.correct for o in item.options)
                if item.type == "single" and n != 1:
                    ctx.error(item.source, ("options",), f"single-choice item '{item.id}' must have exactly one "
                              f"correct option (has {n})", "quiz-correct-count")
                if item.type == "multiple" and n == 0:
                    ctx.error(item.source, ("options",), f"multiple-response item '{item.id}' has no correct option",
                              "quiz-correct-count")
                if item.type == "multiple" and n == len(item.options):
                    ctx.warning(item.source, ("options",), f"every option of item '{item.id}' is correct: "
                                "add distractors", "quiz-no-distractor")
            elif item.type == "matching":
                _unique(ctx, item, "pairs", item.pairs)
            elif item.type == "ordering":
                _unique(ctx, item, "sequence", item.sequence)
            elif item.type == "fill_blank":
                for lang, stem in item.stem.items():
                    gaps = [int(g) for g in GAP.findall(stem)]
                    expected = list(range(1, len(item.blanks) + 1))
                    if sorted(gaps) != expected:
                        ctx.error(item.source, ("stem", lang), f"the {lang} stem of '{item.id}' has gaps "
                                  f"{', '.join(f'[[{g}]]' for g in gaps) or 'none'} but {len(item.blanks)} blank(s) are "
                                  f"defined; number the gaps [[1]] to [[{len(item.blanks)}]]", "quiz-gaps")
                    for bi, blank in enumerate(item.blanks):
                        if lang not in blank.answers:
                            ctx.error(item.source, ("blanks", bi, "answers"), f"blank {bi + 1} of '{item.id}' has no "
                                      f"accepted answer in '{lang}', but the stem is translated", "quiz-blank-lang")
