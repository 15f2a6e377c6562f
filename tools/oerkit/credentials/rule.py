"""The certification rule (curriculum/certification.yaml, `rule`) applied to one learner's results.

A required module is passed when it is completed, not reported failed, and its score reaches the pass mark
(the rule's pass_score, else the module's mastery score); a module without a score counts as passed only when
the results report it passed. A required outcome is achieved when the results report it passed; when they say
nothing about it, when a module that teaches it is passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Curriculum
from .results import Learner, ModuleResult


@dataclass
class Shortfall:
    """One thing a learner still lacks, as the cohort report shows it."""
    code: str  # module-missing, module-incomplete, module-failed, module-no-score, module-score, average, outcome
    message: str
    module: str | None = None
    outcome: str | None = None


@dataclass
class Verdict:
    learner: Learner
    shortfalls: list[Shortfall] = field(default_factory=list)
    average: float | None = None  # over the required modules that have a score
    passed_modules: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.shortfalls


def required_modules(cur: Curriculum) -> list[str]:
    rule = cur.certification.rule
    ordered = [m.id for m in cur.modules_in_order()]
    return ordered if rule.modules is None else [m for m in ordered if m in rule.modules]


def required_outcomes(cur: Curriculum) -> list[str]:
    rule = cur.certification.rule
    if rule.outcomes is not None:
        return list(rule.outcomes)
    out: list[str] = []
    for mid in required_modules(cur):
        out += [o for o in cur.modules[mid].outcomes if o not in out]
    return out


def pass_mark(cur: Curriculum, module_id: str) -> float:
    rule = cur.certification.rule
    if rule.pass_score is not None:
        return rule.pass_score
    bank = cur.quizzes.get(module_id)
    return (bank.mastery_score if bank and bank.mastery_score is not None else cur.programme.mastery_score)


def workload_hours(cur: Curriculum) -> float:
    return sum(cur.modules[m].hours for m in required_modules(cur))


def _fmt(score: float) -> str:
    return f"{score:g}"


def module_shortfall(cur: Curriculum, module_id: str, result: ModuleResult | None) -> Shortfall | None:
    mark = pass_mark(cur, module_id)
    if result is None or result.completion == "not attempted":
        return Shortfall("module-missing", f"{module_id}: not attempted", module_id)
    if result.completion != "completed":
        return Shortfall("module-incomplete", f"{module_id}: not completed", module_id)
    if result.success == "failed":
        scored = f" (score {_fmt(result.score)})" if result.score is not None else ""
        return Shortfall("module-failed", f"{module_id}: failed{scored}", module_id)
    if result.score is None:
        if result.success == "passed":
            return None
        return Shortfall("module-no-score", f"{module_id}: completed without a score", module_id)
    if result.score < mark:
        return Shortfall("module-score", f"{module_id}: score {_fmt(result.score)} below the pass mark {_fmt(mark)}",
                         module_id)
    return None


def evaluate(cur: Curriculum, learner: Learner) -> Verdict:
    rule = cur.certification.rule
    verdict = Verdict(learner)
    modules = required_modules(cur)
    for mid in modules:
        gap = module_shortfall(cur, mid, learner.modules.get(mid))
        if gap:
            verdict.shortfalls.append(gap)
        else:
            verdict.passed_modules.append(mid)
    scores = [learner.modules[m].score for m in modules if m in learner.modules and learner.modules[m].score is not None]
    verdict.average = round(sum(scores) / len(scores), 1) if scores else None
    if rule.min_average_score is not None and (verdict.average is None or verdict.average < rule.min_average_score):
        shown = "no scores" if verdict.average is None else f"average score {_fmt(verdict.average)}"
        verdict.shortfalls.append(Shortfall("average", f"{shown}, below the required average "
                                            f"{_fmt(rule.min_average_score)}"))
    explained = {s.module for s in verdict.shortfalls if s.module}
    for oid in required_outcomes(cur):
        reported = [r.outcomes[oid] for r in learner.modules.values() if oid in r.outcomes]
        if "passed" in reported:
            continue
        if reported:
            status = "failed" if "failed" in reported else "no result"
            verdict.shortfalls.append(Shortfall("outcome", f"outcome {oid}: {status}", outcome=oid))
            continue
        teaching = [m.id for m in cur.module_for_outcome(oid)]
        if any(module_shortfall(cur, m, learner.modules.get(m)) is None for m in teaching):
            continue  # achieved through a passed module
        if set(teaching) & explained:
            continue  # the shortfall of the module that teaches it already says what is missing
        verdict.shortfalls.append(Shortfall("outcome", f"outcome {oid}: not achieved (no module that teaches it "
                                            "is passed)", outcome=oid))
    return verdict
