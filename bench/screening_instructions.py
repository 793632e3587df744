"""Instructions per request of the organiser's screening pages at 5,000 applications, counted by valgrind.

    python -m bench screening_instructions

CPU milliseconds move with the machine (this one's own speed has varied by more than two times from one hour to the
next); the number of instructions a request runs does not: the same code and data give the same count to a few
tenths of a per cent, whatever else the machine is doing. So this is the figure to compare two versions of the code
by. The pages are those of `applications_list`, on its data and SQLite, through Django's test client; only the
requests themselves are counted (`--instr-atstart=no`, then callgrind_control around them). It takes about two
minutes. At the tiny size (BENCH_TINY=1) the pages are requested without valgrind, so that the smoke test stays fast.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._timing import TINY

REQUESTS = 20
CHILD = "BENCH_INSTRUCTIONS_CHILD"
PAGES = {"list": "list, first page of 50 rows", "detail": "detail page"}


def _pages(edition, application):
    from django.urls import reverse

    return {
        "list": reverse("screening:list", args=[edition.slug]),
        "detail": reverse("screening:detail", args=[edition.slug, application.pk]),
    }


def _counted(pid, label, request):
    """`request` run REQUESTS times with valgrind counting, then a dump of the count named `label`."""
    for _ in range(3):
        request()  # warm caches and the connection, uncounted
    for option in ("-i", "on"), ("-z",):
        subprocess.run(["callgrind_control", *option, str(pid)], check=True, capture_output=True)
    for _ in range(REQUESTS):
        request()
    for option in ("-d", label), ("-i", "off"):
        subprocess.run(["callgrind_control", *option, str(pid)], check=True, capture_output=True)


def _requests():
    """In the child: seed, then request each page (counted when running under valgrind)."""
    from bench import applications_list

    def run():
        from django.test import Client

        edition, organiser, middle = applications_list._seed()
        client = Client()
        client.force_login(organiser)
        for label, path in _pages(edition, middle).items():

            def request(path=path):
                assert client.get(path).status_code == 200, path

            if TINY:
                request()
            else:
                _counted(os.getpid(), label, request)

    applications_list.main(run)


def _totals(folder):
    """{label: instructions} from the dumps callgrind wrote into `folder`."""
    totals = {}
    for dump in sorted(folder.glob("callgrind.out.*")):
        label = total = None
        for line in dump.read_text(errors="replace").splitlines():
            if line.startswith("desc: Trigger: dump "):
                label = line.removeprefix("desc: Trigger: dump ")
            elif line.startswith("summary:"):
                total = int(line.split()[1])
        if label and total is not None:
            totals[label] = total
    return totals


def main():
    if os.environ.get(CHILD) or TINY:
        _requests()
        if TINY:
            print("tiny size: the pages were requested without valgrind")
        return
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        sys.exit("This benchmark counts instructions with valgrind: apt-get install valgrind")
    folder = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    try:
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={folder}/callgrind.out",
            sys.executable,
            "-m",
            "bench.screening_instructions",
        ]
        root = Path(__file__).resolve().parents[1]
        subprocess.run(command, check=True, cwd=root, env={**os.environ, CHILD: "1"}, stderr=subprocess.DEVNULL)
        for label, total in _totals(folder).items():
            print(f"{PAGES[label]:<40} {total / REQUESTS / 1e6:7.2f} million instructions per request")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
