"""Item statistics against values computed by hand, their edge cases, and a synthetic cohort with known faults."""

import math

import pytest
from synthetic import EASY, HARD, MISKEYED, ORDINARY, UNUSED, bank, simulate, write_responses

from oerkit.evaluation.item_analysis import MIN_RESPONSES, Flag, analyse_quiz, correlation
from oerkit.evaluation.responses import Response, read_responses
from oerkit.model import Option, QuizBank, QuizItem


def single(item_id, key="a", options="abc"):
    return QuizItem(item_id, "single", ["X-LO1"], None, {"en": f"Stem of {item_id}"}, {"en": "."},
                    options=[Option(o, {"en": f"Option {o}"}, o == key, {"en": "."}) for o in options])


def answers(table: dict[str, dict[str, str]], items: dict[str, QuizItem]):
    """learner -> item -> chosen option, scored against the item's key."""
    out = {}
    for learner, chosen in table.items():
        out[learner] = {}
        for iid, option in chosen.items():
            right = any(o.id == option and o.correct for o in items[iid].options)
            out[learner][iid] = Response(learner, "X", iid, option, frozenset([option]), 1.0 if right else 0.0, None, 1)
    return out


def by_id(analysis):
    return {s.item.id: s for s in analysis.items}


def test_difficulty_and_corrected_point_biserial_by_hand():
    items = {i: single(i) for i in ("Q1", "Q2", "Q3")}
    quiz = QuizBank("X", None, list(items.values()), None)
    # scores (a is right):  Q1 Q2 Q3  total
    #   L1                   1  1  1    3
    #   L2                   1  1  0    2
    #   L3                   1  0  0    1
    #   L4                   0  1  0    1
    #   L5                   0  0  0    0
    table = {"L1": {"Q1": "a", "Q2": "a", "Q3": "a"}, "L2": {"Q1": "a", "Q2": "a", "Q3": "b"},
             "L3": {"Q1": "a", "Q2": "b", "Q3": "c"}, "L4": {"Q1": "b", "Q2": "a", "Q3": "b"},
             "L5": {"Q1": "b", "Q2": "c", "Q3": "b"}}
    stats = by_id(analyse_quiz(quiz, answers(table, items)))
    # Q1: x = 1 1 1 0 0, rest y = total - x = 2 1 0 1 0; p = 3/5 = 0.6
    #     M1 = (2+1+0)/3 = 1, M0 = (1+0)/2 = 0.5; mean y = 0.8, squared deviations
    #     1.44 + 0.04 + 0.64 + 0.04 + 0.64 = 2.8, s_y = sqrt(2.8/5) = 0.748331
    #     r = (1 - 0.5) / 0.748331 * sqrt(0.6 * 0.4) = 0.5 / 0.748331 * 0.489898 = 0.327327
    assert stats["Q1"].n == 5 and stats["Q1"].p == pytest.approx(0.6)
    assert stats["Q1"].r == pytest.approx(0.327327, abs=1e-6)
    # Q2: x = 1 1 0 1 0, y = 2 1 1 0 0: p = 0.6, M1 = 1, M0 = 0.5, s_y = 0.748331 again -> r = 0.327327
    assert stats["Q2"].r == pytest.approx(0.327327, abs=1e-6)
    # Q3: x = 1 0 0 0 0, y = 2 2 1 1 0; p = 0.2, M1 = 2, M0 = (2+1+1+0)/4 = 1, mean y = 1.2,
    #     squared deviations 0.64 + 0.64 + 0.04 + 0.04 + 1.44 = 2.8, s_y = 0.748331
    #     r = (2 - 1) / 0.748331 * sqrt(0.2 * 0.8) = 0.4 / 0.748331 = 0.534522
    assert stats["Q3"].p == pytest.approx(0.2) and stats["Q3"].r == pytest.approx(0.534522, abs=1e-6)
    # distractor choice rates of Q1: a by L1-L3 (3/5), b by L4, L5 (2/5), c by nobody
    rates = {o.id: (o.chosen, o.rate) for o in stats["Q1"].options}
    assert rates == {"a": (3, pytest.approx(0.6)), "b": (2, pytest.approx(0.4)), "c": (0, 0.0)}
    # five answers are too few to flag anything, even the unused option c
    assert all(s.flags == [] for s in stats.values())


def test_point_biserial_form_equals_pearson():
    # the same Q1 data through the formula the README gives: (M1 - M0) / s_y * sqrt(p q)
    x, y = [1, 1, 1, 0, 0], [2, 1, 0, 1, 0]
    m1, m0, p = 1.0, 0.5, 0.6
    s_y = math.sqrt(sum((v - 0.8) ** 2 for v in y) / 5)
    assert correlation(x, y)[0] == pytest.approx((m1 - m0) / s_y * math.sqrt(p * (1 - p)))


def test_missing_responses_leave_the_learner_out_of_that_item_only():
    items = {i: single(i) for i in ("Q1", "Q2")}
    quiz = QuizBank("X", None, list(items.values()), None)
    #        Q1 Q2  total
    #   L1   1  1   2
    #   L2   1  0   1
    #   L3   0  1   1
    #   L4   0  -   0      (L4 did not answer Q2: counts 0 in the total, left out of Q2's statistics)
    table = {"L1": {"Q1": "a", "Q2": "a"}, "L2": {"Q1": "a", "Q2": "b"}, "L3": {"Q1": "b", "Q2": "a"},
             "L4": {"Q1": "c"}}
    stats = by_id(analyse_quiz(quiz, answers(table, items)))
    # Q1: x = 1 1 0 0, y = 1 0 1 0: M1 = M0 = 0.5 -> r = 0; p = 0.5
    assert (stats["Q1"].n, stats["Q1"].p) == (4, 0.5) and stats["Q1"].r == pytest.approx(0.0, abs=1e-12)
    # Q2: n = 3, x = 1 0 1, y = 1 1 0; p = 2/3, M1 = 0.5, M0 = 1, mean y = 2/3,
    #     s_y = sqrt((1/9 + 1/9 + 4/9) / 3) = sqrt(2/9) = 0.471405
    #     r = (0.5 - 1) / 0.471405 * sqrt(2/3 * 1/3) = -0.5 / 0.471405 * 0.471405 = -0.5
    assert stats["Q2"].n == 3 and stats["Q2"].p == pytest.approx(2 / 3)
    assert stats["Q2"].r == pytest.approx(-0.5)
    # Q2's choice rates are over the three learners who answered it
    assert {o.id: o.chosen for o in stats["Q2"].options} == {"a": 2, "b": 1, "c": 0}


def test_item_everybody_got_right_has_no_discrimination_and_a_single_learner_none_at_all():
    items = {i: single(i) for i in ("Q1", "Q2")}
    quiz = QuizBank("X", None, list(items.values()), None)
    table = {"L1": {"Q1": "a", "Q2": "a"}, "L2": {"Q1": "a", "Q2": "b"}, "L3": {"Q1": "a", "Q2": "b"}}
    stats = by_id(analyse_quiz(quiz, answers(table, items)))
    assert stats["Q1"].p == 1.0 and stats["Q1"].r is None and stats["Q1"].undefined == "constant-item"
    # Q2: x = 1 0 0 but the rest (Q1) is 1 for everybody: undefined too, for the other reason
    assert stats["Q2"].r is None and stats["Q2"].undefined == "constant-rest"

    alone = by_id(analyse_quiz(quiz, answers({"L1": {"Q1": "a", "Q2": "b"}}, items)))
    assert (alone["Q1"].n, alone["Q1"].p, alone["Q1"].r, alone["Q1"].undefined) == (1, 1.0, None, "too-few")
    assert alone["Q2"].p == 0.0 and alone["Q2"].r is None

    nobody = by_id(analyse_quiz(quiz, {}))
    assert (nobody["Q1"].n, nobody["Q1"].p, nobody["Q1"].r, nobody["Q1"].undefined) == (0, None, None, "no-responses")


def test_flags_with_enough_answers_by_hand():
    items = {"Q1": single("Q1"), "Q2": single("Q2"), "Q3": single("Q3")}
    quiz = QuizBank("X", None, list(items.values()), None)
    # ten learners: everybody right on Q1 (p = 1 > 0.95, b and c never chosen); on Q2 only L1 right
    # (p = 0.1 < 0.2) and 'b' (7 of 10) chosen more than the key 'a' (1 of 10); Q3 right for L1-L5
    table = {f"L{i}": {"Q1": "a", "Q2": "a" if i == 1 else ("b" if i <= 8 else "c"), "Q3": "a" if i <= 5 else "b"}
             for i in range(1, 11)}
    assert len(table) == MIN_RESPONSES
    stats = by_id(analyse_quiz(quiz, answers(table, items)))
    assert stats["Q1"].flags == [Flag("too-easy"), Flag("unused-distractor", "b"), Flag("unused-distractor", "c")]
    assert Flag("too-hard") in stats["Q2"].flags and Flag("distractor-beats-key", "b") in stats["Q2"].flags
    # Q3: totals L1 = 3, L2-L5 = 2, L6-L10 = 1 (Q1 only); rest y = 2 1 1 1 1 | 1 1 1 1 1 and x = 1 1 1 1 1 | 0 ...
    #     M1 = 6/5 = 1.2, M0 = 1, p = 0.5, mean y = 1.1, s_y = sqrt((0.81 + 9 * 0.01) / 10) = 0.3
    #     r = 0.2 / 0.3 * 0.5 = 0.333 (>= 0.2: not weak); 'c' never chosen
    assert stats["Q3"].r == pytest.approx(1 / 3)
    assert stats["Q3"].flags == [Flag("unused-distractor", "c")]


def test_synthetic_cohort_flags_the_faulty_items_and_only_those(tmp_path):
    quiz = bank()
    cohort = simulate(learners=200, seed=7)
    # results left out: the reader scores each answer against the bank's key, as the SCO does
    path = write_responses(tmp_path / "responses.csv", cohort, with_result=False)
    read = read_responses(path, {"A1": quiz})
    assert read.problems.items == [] and len(read.responses) == 200 * 8
    analysis = analyse_quiz(quiz, read.by_module()["A1"])
    stats = by_id(analysis)
    miskeyed = stats[MISKEYED]
    assert miskeyed.r < 0 and Flag("negative") in miskeyed.flags
    assert Flag("distractor-beats-key", "b") in miskeyed.flags
    assert Flag("too-easy") in stats[EASY].flags and stats[EASY].p > 0.95
    assert Flag("too-hard") in stats[HARD].flags and stats[HARD].p < 0.2
    assert Flag("unused-distractor", "d") in stats[UNUSED].flags
    for iid in ORDINARY:
        assert stats[iid].flags == [] and stats[iid].r > 0.2, (iid, stats[iid].r, stats[iid].flags)
    assert {s.item.id for s in analysis.to_review} == {MISKEYED, EASY, HARD, UNUSED}
    # median time per item from the latencies
    assert 10 <= stats[EASY].median_latency <= 90
