"""Task workers: as many `db_worker` processes as the machine has cores, started and stopped together.

A django-tasks-db worker runs one task at a time in one process, and what the queue holds at the deadline
is CPU work (receipt PDFs): one worker per core is what lets receipts keep up with a rush, where a single
worker fell over a thousand tasks behind. `academy workers` is what `make demo` starts and what the
production guide runs on each worker machine; TASK_WORKERS=N (or --count N) chooses another number.
A stop signal (Ctrl-C, SIGTERM) reaches every worker once: each finishes its current task, then exits.
Under systemd, use KillMode=mixed so that only this process gets the SIGTERM and passes it on."""

import os
import signal
import subprocess
import sys

# Where web requests and task workers share the cores, the workers yield them to requests (a niceness of 10 gets
# about a tenth of a busy core's time beside a process at 0) and still take every idle moment, so pages stay
# fast in a rush while the receipts' queue drains in the pauses between requests.
NICE = 10


def cores():
    """The cores this process may run on (a container's or a `taskset`'s limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_count():
    """TASK_WORKERS from the environment, else one worker per core."""
    return max(1, int(os.environ.get("TASK_WORKERS") or cores()))


def default_nice():
    """TASK_WORKER_NICE from the environment, else 10: how much lower the workers' CPU priority is than the web's."""
    return int(os.environ.get("TASK_WORKER_NICE") or NICE)


def worker_command(options):
    """The command line of one worker: `academy db_worker` with `options`, through this interpreter."""
    return [sys.executable, "-m", "academy.cli", "db_worker", *options]


def run(count, options, nice=0):
    """Start `count` workers at `nice` (added to this process's niceness), pass stop signals on to them, wait for
    all; the worst exit code."""
    # Each worker in its own process group: a Ctrl-C or `kill 0` aimed at this group reaches only this
    # process, which passes it on once. A db_worker takes a second signal as "stop the task now", which
    # would leave that task marked running for ever.
    workers = [subprocess.Popen(worker_command(options), process_group=0) for _ in range(count)]  # noqa: S603
    for worker in workers:
        os.setpriority(os.PRIO_PROCESS, worker.pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + nice))

    def stop(_signum, _frame):
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)  # what db_worker stops on, whichever signal came here

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        codes = [worker.wait() for worker in workers]
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return max(codes, key=abs)
