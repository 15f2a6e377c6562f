"""Synthetic cohorts with known properties, for the evaluation tests (seeded: the same cohort every run).

Each learner has an ability drawn from N(0, 1); each single-choice item has a difficulty b and answers follow
a logistic model, P(right) = 1 / (1 + exp(-1.7 (ability - b))). A learner who is not right picks a wrong option
with the item's weights. An item can be *miskeyed*: the bank marks option a as correct, but the option that
able learners choose is b, so the LMS scores them wrong.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from oerkit.model import Option, QuizBank, QuizItem


@dataclass
class ItemSpec:
    id: str
    b: float  # difficulty on the ability scale
    wrong_weights: dict[str, float] = field(default_factory=lambda: {"b": 1, "c": 1, "d": 1})
    true_answer: str = "a"  # what able learners choose; the bank always keys "a"


# eight items: four ordinary ones, one miskeyed, one very easy, one very hard, one with a distractor nobody picks
SPECS = [
    ItemSpec("A1-Q01", -0.8), ItemSpec("A1-Q02", -0.2), ItemSpec("A1-Q03", 0.3), ItemSpec("A1-Q04", 0.8),
    ItemSpec("A1-Q05", 0.0, {"a": 3, "c": 1, "d": 1}, true_answer="b"),  # miskeyed
    ItemSpec("A1-Q06", -4.5),  # too easy
    ItemSpec("A1-Q07", 3.5),  # too hard
    ItemSpec("A1-Q08", -0.5, {"b": 1, "c": 1, "d": 0}),  # nobody picks d
]
MISKEYED, EASY, HARD, UNUSED = "A1-Q05", "A1-Q06", "A1-Q07", "A1-Q08"
ORDINARY = ["A1-Q01", "A1-Q02", "A1-Q03", "A1-Q04"]


def bank_yaml(specs=SPECS, module="A1", outcome="A1-LO1") -> str:
    """A quiz bank for the mini project: single-choice items, option a keyed correct."""
    lines = [f"module: {module}", "items:"]
    for n, s in enumerate(specs, 1):
        lines += [f"  - id: {s.id}", "    type: single", f"    outcomes: [{outcome}]",
                  f"    stem: {{en: 'Synthetic question {n}?'}}", "    feedback: {en: Because.}", "    options:"]
        for oid in "abcd":
            correct = ", correct: true" if oid == "a" else ""
            lines.append(f"      - {{id: {oid}, text: {{en: 'Option {oid.upper()} of question {n}'}}{correct}, "
                         "feedback: {en: Noted.}}")
    return "\n".join(lines) + "\n"


def bank(specs=SPECS, module="A1") -> QuizBank:
    items = [QuizItem(s.id, "single", ["A1-LO1"], None, {"en": f"Synthetic question {n}?"}, {"en": "Because."},
                      options=[Option(o, {"en": f"Option {o.upper()}"}, o == "a", {"en": "Noted."}) for o in "abcd"])
             for n, s in enumerate(specs, 1)]
    return QuizBank(module, None, items, None)


@dataclass
class Answer:
    learner: str
    item: str
    option: str
    keyed_right: bool  # as the LMS scores it: against the bank's key (a)
    seconds: int


def simulate(learners: int = 200, seed: int = 7, specs=SPECS) -> list[Answer]:
    rng = random.Random(seed)
    out = []
    for i in range(1, learners + 1):
        ability = rng.gauss(0, 1)
        for s in specs:
            right = rng.random() < 1 / (1 + math.exp(-1.7 * (ability - s.b)))
            if right:
                option = s.true_answer
            else:
                names = sorted(s.wrong_weights)
                option = rng.choices(names, weights=[s.wrong_weights[k] for k in names])[0]
            out.append(Answer(f"S{i:03d}", s.id, option, option == "a", rng.randint(10, 90)))
    return out


def write_responses(path: Path, answers: list[Answer], with_result: bool = True) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["learner_id", "module_id", "item_id", "response", "result", "latency"])
        for a in answers:
            result = ("correct" if a.keyed_right else "wrong") if with_result else ""
            w.writerow([a.learner, "A1", a.item, a.option, result, f"PT{a.seconds}S"])
    return path


def write_results(path: Path, answers: list[Answer], items: int = len(SPECS), mastery: int = 70) -> Path:
    scores: dict[str, int] = {}
    for a in answers:
        scores[a.learner] = scores.get(a.learner, 0) + int(a.keyed_right)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["learner_id", "name", "email", "module", "completion", "score"])
        for lid, right in sorted(scores.items()):
            score = round(100 * right / items)
            w.writerow([lid, f"Learner {lid}", f"{lid.lower()}@example.org", "A1",
                        "passed" if score >= mastery else "failed", score])
    return path


def evaluate(project, *args):
    """Run `oerkit evaluate` on the project's results.csv and responses.csv."""
    return project.oerkit("evaluate", "--results", str(project.path("results.csv")),
                          "--responses", str(project.path("responses.csv")), *args)
