"""The cohort at a glance: completion and pass rates per module, outcome mastery, time spent, per learner.

Reads the course results (credentials/results.py) and, where given, the per-item responses:

- a learner counts for a module when the results have a row (or a grade column) for them and the module;
- completed: the LMS recorded the module as completed (passed and failed imply completed);
- passed: the LMS recorded "passed", or, when it recorded a score but no pass/fail (a Moodle gradebook
  export), the score is at least the module's mastery score (as the SCO decides);
- completion rate = completed / learners and pass rate = passed / learners, per module;
- outcome mastery: the share of the learners assessed on an outcome whose status is "passed". Where the
  results hold no outcome status for a learner and module, it is estimated from the responses: the mean
  item score over the learner's answered items that assess the outcome, against the mastery score;
- time spent on a module: per learner, the sum of the latencies of their responses; the report gives
  the median over the learners who have any.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..model import Curriculum
from .responses import Response

STATUSES = ("passed", "failed", "completed", "incomplete", "not attempted")


@dataclass
class ModuleSummary:
    module_id: str
    learners: int
    counts: dict[str, int]  # status -> learners, statuses as in STATUSES
    completion_rate: float | None
    pass_rate: float | None
    median_score: float | None
    median_time: float | None  # seconds
    timed: int = 0  # learners with a time


@dataclass
class OutcomeSummary:
    outcome_id: str
    module_ids: list[str]
    assessed: int
    mastered: int
    estimated: int = 0  # of `assessed`, how many come from the responses

    @property
    def rate(self) -> float | None:
        return self.mastered / self.assessed if self.assessed else None


@dataclass
class LearnerSummary:
    learner_id: str
    name: str
    email: str
    modules: int
    completed: int
    passed: int
    mean_score: float | None


@dataclass
class Cohort:
    modules: list[ModuleSummary]
    outcomes: list[OutcomeSummary]
    learners: list[LearnerSummary]
    unmatched: list[str] = field(default_factory=list)  # learner ids in the responses but not in the results


def mastery_score(cur: Curriculum, module_id: str) -> float:
    bank = cur.quizzes.get(module_id)
    if bank and bank.mastery_score is not None:
        return bank.mastery_score
    return cur.programme.mastery_score if cur.programme else 70


def status_of(result, mastery: float) -> str:
    """One of STATUSES for a results ModuleResult."""
    if result.completion != "completed":
        return result.completion
    if result.success:
        return result.success
    if result.score is not None:
        return "passed" if result.score >= mastery else "failed"
    return "completed"


def _estimate(cur: Curriculum, module_id: str, answers: dict[str, Response], mastery: float) -> dict[str, bool]:
    """outcome id -> mastered, from one learner's responses to one module's quiz."""
    sums: dict[str, list[float]] = {}
    bank = cur.quizzes.get(module_id)
    for item in bank.items if bank else []:
        r = answers.get(item.id)
        if r is None or r.score is None:
            continue
        for oid in item.outcomes:
            sums.setdefault(oid, []).append(r.score)
    return {oid: 100 * sum(s) / len(s) >= mastery for oid, s in sums.items()}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarise(cur: Curriculum, results, responses: dict[str, dict[str, dict[str, Response]]] | None = None) -> Cohort:
    """results: credentials.results.Results; responses: module id -> learner id -> item id -> response."""
    responses = responses or {}
    order = [m.id for m in cur.modules_in_order()]
    in_results = {mr.module for lrn in results.learners for mr in lrn.modules.values()}
    module_ids = [m for m in order if m in in_results or m in responses]
    module_ids += sorted((in_results | set(responses)) - set(module_ids))

    modules = []
    for mid in module_ids:
        mastery = mastery_score(cur, mid)
        rows = [lrn.modules[mid] for lrn in results.learners if mid in lrn.modules]
        counts = {s: 0 for s in STATUSES}
        for r in rows:
            counts[status_of(r, mastery)] += 1
        n = len(rows)
        times = [sum(r.latency for r in answers.values() if r.latency is not None)
                 for answers in responses.get(mid, {}).values()
                 if any(r.latency is not None for r in answers.values())]
        modules.append(ModuleSummary(
            mid, n, counts,
            (counts["passed"] + counts["failed"] + counts["completed"]) / n if n else None,
            counts["passed"] / n if n else None,
            _median([r.score for r in rows if r.score is not None]),
            _median(times), len(times)))

    mastered: dict[str, list[int]] = {}  # outcome -> [assessed, mastered, estimated]
    for lrn in results.learners:
        for mid, r in lrn.modules.items():
            statuses = {oid: s == "passed" for oid, s in r.outcomes.items() if s in ("passed", "failed")}
            estimated = not statuses
            if estimated and lrn.id in responses.get(mid, {}):
                statuses = _estimate(cur, mid, responses[mid][lrn.id], mastery_score(cur, mid))
            for oid, ok in statuses.items():
                entry = mastered.setdefault(oid, [0, 0, 0])
                entry[0] += 1
                entry[1] += int(ok)
                entry[2] += int(estimated)
    outcome_order = [oid for m in cur.modules_in_order() for oid in m.outcomes]
    outcome_ids = [o for o in dict.fromkeys(outcome_order) if o in mastered]
    outcome_ids += sorted(set(mastered) - set(outcome_ids))
    outcomes = [OutcomeSummary(oid, [m.id for m in cur.module_for_outcome(oid)], *mastered[oid]) for oid in outcome_ids]

    learners = []
    for lrn in results.learners:
        statuses = [status_of(r, mastery_score(cur, mid)) for mid, r in lrn.modules.items()]
        scores = [r.score for r in lrn.modules.values() if r.score is not None]
        learners.append(LearnerSummary(
            lrn.id, lrn.name, lrn.email, len(lrn.modules),
            sum(s in ("passed", "failed", "completed") for s in statuses), statuses.count("passed"),
            sum(scores) / len(scores) if scores else None))
    known = {lrn.id for lrn in results.learners}
    unmatched = sorted({lid for by_learner in responses.values() for lid in by_learner} - known)
    return Cohort(modules, outcomes, learners, unmatched)
