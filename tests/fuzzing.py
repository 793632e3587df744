"""Hypothesis settings for the fuzz tests: a bounded number of examples, the same ones on every run (no example
database, derandomised), so CI is stable and a failure is reproduced by running the test again."""

from hypothesis import HealthCheck, settings


def bounded(max_examples=50):
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
