import datetime as dt
import io
import pathlib
import random
import re

import pytest

from academy.demo.management.commands.seed import DemoContext
from academy.programme import demo
from academy.programme.attendance import plan_import
from academy.programme.attendance_import import parse_report
from academy.programme.models import Attendance, Coach, Kind, Part, Session
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


def context(now, **editions):
    coach = factories.user("coach@academy.example", full_name="Chloé Coach")
    ctx = DemoContext(rng=random.Random(1), now=now, stdout=io.StringIO(), editions=editions)
    ctx.users = {"coach": coach, "organiser": factories.user()}
    return ctx


def test_the_demo_programme_follows_the_call_within_each_part(edition):
    ctx = context(dt.datetime(2022, 11, 1, tzinfo=dt.UTC), **{"2022": edition})
    demo.seed(ctx)
    sessions = list(Session.objects.filter(edition=edition))
    for session in sessions:
        session.full_clean()  # every slot lies within the days of its part
    titles = " ".join(s.title for s in sessions).lower()
    for topic in ("strategy", "business models", "sme", "internationalisation", "green", "digital", "funding"):
        assert topic in titles
    assert "train the trainers" in titles
    online = [s for s in sessions if s.part == Part.ONLINE and s.kind != Kind.BREAK]
    assert {s.video_link for s in online} == {f"https://meet.example/cba-{edition.year}-day{n}" for n in (1, 2)}
    assert all(s.room for s in sessions if s.part == Part.IN_PERSON)
    coach = Coach.objects.get(edition=edition, user=ctx.users["coach"])
    assert coach.sessions.exists()
    assert "no confirmed cohort yet" in ctx.stdout.getvalue()


def test_the_demo_takes_attendance_of_a_confirmed_cohort_for_sessions_already_over(edition):
    cohort = [pf.participant(edition) for _ in range(3)]
    # During the second online day: the first day is over, the rest is not.
    ctx = context(dt.datetime.combine(edition.online_end, dt.time(12), tzinfo=edition.zone), **{"2022": edition})
    demo.seed(ctx)
    first_day = Session.objects.filter(edition=edition, ends_at__lt=ctx.now).exclude(kind=Kind.BREAK)
    assert Attendance.objects.count() == first_day.count() * len(cohort) > 0
    assert not Attendance.objects.filter(session__starts_at__gt=ctx.now).exists()


def test_the_demo_leaves_a_british_zoom_report_of_the_first_session_to_import_by_hand(edition):
    cohort = [pf.participant(edition, full_name=f"Participant Nº {n}") for n in range(5)]
    ctx = context(dt.datetime.combine(edition.online_end, dt.time(12), tzinfo=edition.zone), **{"2022": edition})
    demo.seed(ctx)
    [path] = re.findall(r"to import by hand \(not imported\): (\S+)", ctx.stdout.getvalue())
    first = Session.objects.filter(edition=edition).exclude(kind=Kind.BREAK).order_by("starts_at").first()
    before = list(Attendance.objects.values_list("pk", "minutes"))
    zone = edition.zone
    report = parse_report(pathlib.Path(path).read_bytes(), zone=zone, days={first.starts_at.astimezone(zone).date()})
    plan = plan_import(report, first, cohort)
    assert report.errors == [] and all(row.duration_minutes > 0 for row in report.rows)
    assert report.dates.startswith("Dates read as day/month/year, the order that puts them on the session's day")
    assert [reason.split(":")[1].strip() for _line, reason in report.ignored] == [
        f"{cohort[0].applicant.full_name} was in the waiting room, not yet admitted"
    ]
    assert sorted(plan.matched) == sorted(a.pk for a in cohort)
    assert plan.matched[cohort[2].pk].people[0].matched_by == "name"
    assert [p.name for p in plan.unmatched] == ["ECCP Events", "iPhone de Marc"]
    assert list(Attendance.objects.values_list("pk", "minutes")) == before, "the seed does not import it"
