from .models import Application, Status

SUBMITTED_STATES = [
    Status.SUBMITTED,
    Status.WAITLISTED,
    Status.OFFERED,
    Status.CONFIRMED,
    Status.DECLINED,
    Status.EXPIRED,
    Status.NOT_SELECTED,
]


def submitted(edition):
    """Applications that were submitted and not withdrawn, whatever happened to them since."""
    return Application.objects.filter(edition=edition, status__in=SUBMITTED_STATES)


def participants(edition):
    """The confirmed cohort: the people whom programme, attendance, homework and certificates are for."""
    return (
        Application.objects.filter(edition=edition, status=Status.CONFIRMED)
        .select_related("applicant", "organisation")
        .order_by("applicant__full_name")
    )


def is_participant(user, edition):
    return user.is_authenticated and participants(edition).filter(applicant=user).exists()
