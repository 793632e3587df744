"""The review board's two tables as rows of ready strings. A template that formats 150 reviewers and 50
ranked rows itself (a localised number per cell, a date filter per row) spends most of the page's time doing
so; formatting here, with the separator and month names looked up once, keeps the board's cost in its data."""

from django.utils import formats
from django.utils.dates import MONTHS_3


class Numbers:
    """Numbers as the template's ``floatformat`` writes them, for the active language."""

    def __init__(self):
        self.separator = formats.get_format("DECIMAL_SEPARATOR")

    def __call__(self, value, digits):
        return "—" if value is None else f"{value:.{digits}f}".replace(".", self.separator)


def progress_rows(reviewers, zone):
    """Dicts of the progress table; ``last_activity`` as "7 Dec 2026, 09:30 CET" in the edition's zone."""
    months = {n: str(name).title() for n, name in MONTHS_3.items()}
    rows = []
    for person in reviewers:
        at = person.last_activity and person.last_activity.astimezone(zone)
        rows.append(
            {
                "pk": person.pk,
                "name": person.full_name or person.email,
                "assigned": str(person.assigned),
                "begun": str(person.begun),
                "submitted": str(person.submitted),
                "late": person.submitted < person.assigned,
                "last_activity": f"{at.day} {months[at.month]} {at.year}, {at:%H:%M} {at.tzname()}" if at else "—",
            }
        )
    return rows


def ranking_rows(rows):
    """The board's rows (``board.board_rows``) with their figures written out."""
    number = Numbers()
    out = []
    for row in rows:
        s, rec = row["stats"], row["recommendations"]
        out.append(
            {
                "id": row["id"],
                "rank": str(row["rank"]),
                "name": row["name"],
                "organisation": row["organisation"] or "—",
                "country": row["country"],
                "reviews": f"{s.reviews if s else 0} / {row['assigned']}",
                "mean": number(s and s.mean, 1),
                "normalised": number(s and s.normalised, 2),
                "spread": number(s and s.spread, 1),
                "select": str(rec["select"]),
                "maybe": str(rec["maybe"]),
                "reject": str(rec["reject"]),
                "flagged": bool(s and s.flagged),
            }
        )
    return out
