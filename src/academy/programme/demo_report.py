"""A participant report for the demo organiser to import by hand: the first online session's meeting as a Zoom
account set to British English exports it (day-first dates, 24-hour clock, UTF-8 with byte order mark), with the
things real reports carry: the host all day, a rejoin, a wait in the waiting room, a guest joining without an
address under a name, someone not in the cohort. It is written to the data folder, never imported by the seed."""

import csv
import datetime as dt
import io

from django.conf import settings

from academy.applications.queries import participants

from .models import Kind, Part, Session

FORMAT = "%d/%m/%Y, %H:%M:%S"
HEADER = ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"]


def write_sample(ctx, edition):
    """Write the report; return its path, or None when the edition has no confirmed cohort or no online session."""
    cohort = list(participants(edition).select_related("applicant"))[:10]
    session = (
        Session.objects.filter(edition=edition, part=Part.ONLINE).exclude(kind=Kind.BREAK).order_by("starts_at").first()
    )
    if len(cohort) < 4 or session is None:
        return None
    zone = edition.zone
    start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    minute = dt.timedelta(minutes=1)
    host = ("ECCP Events", edition.contact_email or "events@example.org")
    rows = [(*host, start - 10 * minute, end + 60 * minute, "No", "No")]
    length = (end - start) / minute
    for number, application in enumerate(cohort):
        person = application.applicant
        name, email = person.full_name or person.email, person.email
        joined = start + ctx.rng.randint(-5, 3) * minute
        left = end - ctx.rng.randint(0, int(length // 6)) * minute
        if number == 0:  # kept in the waiting room for six minutes first
            rows.append((name, email, joined - 6 * minute, joined, "No", "Yes"))
        if number == 1:  # lost the connection for three minutes and came back
            dropped = start + int(length * 0.4) * minute
            rows.append((name, email, joined, dropped, "No", "No"))
            joined = dropped + 3 * minute
        if number == 2:  # a guest, found by name
            email = ""
        rows.append((name, email, joined, left, "Yes" if not email else "No", "No"))
    rows.append(("iPhone de Marc", "", start + 5 * minute, start + int(length // 2) * minute, "Yes", "No"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADER, "In Waiting Room"])
    for name, email, joined, left, guest, waiting in rows:
        minutes = round((left - joined) / minute)
        writer.writerow([name, email, joined.strftime(FORMAT), left.strftime(FORMAT), minutes, guest, waiting])
    folder = settings.DATA_DIR / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{edition.slug}-zoom-participants-{start:%Y-%m-%d}.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path
