import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.selection.instance import Instance, InstanceError
from academy.selection.solver import solve


class Command(BaseCommand):
    help = (
        "Solve a selection. `academy select --instance FILE.json --json` re-solves an exported instance "
        "(or a whole export with its result) without the database and prints {instance, result}."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", nargs="?", help="the edition's slug (selection from the database)")
        parser.add_argument("--instance", type=Path, help="a JSON file: an instance, or an export {instance, result}")
        parser.add_argument(
            "--seed", type=int, help="seed of the random order that breaks ties (default: the export's seed, else 0)"
        )
        parser.add_argument("--lexicographic", action="store_true", help="first meet the most soft rules, then score")
        parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
        parser.add_argument("--json", action="store_true", help="print {instance, result} as JSON")

    def handle(self, *args, edition, instance, seed, lexicographic, time_limit, json: bool, **options):
        if edition and instance:
            raise CommandError("Give either an edition or --instance FILE, not both.")
        if edition:
            return self.handle_edition(edition, seed=seed, lexicographic=lexicographic, as_json=json)
        if not instance:
            raise CommandError("Give an edition's slug, or --instance FILE.json to solve an exported instance.")
        problem, recorded = read_instance(instance)
        if recorded:
            seed = recorded.get("seed", 0) if seed is None else seed
            lexicographic = lexicographic or bool(recorded.get("lexicographic"))
        result = solve(problem, seed=seed or 0, lexicographic=lexicographic, time_limit=time_limit)
        if json:
            self.stdout.write(dumps({"instance": problem.to_json(), "result": result.to_json()}))
            return
        self.write_summary(result, recorded)

    def handle_edition(self, slug, **options):
        # The selection runs (models, adoption, offers) build the instance of an edition here.
        raise CommandError(
            "The selection of an edition from the database arrives with the selection runs; "
            "for now, solve an exported instance with --instance FILE.json."
        )

    def write_summary(self, result, recorded):
        self.stdout.write(f"Status: {result.status} (seed {result.seed}, {result.seconds:.2f} s)")
        if result.relaxation:
            self.stdout.write("The hard rules cannot all hold. The smallest change that makes them hold:")
            for change in result.relaxation["changes"]:
                self.stdout.write(f"  - {change['message']}")
            return
        if result.objective is not None:
            self.stdout.write(
                f"Selected {len(result.selected)}, total score {result.objective:g}: "
                + ", ".join(map(str, result.selected))
            )
            self.stdout.write(
                "Waitlist: " + ", ".join(map(str, result.waitlist[:20])) + (" …" if len(result.waitlist) > 20 else "")
            )
        if recorded and "selected" in recorded:
            same = sorted(map(str, recorded["selected"])) == sorted(map(str, result.selected))
            self.stdout.write("Same cohort as the recorded run." if same else "NOT the cohort of the recorded run.")


def read_instance(path):
    """(Instance, recorded result or None) from a file; CommandError in the user's words otherwise."""
    if not path.is_file():
        raise CommandError(f"{path} does not exist or is not a file.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CommandError(f"{path.name} is not a UTF-8 text file.") from None
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path.name} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    recorded = None
    if isinstance(data, dict) and "instance" in data:
        recorded = data.get("result") if isinstance(data.get("result"), dict) else None
        data = data["instance"]
    try:
        return Instance.from_json(data), recorded
    except InstanceError as error:
        problems = "\n".join(f"  - {message}" for message in error.messages)
        raise CommandError(f"{path.name} is not a valid selection instance:\n{problems}") from None


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
