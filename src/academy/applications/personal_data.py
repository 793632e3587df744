"""Applications: exported whole; anonymised (never deleted) so that counts per country, ecosystem,
experience and status, and the review scores, still add up. What stays is only what the person chose
from the organisers' options (choices, numbers, yes/no, ticks); what they typed or uploaded goes."""

from academy.accounts.anonymous import placeholder_person, scrub_audit
from academy.accounts.models import AuditEntry
from academy.core.personal_data import iso, remove_files, section

from .models import Application, EligibilityOverride, Question, QuestionType, SubmittedVersion

data = section(
    "applications", label="Applications", order=80, models=[Application, SubmittedVersion, EligibilityOverride]
)


def file_paths(answers):
    """The storage paths of the uploads among answers ({key: {"name", "path", "size"}})."""
    return [v["path"] for v in (answers or {}).values() if isinstance(v, dict) and isinstance(v.get("path"), str)]


KEPT_TYPES = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.NUMBER,
    QuestionType.YES_NO,
    QuestionType.COMMITMENT,
    QuestionType.CONSENT,
}


def _readable(labels, answers):
    """Answers with their questions; an upload is listed by its name, not where it is stored."""
    rows = []
    for key, value in (answers or {}).items():
        if isinstance(value, dict) and "path" in value:
            value = {"file": value.get("name"), "size": value.get("size")}
        rows.append({"question": labels.get(key, key), "answer": value})
    return rows


@data.export
def export(user):
    applications = list(
        Application.objects.filter(applicant=user)
        .select_related("edition", "organisation")
        .prefetch_related("versions")
        .order_by("created_at")
    )
    editions = {a.edition_id for a in applications}
    labels = {(q.edition_id, q.key): q.label for q in Question.objects.filter(edition_id__in=editions)}
    overrides = EligibilityOverride.objects.filter(person=user).select_related("edition")
    result = []
    for a in applications:
        mine = {key: label for (edition_id, key), label in labels.items() if edition_id == a.edition_id}
        result.append(
            {
                "edition": a.edition.name,
                "status": a.status,
                "organisation": a.organisation.name if a.organisation else None,
                "eligible": a.is_eligible,
                "eligibility_reasons": a.eligibility_reasons,
                "started": iso(a.created_at),
                "last_submitted": iso(a.submitted_at),
                "privacy_notice_agreed": {"version": a.consent_version, "at": iso(a.consent_at)}
                if a.consent_version
                else None,
                "current_answers": _readable(mine, a.answers),
                "submitted_versions": [
                    {"number": v.number, "submitted_at": iso(v.submitted_at), "answers": _readable(mine, v.answers)}
                    for v in sorted(a.versions.all(), key=lambda v: v.number)
                ],
            }
        )
    return {
        "applications": result,
        "eligibility_overrides": [
            {"edition": o.edition.name, "rule": o.rule, "reason": o.reason, "granted": iso(o.created_at)}
            for o in overrides
        ],
    }


def _kept_keys(edition_ids):
    kept = {}
    for q in Question.objects.filter(edition_id__in=edition_ids, type__in=KEPT_TYPES):
        kept.setdefault(q.edition_id, set()).add(q.key)
    return kept


def _keep(answers, keys):
    return {k: v for k, v in (answers or {}).items() if k in keys}


def anonymise(applications, *, detach):
    """Strip the applications to what statistics need and remove their files (after commit). With
    `detach`, each application moves to its own anonymous holder (the person keeps their account)."""
    kept = _kept_keys({a.edition_id for a in applications})
    paths = []
    for a in applications:
        keys = kept.get(a.edition_id, set())
        paths += file_paths(a.answers)
        fields = {
            "answers": _keep(a.answers, keys),
            "eligibility_reasons": [{"rule": r.get("rule"), "message": ""} for r in a.eligibility_reasons or []],
        }
        overrides = EligibilityOverride.objects.filter(edition_id=a.edition_id, person_id=a.applicant_id)
        if detach:
            holder = placeholder_person()
            fields["applicant"] = holder
            overrides.update(person=holder, reason="")
        else:
            overrides.update(reason="")
        Application.objects.filter(pk=a.pk).update(**fields)
        for v in SubmittedVersion.objects.filter(application=a):
            paths += file_paths(v.answers) + [v.receipt_pdf]
            SubmittedVersion.objects.filter(pk=v.pk).update(answers=_keep(v.answers, keys), receipt_pdf="")
    trail = AuditEntry.objects.filter(
        object_type=Application._meta.label_lower, object_id__in=[str(a.pk) for a in applications]
    )
    scrub_audit(trail)  # e.g. the reason someone gave for withdrawing
    return remove_files(paths)


@data.erase
def erase(subject):
    anonymise(list(Application.objects.filter(applicant=subject.user)), detach=False)
    EligibilityOverride.objects.filter(person=subject.user).update(reason="")


@data.purge
def purge(applications):
    anonymise(applications, detach=True)


@data.preview
def preview(applications):
    versions = SubmittedVersion.objects.filter(application__in=applications)
    uploads = sum(len(file_paths(answers)) for answers in applications.values_list("answers", flat=True))
    return [
        ("applications anonymised", applications.count()),
        ("submitted versions stripped of typed answers", versions.count()),
        ("receipt PDFs deleted", versions.exclude(receipt_pdf="").count()),
        ("uploaded files deleted", uploads),
    ]
