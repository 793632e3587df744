"""The scores version of an edition (``models.ScoresVersion``): bumped by database triggers in the same
transaction as each write that can change the review board's normalisation or its progress per reviewer.

Triggers, not calls in the services, because "every write" must hold for bulk writes, queryset updates, the
admin, the privacy purge and code not yet written; a forgotten call would show stale scores. What they cover:

- ``reviews_review``: any insert, update or delete (a draft saved, a review submitted, a review erased);
- ``reviews_assignment``: any insert, update (``removed``) or delete;
- ``applications_application``: an update of ``status`` or ``is_eligible`` of an application that has
  assignments (entering or leaving review changes whose reviews count). An application without assignments
  has no reviews, so submissions during the call never touch the version row.

The reader (``board.ranked``) reads the version first and the reviews after, so what it caches under a version
is never older than that version."""

from .models import ScoresVersion

_BUMP_SQLITE = (
    "INSERT INTO reviews_scoresversion (edition_id, number, stamp) SELECT {edition}, 1, lower(hex(randomblob(16))) "
    "{source} ON CONFLICT (edition_id) DO UPDATE SET number = number + 1, stamp = excluded.stamp;"
)


def _sqlite_triggers():
    review = "FROM reviews_assignment WHERE id = {row}.assignment_id"
    assignment = "WHERE true"
    scope = (
        "WHERE (OLD.status IS NOT NEW.status OR OLD.is_eligible IS NOT NEW.is_eligible) "
        "AND EXISTS (SELECT 1 FROM reviews_assignment WHERE application_id = NEW.id)"
    )
    triggers = []
    for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        triggers.append(
            (
                f"reviews_scores_review_{op.lower()}",
                f"AFTER {op} ON reviews_review FOR EACH ROW BEGIN "
                + _BUMP_SQLITE.format(edition="edition_id", source=review.format(row=row))
                + " END",
            )
        )
        triggers.append(
            (
                f"reviews_scores_assignment_{op.lower()}",
                f"AFTER {op} ON reviews_assignment FOR EACH ROW BEGIN "
                + _BUMP_SQLITE.format(edition=f"{row}.edition_id", source=assignment)
                + " END",
            )
        )
    triggers.append(
        (
            "reviews_scores_application_scope",
            "AFTER UPDATE OF status, is_eligible ON applications_application FOR EACH ROW BEGIN "
            + _BUMP_SQLITE.format(edition="NEW.edition_id", source=scope)
            + " END",
        )
    )
    return [f"CREATE TRIGGER {name} {body};" for name, body in triggers], [
        f"DROP TRIGGER IF EXISTS {name};" for name, _ in triggers
    ]


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION reviews_bump_scores_version() RETURNS trigger AS $$
DECLARE
    row_ record;
    edition bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN row_ := OLD; ELSE row_ := NEW; END IF;
    IF TG_TABLE_NAME = 'reviews_review' THEN
        SELECT a.edition_id INTO edition FROM reviews_assignment a WHERE a.id = row_.assignment_id;
    ELSIF TG_TABLE_NAME = 'reviews_assignment' THEN
        edition := row_.edition_id;
    ELSE
        IF OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.is_eligible IS NOT DISTINCT FROM NEW.is_eligible
           OR NOT EXISTS (SELECT 1 FROM reviews_assignment a WHERE a.application_id = NEW.id) THEN
            RETURN NULL;
        END IF;
        edition := NEW.edition_id;
    END IF;
    IF edition IS NOT NULL THEN
        INSERT INTO reviews_scoresversion (edition_id, number, stamp) VALUES (edition, 1, md5(random()::text))
        ON CONFLICT (edition_id) DO UPDATE
        SET number = reviews_scoresversion.number + 1, stamp = excluded.stamp;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _postgresql_triggers():
    install, remove = [_PG_FUNCTION], []
    for name, table, events in (
        ("reviews_scores_review", "reviews_review", "INSERT OR UPDATE OR DELETE"),
        ("reviews_scores_assignment", "reviews_assignment", "INSERT OR UPDATE OR DELETE"),
        ("reviews_scores_application_scope", "applications_application", "UPDATE OF status, is_eligible"),
    ):
        install.append(
            f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION reviews_bump_scores_version();"
        )
        remove.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
    remove.append("DROP FUNCTION IF EXISTS reviews_bump_scores_version();")
    return install, remove


def trigger_sql(vendor):
    """(statements that install the triggers, statements that remove them) for a database vendor."""
    if vendor == "sqlite":
        return _sqlite_triggers()
    if vendor == "postgresql":
        return _postgresql_triggers()
    raise NotImplementedError(f"No scores-version triggers for {vendor}: add them beside SQLite's and PostgreSQL's.")


def current(edition):
    """``(number, stamp)`` of the edition's scores now; ``(0, "")`` before the first review or assignment."""
    return next(iter(ScoresVersion.objects.filter(edition_id=edition.pk).values_list("number", "stamp")[:1]), (0, ""))
