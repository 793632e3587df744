"""Weighted totals, normalisation per reviewer and disagreement flags."""

import pytest

from academy.reviews.scoring import Criterion, normalise, weighted_total

RUBRIC = [
    Criterion("motivation", weight=2, scale_min=1, scale_max=5),
    Criterion("experience", weight=1, scale_min=0, scale_max=10),
]


def test_weighted_total_puts_different_scales_on_0_to_100():
    assert weighted_total({"motivation": 5, "experience": 10}, RUBRIC) == 100
    assert weighted_total({"motivation": 1, "experience": 0}, RUBRIC) == 0
    # motivation 3 of 1–5 is 0.5, experience 10 of 0–10 is 1: (2 × 0.5 + 1 × 1) / 3
    assert weighted_total({"motivation": 3, "experience": 10}, RUBRIC) == pytest.approx(200 / 3)


def test_weighted_total_takes_plain_tuples():
    assert weighted_total({"a": 4}, [("a", 1, 0, 8)]) == 50


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"motivation": 3}, "Give a score for 'experience'."),
        ({"motivation": 6, "experience": 1}, "The score for 'motivation' must lie between 1 and 5."),
        ({"motivation": 3, "experience": 1, "charm": 2}, "There is no criterion 'charm' in the rubric."),
    ],
)
def test_weighted_total_refuses_incomplete_or_out_of_range_scores(scores, message):
    with pytest.raises(ValueError) as raised:
        weighted_total(scores, RUBRIC)
    assert str(raised.value) == message


# The worked example of the scoring module's docstring.
HARSH = [("H", "a1", 40), ("H", "a2", 50), ("H", "a3", 60)]
LENIENT = [("L", "a1", 70), ("L", "a2", 80), ("L", "a3", 90)]


def test_worked_example_harsh_and_lenient_reviewers_count_alike():
    result = normalise(HARSH + LENIENT)
    assert result.reviewers["H"].mean == 50 and result.reviewers["H"].sd == 10
    assert result.reviewers["L"].mean == 80 and result.reviewers["L"].sd == 10
    for app, z in (("a1", -1.0), ("a2", 0.0), ("a3", 1.0)):
        assert result.z["H", app] == result.z["L", app] == z
        assert result.applications[app].normalised == z
    assert [result.applications[a].mean for a in ("a1", "a2", "a3")] == [55, 65, 75]
    assert result.ranking() == ["a3", "a2", "a1"]


def test_worked_example_raw_gap_is_flagged_in_points_only():
    result = normalise(HARSH + LENIENT)
    score = result.applications["a1"]
    assert (score.reviews, score.spread, score.z_spread) == (2, 30, 0)
    assert score.reasons == ("points",)
    assert normalise(HARSH + LENIENT, points=None).flagged() == []


def test_reviewers_ranking_in_opposite_order_are_flagged_for_a_third_review():
    reverse = [("L", "a1", 90), ("L", "a2", 80), ("L", "a3", 70)]
    result = normalise(HARSH + reverse, points=None)
    assert result.flagged() == ["a1", "a3"]
    assert result.applications["a1"].z_spread == 2
    assert result.applications["a1"].reasons == ("normalised",)
    assert not result.applications["a2"].flagged


def test_a_harsh_reviewer_no_longer_sinks_their_applications():
    # a1 and a2 are equally good; a1 had the harsh reviewer, a2 the lenient one, both shared a3, a4.
    reviews = [
        ("H", "a1", 60), ("H", "a3", 40), ("H", "a4", 50),
        ("L", "a2", 90), ("L", "a3", 70), ("L", "a4", 80),
    ]  # fmt: skip
    result = normalise(reviews)
    assert result.applications["a1"].mean < result.applications["a2"].mean
    assert result.applications["a1"].normalised == result.applications["a2"].normalised


def test_a_reviewer_with_one_review_or_no_spread_gives_z_zero():
    result = normalise([("A", "a1", 70), ("B", "a1", 30), ("B", "a2", 30), ("C", "a2", 55), ("C", "a3", 65)])
    assert result.z["A", "a1"] == 0
    assert result.z["B", "a1"] == result.z["B", "a2"] == 0
    assert result.reviewers["A"].sd == 0
    assert result.z["C", "a2"] < 0 < result.z["C", "a3"]


def test_a_single_review_is_never_flagged():
    result = normalise([("A", "a1", 0), ("A", "a2", 100)])
    assert result.flagged() == []
    assert result.applications["a1"].spread == 0


def test_flag_threshold_is_strict_and_adjustable():
    reviews = [("A", "a1", 50), ("B", "a1", 75), ("A", "a2", 60), ("B", "a2", 60)]
    assert normalise(reviews, normalised=None).flagged() == []
    assert normalise(reviews, points=20, normalised=None).flagged() == ["a1"]


def test_the_same_pair_twice_is_refused():
    with pytest.raises(ValueError, match="Reviewer A reviewed application a1 twice."):
        normalise([("A", "a1", 50), ("A", "a1", 60)])
