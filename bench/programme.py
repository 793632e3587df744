"""Programme pages and attendance at the academy's size and beyond: a cohort of 40 and of 400, 32 sessions.

Prints the median server time, wall and CPU (Django test client, SQLite in a temporary folder), of the timetable,
the roll call, the attendance export, the iCal feed, and of reading and matching a Zoom report with rejoins."""

import datetime as dt
import os
import statistics
import time
from zoneinfo import ZoneInfo

from bench._database import migrate
from bench._timing import scale


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    migrate()


REPEAT = scale(15, 1)


def _median_ms(fn, repeat=REPEAT):
    """Median wall time and CPU time of this process, in ms (CPU time holds up better on a shared machine)."""
    fn()  # warm up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _zoom_report(people, session_day):
    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent"]
    day = session_day.strftime("%m/%d/%Y")
    for person in people:
        for join, leave, minutes in (("08:58:00 AM", "09:40:00 AM", 42), ("09:45:00 AM", "12:30:00 PM", 165)):
            lines.append(
                f"{person.applicant.full_name},{person.applicant.email},{day} {join},{day} {leave},{minutes},No,Y"
            )
    lines.append(f"iPhone,,{day} 09:05:00 AM,{day} 09:20:00 AM,15,Yes,")
    return ("\n".join(lines) + "\n").encode()


def main():
    _setup()
    from django.test import Client
    from django.urls import reverse
    from tests import factories
    from tests.programme import factories as pf

    from academy.accounts.models import Role
    from academy.programme.attendance import plan_import
    from academy.programme.attendance_import import parse_report
    from academy.programme.demo import seed as seed_programme
    from academy.programme.models import Attendance, Kind, Session

    class Ctx:
        rng = __import__("random").Random(1)
        now = dt.datetime(2022, 11, 1, tzinfo=dt.UTC)
        users = {}
        editions = {}

        def say(self, text):
            pass

    for size in scale((40, 400), (5,)):
        edition = factories.edition(deadline=dt.date(2022, 10, 31))
        ctx = Ctx()
        ctx.editions = {"bench": edition}
        seed_programme(ctx)
        cohort = [pf.participant(edition) for _ in range(size)]
        sessions = list(Session.objects.filter(edition=edition).exclude(kind=Kind.BREAK))
        Attendance.objects.bulk_create(
            Attendance(session=s, application=a, present=True, minutes=80) for s in sessions[:8] for a in cohort
        )
        organiser = factories.with_role(Role.ORGANISER, edition)
        client = Client()
        client.force_login(organiser)
        slug = edition.slug
        first = sessions[1]
        figures = {
            "timetable (organiser)": lambda c=client, s=slug: c.get(reverse("programme:timetable", args=[s])),
            "iCal feed": lambda c=client, s=slug: c.get(reverse("programme:ics", args=[s])),
            "roll call": lambda c=client, s=slug, p=first.pk: c.get(reverse("programme:roll_call", args=[s, p])),
            "attendance CSV": lambda c=client, s=slug: c.get(reverse("programme:attendance_csv", args=[s])),
        }
        report = _zoom_report(cohort, edition.online_start)
        day = {edition.online_start}  # the session's day, which tells the report's month-first dates apart
        figures["read + match a Zoom report"] = lambda r=report, f=first, c=cohort, d=day: plan_import(
            parse_report(r, zone=ZoneInfo("Europe/Brussels"), days=d), f, c
        )
        print(
            f"  cohort of {size}, {len(sessions)} sessions (breaks aside), {len(sessions[:8]) * size} attendance rows"
        )
        for name, fn in figures.items():
            wall, cpu = _median_ms(fn)
            print(f"    {name:<28} {wall:7.1f} ms wall {cpu:7.1f} ms CPU")


if __name__ == "__main__":
    main()
