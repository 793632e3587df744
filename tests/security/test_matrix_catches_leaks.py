"""The matrix test fails when a view without a permission check is added: shown here with a urlconf that
adds one view leaking an application's answers to anyone signed in."""

import pytest

from . import matrix
from . import world as w
from .matrix import rule
from .test_authorisation_matrix import ORGANISERS, RULES, SIGNED_IN

LEAKY = "leaky:answers"
# ROOT_URLCONF for the test, caches cleared
pytestmark = [pytest.mark.slow, pytest.mark.urls("tests.security.leaky_urls")]


def test_a_new_url_without_a_rule_is_reported_with_the_line_to_add(world):
    problems = matrix.run(world, RULES, only={LEAKY})
    assert problems == [
        f'no rule for leak/<int:application>/answers/: add to RULES  "{LEAKY}": rule(...),  # '
        "leak/<int:application>/answers/"
    ]


def test_a_view_that_lets_everyone_in_fails_the_rule_it_claims(world):
    problems = matrix.run(world, RULES | {LEAKY: rule(ORGANISERS)}, only={LEAKY})
    path = f"/leak/{world.objects['A']['application']}/answers/"
    for role in (w.OTHER_APPLICANT, w.CONFLICTED, w.COACH, w.PARTICIPANT, w.OTHER_ORGANISER):
        assert f"GET {path} as {role}: should be refused, got 200 ({LEAKY})" in problems
    assert not any(f" as {w.ORGANISER}:" in p for p in problems)
    assert any("edition B's object" in p and f" as {w.ORGANISER} " in p for p in problems)


def test_a_leak_is_found_by_its_marker_even_when_the_rule_is_wrong_too(world):
    problems = matrix.run(world, RULES | {LEAKY: rule(SIGNED_IN)}, only={LEAKY})
    path = f"/leak/{world.objects['A']['application']}/answers/"
    assert (
        f"GET {path} as {w.COACH}: leaks MARKER-APPLICATION-ANSWER (for admin, applicant, organiser, reviewer only)"
        in problems
    )
    assert not any(f" as {w.APPLICANT}:" in p for p in problems)
