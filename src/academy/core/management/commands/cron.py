import time

from django.core.management.base import BaseCommand, CommandError

from academy.core.scheduling import jobs, run_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, offer expiry, mail retries) once, or every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", metavar="job", help="Run only these jobs (default: all).")
        parser.add_argument("--every", type=float, help="Keep running, every this many seconds.")
        parser.add_argument("--list", action="store_true", dest="list_jobs", help="List the jobs and stop.")

    def handle(self, *args, names, every, list_jobs, **options):
        if list_jobs:
            for name, func in sorted(jobs().items()):
                summary = (func.__doc__ or "").strip().split("\n")[0]
                self.stdout.write(f"{name:<36} {summary}")
            return
        while True:
            try:
                results = run_jobs(names or None)
            except KeyError as exc:
                raise CommandError(exc.args[0]) from exc
            failed = [name for name, (ok, _message) in results.items() if not ok]
            for name, (ok, message) in results.items():
                if not ok:
                    self.stderr.write(f"{name} FAILED: {message}")
                elif message or options["verbosity"] > 1:
                    self.stdout.write(f"{name}: {message or 'nothing to do'}")
            if not every:
                if failed:
                    raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
                return
            time.sleep(every)
