from django.core.management.base import BaseCommand

from academy.ops import workers


class Command(BaseCommand):
    help = "Run the background task workers: one `db_worker` per core (TASK_WORKERS or --count to change)."

    def add_arguments(self, parser):
        cores = workers.cores()
        parser.add_argument("--count", type=int, help=f"How many (default: TASK_WORKERS, else the cores: {cores}).")
        parser.add_argument(
            "--nice",
            type=int,
            help=f"Lower the workers' CPU priority by this much, so web requests on the same cores come first "
            f"(default: TASK_WORKER_NICE, else {workers.NICE}; 0 to run them at the web's priority).",
        )
        parser.add_argument("--batch", action="store_true", help="Each worker runs what is queued, then exits.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of an empty queue.")
        parser.add_argument("--no-startup-delay", action="store_true", help="Start polling at once.")

    def handle(self, *args, count, nice, batch, interval, no_startup_delay, verbosity, **options):
        count = max(1, count or workers.default_count())
        nice = workers.default_nice() if nice is None else nice
        worker_options = ["--no-reload", "--interval", str(interval), "--verbosity", str(verbosity)]
        worker_options += ["--batch"] * batch + ["--no-startup-delay"] * no_startup_delay
        self.stdout.write(f"Starting {count} task worker{'s' * (count != 1)}.")
        self.stdout.flush()
        code = workers.run(count, worker_options, nice=nice)
        if code:
            raise SystemExit(code if code > 0 else 128 - code)  # a worker ended by a signal: 128 + its number
