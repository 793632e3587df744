"""The review score that the organisers' list shows beside each application. Review builds on applications
(never the other way round), so the reviews app hands its scores in here when it starts: ``provide`` in
``ReviewsConfig.ready``. Without it, or before any review is submitted, the list has no score column."""

_source = None


def provide(source):
    """``source(edition, application ids)`` → ``{id: (normalised score, reviews)}`` for the ids that have a
    submitted review, or None while the edition has none at all."""
    global _source
    _source = source


def for_page(edition, ids):
    return _source(edition, ids) if _source is not None else None
