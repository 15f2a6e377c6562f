"""Classical item analysis of one module's quiz from the cohort's responses.

For each item, over the n learners whose answer to it was scored (x = the item score, 1 correct, 0 not;
a learner who did not answer the item is left out of its statistics):

- difficulty p = mean of x (the share of correct answers);
- discrimination r = the corrected item-total correlation: Pearson's r between x and the rest score
  y = (the learner's total on the module's quiz) - x, so the item is not correlated with itself.
  For 0/1 scores this is the point-biserial correlation r_pb = (M1 - M0) / s_y * sqrt(p (1 - p)),
  with M1, M0 the mean rest scores of those who got the item right and wrong and s_y the standard
  deviation of y over the n learners (divided by n). Unanswered items count 0 in a learner's total.
  r is undefined (None, never NaN) when everybody has the same item score, the same rest score, or n < 2;
- choice rates: for items with options, the share of the n learners who chose each option.

Items to review are flagged when at least MIN_RESPONSES learners answered them (fewer give unstable
figures): p < P_HARD (too hard, or a wrong key), p > P_EASY (too easy), r < 0 (the learners who do
well on the rest of the quiz get it wrong: check the key), r < R_WEAK (discriminates weakly), a
distractor that nobody chose, and (single choice) a distractor chosen more often than the key.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from ..model import QuizBank, QuizItem, Text
from .responses import Response

P_HARD = 0.20
P_EASY = 0.95
R_WEAK = 0.20
MIN_RESPONSES = 10


@dataclass
class OptionStat:
    id: str
    text: Text
    correct: bool
    chosen: int
    rate: float  # chosen / n


@dataclass(frozen=True)
class Flag:
    code: str  # too-hard, too-easy, negative, weak, unused-distractor, distractor-beats-key
    option: str = ""  # the option concerned, for the distractor flags


@dataclass
class ItemStats:
    item: QuizItem
    number: int  # position in the quiz bank, from 1
    n: int
    p: float | None
    r: float | None
    undefined: str = ""  # why r is None: "constant-item", "constant-rest", "too-few" or "no-responses"
    options: list[OptionStat] = field(default_factory=list)
    median_latency: float | None = None
    flags: list[Flag] = field(default_factory=list)


@dataclass
class QuizAnalysis:
    module_id: str
    learners: int  # learners with at least one scored answer
    items: list[ItemStats]
    mean_score: float | None  # mean total as a share of the number of items

    @property
    def to_review(self) -> list[ItemStats]:
        return [s for s in self.items if s.flags]


def correlation(xs: list[float], ys: list[float]) -> tuple[float | None, str]:
    """Pearson's r and, when it is undefined, why."""
    n = len(xs)
    if n < 2:
        return None, "too-few" if n else "no-responses"
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx < 1e-12:
        return None, "constant-item"
    if syy < 1e-12:
        return None, "constant-rest"
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy))), ""


def _options(item: QuizItem, answered: list[Response]) -> list[OptionStat]:
    if item.type in ("single", "multiple"):
        options = [(o.id, o.text, o.correct) for o in item.options]
    elif item.type == "truefalse":
        options = [("true", {}, item.answer is True), ("false", {}, item.answer is False)]
    else:
        return []
    with_choice = [r for r in answered if r.choices]
    n = len(with_choice)
    return [OptionStat(oid, text, correct, sum(oid in r.choices for r in with_choice),
                       sum(oid in r.choices for r in with_choice) / n if n else 0.0)
            for oid, text, correct in options]


def _flags(item: QuizItem, s: ItemStats) -> list[Flag]:
    if s.n < MIN_RESPONSES or s.p is None:
        return []
    flags = []
    if s.p < P_HARD:
        flags.append(Flag("too-hard"))
    if s.p > P_EASY:
        flags.append(Flag("too-easy"))
    if s.r is not None and s.r < 0:
        flags.append(Flag("negative"))
    elif s.r is not None and s.r < R_WEAK:
        flags.append(Flag("weak"))
    if item.type in ("single", "multiple"):
        key_rate = max((o.rate for o in s.options if o.correct), default=0.0)
        for o in s.options:
            if not o.correct and o.chosen == 0:
                flags.append(Flag("unused-distractor", o.id))
            elif item.type == "single" and not o.correct and o.rate > key_rate:
                flags.append(Flag("distractor-beats-key", o.id))
    return flags


def analyse_quiz(bank: QuizBank, answers: dict[str, dict[str, Response]]) -> QuizAnalysis:
    """answers: learner id -> item id -> response (one per learner and item, see responses.py)."""
    totals = {learner: sum(r.score for r in by_item.values() if r.score is not None)
              for learner, by_item in answers.items()}
    scored_learners = [lrn for lrn, by_item in answers.items() if any(r.score is not None for r in by_item.values())]
    items = []
    for number, item in enumerate(bank.items, 1):
        answered = [by_item[item.id] for _, by_item in sorted(answers.items())
                    if item.id in by_item and by_item[item.id].score is not None]
        xs = [r.score for r in answered]
        ys = [totals[r.learner_id] - r.score for r in answered]
        r, why = correlation(xs, ys)
        latencies = [r_.latency for r_ in answered if r_.latency is not None]
        stats = ItemStats(item, number, len(xs), sum(xs) / len(xs) if xs else None, r, why, _options(item, answered),
                          statistics.median(latencies) if latencies else None)
        stats.flags = _flags(item, stats)
        items.append(stats)
    k = len(bank.items)
    mean = (sum(totals[lrn] for lrn in scored_learners) / len(scored_learners) / k) if scored_learners and k else None
    return QuizAnalysis(bank.module, len(scored_learners), items, mean)
