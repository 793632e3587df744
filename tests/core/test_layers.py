"""The layers declared for import-linter (pyproject.toml) cover every app, so a new app cannot sit outside them;
`make lint` runs `lint-imports` to hold them."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
ENTRY_POINTS = {"__init__", "cli", "urls", "wsgi"}  # the project's own wiring, above every app


def contracts():
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def academy_apps():
    return [app for app in settings.INSTALLED_APPS if app.startswith("academy.")]


def test_every_app_of_the_academy_sits_in_exactly_one_layer():
    layered = [name for layer in contracts()["layers"]["layers"] for name in re.split(r"\s*[|:]\s*", layer)]
    assert sorted(layered) == sorted(academy_apps())


def test_core_is_the_ground_floor_and_installed_first():
    assert contracts()["layers"]["layers"][-1] == "academy.core"
    assert academy_apps()[0] == "academy.core"


def test_every_shared_module_at_the_root_is_forbidden_every_app_but_core():
    shared = contracts()["shared"]
    at_root = {f"academy.{p.stem}" for p in (ROOT / "src" / "academy").glob("*.py") if p.stem not in ENTRY_POINTS}
    assert set(shared["source_modules"]) == at_root | {"academy.core"}, (
        "A module at academy's root is shared by the apps: add it to the 'shared' contract in pyproject.toml"
    )
    assert set(shared["forbidden_modules"]) == set(academy_apps()) - {"academy.core"}
