"""The one plugin registry helper, and the four registries of the project built on it: every app declares its part
in the module its registry names, and nowhere else."""

import importlib
import importlib.util

import pytest
from django.apps import apps

from academy.core import plugins
from academy.core.personal_data import SECTIONS
from academy.core.plugins import PluginRegistry
from academy.core.scheduling import JOBS
from academy.editions.cloning import PARTS
from academy.mail.groups import GROUPS


@pytest.fixture
def registry():
    made = PluginRegistry("no_such_plugin_module", "widget")
    yield made
    plugins.REGISTRIES.remove(made)


def test_a_decorator_declares_the_function_and_returns_it_unchanged(registry):
    def tidy(now):
        return "tidied"

    assert registry.register("app.tidy")(tidy) is tidy
    assert registry.get("app.tidy") is tidy and registry.entries() == {"app.tidy": tidy}


def test_a_value_is_declared_directly_and_a_second_declaration_replaces_it(registry):
    registry.register("a", "first")
    registry.register("a", "second")
    assert registry.entries() == {"a": "second"}


def test_entries_keep_the_order_of_declaration(registry):
    for key in ("zeta", "alpha", "mu"):
        registry.register(key, key.upper())
    assert list(registry.entries()) == ["zeta", "alpha", "mu"]


def test_declare_once_makes_the_entry_the_first_time_only(registry):
    first = registry.declare_once("x", lambda: object())
    assert registry.declare_once("x", lambda: object()) is first


def test_an_unknown_key_is_refused_naming_the_known_ones(registry):
    registry.register("app.one", 1)
    with pytest.raises(KeyError, match=r"No widget 'app.two'. Known: app.one."):
        registry.get("app.two")
    assert "app.two" not in registry and "app.one" in registry


def test_unregister_removes_a_declaration_and_ignores_a_missing_one(registry):
    registry.register("gone", 1)
    registry.unregister("gone")
    registry.unregister("never")
    assert registry.entries() == {}


def test_discovery_imports_the_apps_module_once(registry, monkeypatch):
    imported = []
    monkeypatch.setattr(plugins, "autodiscover_modules", imported.append)
    registry.entries()
    assert "anything" not in registry
    assert imported == ["no_such_plugin_module"]


def test_a_failing_discovery_is_tried_again_on_the_next_read(registry, monkeypatch):
    def broken(module):
        raise ImportError("a plugin module does not load")

    monkeypatch.setattr(plugins, "autodiscover_modules", broken)
    with pytest.raises(ImportError):
        registry.entries()
    monkeypatch.setattr(plugins, "autodiscover_modules", lambda module: None)
    assert registry.entries() == {}


# Where an entry of each registry was written: the module of the function it holds.
DECLARED_IN = {
    "jobs": lambda job: {job.__module__},
    "cloning": lambda part: {part.func.__module__},
    "mail_groups": lambda group: {group.members.__module__},
    "personal_data": lambda section: {
        hook.__module__
        for hook in (section.exporter, section.eraser, section.purger, section.previewer)
        if hook is not None and hook.__name__ != "<lambda>"
    },
}


def plugin_modules(registry):
    """The installed apps' modules named after the registry, but the one that holds the registry itself."""
    found = set()
    for config in apps.get_app_configs():
        name = f"{config.name}.{registry.module}"
        if importlib.util.find_spec(name) is None:
            continue
        if not any(value is registry for value in vars(importlib.import_module(name)).values()):
            found.add(name)
    return found


@pytest.mark.parametrize("registry", [JOBS, SECTIONS, PARTS, GROUPS], ids=lambda r: r.module)
def test_every_app_declares_its_part_in_the_module_its_registry_names(registry):
    declared = set().union(*(DECLARED_IN[registry.module](entry) for entry in registry.entries().values()))
    assert declared == plugin_modules(registry)


def test_the_project_registries_are_all_made_with_the_one_helper():
    assert {r.module for r in plugins.REGISTRIES} >= {"jobs", "personal_data", "cloning", "mail_groups"}
