from academy.core.scheduling import job

from .services import due_editions, purge_edition


@job("privacy.retention_purge")
def retention_purge(now):
    """Anonymise the applications of people who did not take part, once an edition's retention period
    is over. Idempotent: anonymised applications are marked and never taken again."""
    done = {edition.slug: purge_edition(edition, now=now) for edition in due_editions(now)}
    done = {slug: n for slug, n in done.items() if n}
    if not done:
        return None
    return "anonymised " + ", ".join(f"{n} in {slug}" for slug, n in sorted(done.items()))
