import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.editions.models import Edition
from academy.selection import execution, runs
from academy.selection.instance import Instance, InstanceError, Result
from academy.selection.solver import solve


class Command(BaseCommand):
    help = (
        "Solve a selection. `academy select EDITION [--seed N] [--lexicographic] --json` solves the edition's "
        "current rules over its eligible, reviewed applications and prints {instance, result} without storing "
        "anything (add --store to record it as a run, shown on the selection page; never adopted). "
        "`academy select --instance FILE.json --json` re-solves an exported instance (or a whole export with its "
        "result) without the database."
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
        parser.add_argument(
            "--store", action="store_true", help="with an edition: record the solve as a selection run (not adopted)"
        )

    def handle(self, *args, edition, instance, seed, lexicographic, time_limit, json: bool, store, **options):
        if edition and instance:
            raise CommandError("Give either an edition or --instance FILE, not both.")
        if edition:
            return self.handle_edition(edition, seed=seed, lexicographic=lexicographic, as_json=json, store=store)
        if store:
            raise CommandError("--store records a run of an edition: give the edition's slug.")
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

    def handle_edition(self, slug, *, seed, lexicographic, as_json, store):
        edition = Edition.objects.filter(slug=slug).first()
        if edition is None:
            raise CommandError(f"No edition has the slug {slug!r}.")
        seed = runs.new_seed() if seed is None else seed
        mode = True if lexicographic else None  # None: the edition's own setting
        try:
            if store:
                run = runs.start_run(edition, by=None, seed=seed, lexicographic=mode, enqueue=False)
                run = execution.execute(run.pk)
                if run.state == run.State.FAILED:
                    raise CommandError(run.error)
                data = runs.export(run)
                problem, result = data["instance"], Result.from_json(data["result"])
            else:
                problem, result = runs.solve_now(edition, seed=seed, lexicographic=mode)
                problem = problem.to_json()
        except runs.RunError as error:
            raise CommandError(str(error)) from None
        if as_json:
            self.stdout.write(dumps({"instance": problem, "result": result.to_json()}))
            return
        self.stdout.write(f"{edition.name}: {len(problem['candidates'])} candidates")
        if store:
            self.stdout.write(f"Stored as run {run.number}.")
        self.write_summary(result, None)

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
