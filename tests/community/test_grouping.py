"""The peer-group program without a database: hard rules on random cohorts, the optimum on tiny ones."""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from academy.community.grouping import Member, country_weight, form_groups, group_count, penalty

FEW = settings(max_examples=30)  # the rest from the suite's Hypothesis profile (tests/conftest.py)
BANDS = ["Under 3 years", "3–5 years", "6–10 years", "Over 10 years"]
ECOSYSTEMS = ["Digital", "Health", "Energy", "Agri-food", "Mobility", "Textile"]


@st.composite
def cohorts(draw, low=2, high=24, countries=8):
    n = draw(st.integers(low, high))
    codes = [f"C{i}" for i in range(draw(st.integers(1, countries)))]
    return [
        Member(
            id=i,
            country=draw(st.sampled_from([*codes, None])),
            experience=draw(st.sampled_from([*BANDS, None])),
            ecosystems=frozenset(draw(st.lists(st.sampled_from(ECOSYSTEMS), max_size=3))),
        )
        for i in range(n)
    ]


def same_country_pairs(members, groups):
    by_id = {m.id: m for m in members}
    return sum(
        k * (k - 1) // 2
        for group in groups
        for k in Counter(by_id[i].country for i in group if by_id[i].country).values()
    )


@FEW
@given(cohorts(), st.integers(2, 6), st.integers(0, 1000))
def test_everyone_is_placed_once_and_group_sizes_differ_by_at_most_one(members, size, seed):
    result = form_groups(members, size, seed=seed, time_limit=2)
    placed = [i for group in result.groups for i in group]
    assert sorted(placed) == [m.id for m in members]
    assert len(result.groups) == group_count(len(members), size)
    sizes = [len(g) for g in result.groups]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= size or len(result.groups) == 1
    assert result.penalty == penalty(members, result.groups)


@FEW
@given(cohorts(low=6, high=30, countries=12), st.integers(3, 6), st.integers(0, 1000))
def test_no_group_has_two_people_from_one_country_when_the_countries_allow_it(members, size, seed):
    groups = group_count(len(members), size)
    counts = Counter(m.country for m in members if m.country)
    result = form_groups(members, size, seed=seed, time_limit=2)
    if max(counts.values(), default=0) <= groups:
        assert same_country_pairs(members, result.groups) == 0
    else:  # the least possible: each country spread as evenly as the groups allow
        least = sum(
            (k % groups) * (-(-k // groups)) * (-(-k // groups) - 1) // 2
            + (groups - k % groups) * (k // groups) * (k // groups - 1) // 2
            for k in counts.values()
        )
        assert same_country_pairs(members, result.groups) == least


def partitions(ids, sizes):
    """Every way to split `ids` into groups of the given sizes (groups unordered)."""
    if not sizes:
        yield []
        return
    first, rest = ids[0], ids[1:]
    for others in itertools.combinations(rest, sizes[0] - 1):
        remaining = [i for i in rest if i not in others]
        for tail in partitions(remaining, sizes[1:]):
            yield [[first, *others], *tail]


def brute_best(members, size):
    n, groups = len(members), group_count(len(members), size)
    big = -(-n // groups)
    sizes = [big] * (n - (big - 1) * groups) + [big - 1] * (groups - (n - (big - 1) * groups))
    weight = country_weight(members)
    ids = [m.id for m in members]
    best = None
    for order in set(itertools.permutations(sizes)):
        for split in partitions(ids, list(order)):
            value = penalty(members, split).total(weight)
            best = value if best is None else min(best, value)
    return best


@settings(max_examples=25)
@given(cohorts(low=4, high=7, countries=3), st.integers(2, 3))
def test_the_program_finds_the_brute_force_optimum_on_tiny_cohorts(members, size):
    result = form_groups(members, size, seed=1, time_limit=5)
    assert result.status == "optimal"
    assert result.penalty.total(country_weight(members)) == brute_best(members, size)


def test_the_same_seed_gives_the_same_groups_and_another_seed_may_differ():
    members = [
        Member(i, f"C{i % 7}", BANDS[i % 4], frozenset({ECOSYSTEMS[i % 6], ECOSYSTEMS[(i * 5) % 6]})) for i in range(30)
    ]
    first = form_groups(members, 5, seed=7)
    assert first.groups == form_groups(members, 5, seed=7).groups
    assert first.status == "optimal" and first.penalty.country_pairs == 0
    assert {tuple(sorted(g)) for g in first.groups} != {
        tuple(sorted(g)) for g in form_groups(members, 5, seed=8).groups
    }


def test_experience_and_ecosystems_are_spread_across_the_groups():
    members = [Member(i, f"C{i}", BANDS[i // 5], frozenset({ECOSYSTEMS[i // 4]})) for i in range(20)]
    result = form_groups(members, 5, seed=3)
    by_id = {m.id: m for m in members}
    for group in result.groups:  # 5 of each band over 4 groups: one or two of each band in every group
        bands = Counter(by_id[i].experience for i in group)
        assert set(bands) == set(BANDS) and max(bands.values()) <= 2
    assert result.penalty.experience == 0 and result.penalty.ecosystems == 0


def test_a_cohort_smaller_than_a_group_is_one_group_and_an_empty_one_none():
    assert [sorted(g) for g in form_groups([Member(1, "PT"), Member(2, "PT")], 5).groups] == [[1, 2]]
    assert form_groups([], 5).groups == []


def test_groups_still_solve_after_another_highs_program_ran_in_the_process():
    """HiGHS keeps one thread scheduler per process: forcing another thread count made every later run fail."""
    from academy.selection.instance import Instance
    from academy.selection.solver import solve

    candidates = [{"id": i, "score": float(i)} for i in range(1, 4)]
    solve(Instance.from_json({"min_size": 1, "max_size": 2, "rules": [], "candidates": candidates}), seed=1)
    members = [Member(i, f"C{i % 5}", BANDS[i % 4]) for i in range(20)]
    result = form_groups(members, 5, seed=1)
    assert result.status == "optimal" and result.penalty == penalty(members, result.groups)
    assert result.penalty.experience == 0
