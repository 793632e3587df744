"""Demo programme from the 2022 call's topics: coaches and experts, two online days, two days in Strasbourg,
and attendance for the sessions that have taken place once the edition has a confirmed cohort."""

import datetime as dt

from academy.applications.queries import participants

from .demo_report import write_sample
from .models import Attendance, Coach, CoachKind, Kind, Part, Session, Source

COACHES = [
    # (key, name, e-mail, kind, title, bio)
    (
        "chloe",
        "Chloé Coach",
        "coach@academy.example",
        CoachKind.COACH,
        "Lead coach",
        "Cluster manager for twelve years, now a certified coach for cluster management teams across Europe.",
    ),
    (
        "marta",
        "Marta Lindqvist",
        "marta.lindqvist@coaching.example",
        CoachKind.COACH,
        "Strategy and business model coach",
        "Helped more than forty cluster organisations turn a strategy paper into a roadmap that members fund.",
    ),
    (
        "pieter",
        "Pieter Janssens",
        "pieter.janssens@experts.example",
        CoachKind.EXPERT,
        "Internationalisation expert",
        "Builds partnerships between clusters of different countries and industrial ecosystems.",
    ),
    (
        "elena",
        "Elena Rossi",
        "elena.rossi@experts.example",
        CoachKind.EXPERT,
        "Green and digital transitions",
        "Advises clusters on services that help SMEs through the green and digital transitions.",
    ),
    (
        "tomasz",
        "Tomasz Nowak",
        "tomasz.nowak@experts.example",
        CoachKind.EXPERT,
        "EU funding expert",
        "Knows the European programmes that fund cluster projects, and how to write for them.",
    ),
]

T, W, P, H, N, B = Kind.TRAINING, Kind.WORKSHOP, Kind.PEER_EXCHANGE, Kind.HOMEWORK_DEBRIEF, Kind.NETWORKING, Kind.BREAK
# (start, end, title, kind, coaches, room or None)
ONLINE_DAYS = [
    [
        ("09:00", "09:30", "Welcome: the academy, the cohort, the rules of the online days", N, ["chloe"]),
        ("09:30", "11:00", "Cluster strategy: from vision to a roadmap members fund", T, ["marta"]),
        ("11:00", "11:15", "Break", B, []),
        ("11:15", "12:30", "Business models for cluster organisations", W, ["marta", "chloe"]),
        ("12:30", "13:30", "Lunch break", B, []),
        ("13:30", "15:00", "Member engagement and services for SMEs", T, ["chloe"]),
        ("15:00", "15:15", "Break", B, []),
        ("15:15", "16:30", "Peer exchange: one service that worked, one that did not", P, ["chloe"]),
        ("16:30", "17:00", "Wrap-up of day one", N, ["chloe"]),
    ],
    [
        ("09:00", "10:30", "Internationalisation: partners, markets and European value chains", T, ["pieter"]),
        ("10:30", "10:45", "Break", B, []),
        ("10:45", "12:30", "Green and digital transitions: services for SMEs", W, ["elena"]),
        ("12:30", "13:30", "Lunch break", B, []),
        ("13:30", "15:00", "Funding: European programmes for cluster projects", T, ["tomasz"]),
        ("15:00", "15:15", "Break", B, []),
        ("15:15", "16:30", "Homework brief: put one idea into practice in your cluster", W, ["chloe", "marta"]),
        ("16:30", "17:00", "Questions and closing of the online part", N, ["chloe"]),
    ],
]
IN_PERSON_DAYS = [
    [
        ("09:00", "09:30", "Welcome to Strasbourg", N, ["chloe"], "Atrium"),
        ("09:30", "11:00", "Homework debrief in peer groups", H, ["chloe", "marta"], "Rooms 4.10 – 4.14"),
        ("11:00", "11:30", "Coffee break", B, [], "Atrium"),
        ("11:30", "13:00", "Train the trainers: passing the academy on to your team", T, ["chloe"], "Amphitheatre 1"),
        ("13:00", "14:00", "Lunch", B, [], "Restaurant"),
        ("14:00", "15:30", "Interlinking the 14 industrial ecosystems", W, ["pieter"], "Room 4.12"),
        ("15:30", "16:00", "Coffee break", B, [], "Atrium"),
        ("16:00", "17:30", "Peer exchange: scaling services across borders", P, ["pieter", "chloe"], "Room 4.12"),
        ("19:00", "21:30", "Networking dinner", N, [], "Restaurant of the university"),
    ],
    [
        ("09:00", "10:30", "Green and digital transitions: from pilots to services", W, ["elena"], "Room 4.12"),
        ("10:30", "11:00", "Coffee break", B, [], "Atrium"),
        ("11:00", "12:30", "Writing a winning EU funding proposal", W, ["tomasz"], "Room 4.14"),
        ("12:30", "13:30", "Lunch", B, [], "Restaurant"),
        ("13:30", "15:00", "Cluster policy: what clusters tell the policy makers", P, ["marta"], "Amphitheatre 1"),
        ("15:00", "16:00", "Personal action plans and closing", T, ["chloe", "marta"], "Amphitheatre 1"),
    ],
]


def _at(edition, day, clock):
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=edition.zone)


def _seed_edition(ctx, key, edition):
    coaches = {}
    for ckey, name, email, kind, title, bio in COACHES:
        user = None
        if ckey == "chloe" and key == "2022":
            user = ctx.users.get("coach")  # the demo login coach@academy.example
        elif ckey == "chloe":
            name, email = "Camille Laurent", "camille.laurent@coaching.example"  # next year's lead coach, invited
        coaches[ckey] = Coach.objects.create(
            edition=edition, user=user, name=name, email=email, kind=kind, title=title, bio=bio
        )
    sessions = []
    days = [edition.online_start + dt.timedelta(days=i) for i in range(len(ONLINE_DAYS))]
    for number, (day, slots) in enumerate(zip(days, ONLINE_DAYS, strict=True), start=1):
        link = f"https://meet.example/cba-{edition.year}-day{number}"
        for start, end, title, kind, who in slots:
            sessions.append((Part.ONLINE, day, start, end, title, kind, who, "", "" if kind == B else link))
    days = [edition.in_person_start + dt.timedelta(days=i) for i in range(len(IN_PERSON_DAYS))]
    for day, slots in zip(days, IN_PERSON_DAYS, strict=True):
        for start, end, title, kind, who, room in slots:
            sessions.append((Part.IN_PERSON, day, start, end, title, kind, who, room, ""))
    for part, day, start, end, title, kind, who, room, link in sessions:
        session = Session.objects.create(
            edition=edition,
            title=title,
            kind=kind,
            part=part,
            starts_at=_at(edition, day, start),
            ends_at=_at(edition, day, end),
            room=room,
            video_link=link,
        )
        session.coaches.set([coaches[c] for c in who])
    return len(sessions)


def _seed_attendance(ctx, edition):
    """Roll calls for the sessions already over, when the edition has a confirmed cohort."""
    cohort = list(participants(edition))
    if not cohort:
        return 0
    done = Session.objects.filter(edition=edition, ends_at__lt=ctx.now).exclude(kind=Kind.BREAK)
    rows = []
    for session in done:
        for application in cohort:
            present = ctx.rng.random() < 0.92
            rows.append(
                Attendance(
                    session=session,
                    application=application,
                    present=present,
                    minutes=max(0, session.duration_minutes - ctx.rng.randint(0, 12)) if present else 0,
                    camera_on=(ctx.rng.random() < 0.85) if present and session.part == Part.ONLINE else None,
                    source=Source.MANUAL,
                    updated_by=ctx.users.get("organiser"),
                )
            )
    Attendance.objects.bulk_create(rows)
    return len(rows)


def seed(ctx):
    for key, edition in ctx.editions.items():
        count = _seed_edition(ctx, key, edition)
        taken = _seed_attendance(ctx, edition)
        note = f", {taken} attendance rows" if taken else ", no confirmed cohort yet: no attendance"
        ctx.say(f"programme of {edition.slug}: {count} sessions, {len(COACHES)} coaches and experts{note}")
        if sample := write_sample(ctx, edition):
            ctx.say(f"a Zoom report of its first session to import by hand (not imported): {sample}")
