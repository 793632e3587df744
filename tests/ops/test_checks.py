"""`manage.py check --deploy` warns when the machine lacks HarfBuzz's font subsetter, which makes every PDF slow."""

import pytest
from django.core import checks
from weasyprint.text import ffi

from academy.ops.checks import font_subsetter


def test_the_deploy_check_is_quiet_where_the_subsetter_is_installed():
    assert ffi.harfbuzz_subset is not None, "make test installs libharfbuzz-subset0"
    assert font_subsetter(None) == []


@pytest.mark.parametrize("deploy, warned", [(True, True), (False, False)])
def test_without_the_subsetter_the_deploy_check_says_what_to_install(monkeypatch, deploy, warned):
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)  # as on a machine without libharfbuzz-subset0
    found = [
        m
        for m in checks.run_checks(tags=[checks.Tags.compatibility], include_deployment_checks=deploy)
        if m.id == "academy.W001"
    ]
    assert bool(found) is warned
    if warned:
        assert "apt-get install libharfbuzz-subset0" in found[0].hint and found[0].level == checks.WARNING
