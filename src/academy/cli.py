"""The `academy` command: Django's management commands, with the project's own listed first."""

import os
import sys

import django
from django.core.management import execute_from_command_line, get_commands, load_command_class


def _own_commands():
    own = sorted(name for name, app in get_commands().items() if app.startswith("academy."))
    return [(name, load_command_class(get_commands()[name], name).help.strip().splitlines()[0]) for name in own]


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.dev")
    if len(argv) < 2 or argv[1] in ("-h", "--help", "help") and len(argv) == 2:
        django.setup()
        print("usage: academy <command> [options]\n\nBooster Academy commands:")
        for name, help_text in _own_commands():
            print(f"  {name:<14} {help_text}")
        print("\nEvery Django management command works too (migrate, runserver, db_worker, …);")
        print("`academy <command> --help` describes one.")
        return
    execute_from_command_line(["academy", *argv[1:]])


if __name__ == "__main__":
    main()
