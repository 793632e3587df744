"""Review: the reviewer's profile, conflicts and reviews; the reviews of an applicant. Scores and
recommendations stay (the ranking and statistics need them); comments, free text about the applicant
or by the reviewer, go with the account or with the application at the end of retention."""

from academy.core.personal_data import iso, section

from .models import Assignment, Conflict, Review, Reviewer

data = section("reviews", label="Reviews", order=30, models=[Reviewer, Conflict, Assignment, Review])


@data.export
def export(user):
    profiles = Reviewer.objects.filter(user=user).select_related("edition", "organisation")
    conflicts = Conflict.objects.filter(reviewer=user).select_related("edition", "organisation")
    written = Review.objects.filter(assignment__reviewer=user).select_related("assignment__edition")
    return {
        "reviewer_profiles": [
            {
                "edition": r.edition.name,
                "email": r.email,
                "organisation": r.organisation.name if r.organisation else None,
                "country": str(r.country),
                "invited": iso(r.invited_at),
                "accepted": iso(r.accepted_at),
            }
            for r in profiles
        ],
        "conflicts_declared": [
            {
                "edition": c.edition.name,
                "kind": c.kind,
                "organisation": c.organisation.name if c.organisation else None,
                "country": str(c.country),
                "application": c.application_id,
                "reason": c.reason,
            }
            for c in conflicts
        ],
        "reviews_written": [
            {
                "edition": r.assignment.edition.name,
                "application": r.assignment.application_id,
                "scores": r.scores,
                "comment": r.comment,
                "recommendation": r.recommendation,
                "total": r.total,
                "submitted": iso(r.submitted_at),
            }
            for r in written
        ],
    }


@data.erase
def erase(subject):
    user = subject.user
    Reviewer.objects.filter(user=user).delete()
    Reviewer.objects.filter(email__iexact=subject.email).delete()
    Conflict.objects.filter(reviewer=user).delete()
    Review.objects.filter(assignment__reviewer=user).update(comment="")
    Review.objects.filter(assignment__application__applicant=user).update(comment="")


@data.purge
def purge(applications):
    Review.objects.filter(assignment__application__in=applications).update(comment="")


@data.preview
def preview(applications):
    return [
        ("review comments", Review.objects.filter(assignment__application__in=applications).exclude(comment="").count())
    ]
