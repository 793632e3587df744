from dataclasses import dataclass

from django.db import NotSupportedError
from django.db.models import Count, F, Func, JSONField, OuterRef, Q, Subquery, TextField
from django.db.models.functions import Coalesce, Lower
from django_countries.fields import Country

from academy.accounts.models import User
from academy.registry.models import ClusterOrganisation

from .models import Application, Dimension, Status, SubmittedVersion

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


def applicants(edition, condition):
    """The people with an active account whose application to `edition` meets `condition`: a User queryset
    (for Compose's recipient groups, `mail_groups.py` here and in selection)."""
    chosen = Application.objects.filter(condition, edition=edition).values("applicant_id")
    return User.objects.filter(is_active=True, pk__in=chosen)


def participants(edition):
    """The confirmed cohort: the people whom programme, attendance, homework and certificates are for."""
    return (
        Application.objects.filter(edition=edition, status=Status.CONFIRMED)
        .select_related("applicant", "organisation")
        .order_by("applicant__full_name")
    )


def is_participant(user, edition):
    return user.is_authenticated and participants(edition).filter(applicant=user).exists()


# Organiser screening: the edition's applications filtered, searched and sorted, for the list page,
# the exports and the API. Country and ecosystem are the registry's facts about the applicant's
# organisation; the experience band is the answer to the question tagged with that dimension.

SORTS = {
    "submitted": (F("submitted_at").asc(nulls_last=True), "pk"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "name": (Lower("applicant__full_name"), "applicant__email", "pk"),
    "-name": (Lower("applicant__full_name").desc(), "-applicant__email", "-pk"),
    "country": (F("organisation__country").asc(nulls_last=True), Lower("applicant__full_name"), "pk"),
    "-country": (F("organisation__country").desc(nulls_last=True), Lower("applicant__full_name"), "pk"),
    "organisation": (Lower("organisation__name").asc(nulls_last=True), Lower("applicant__full_name"), "pk"),
    "-organisation": (Lower("organisation__name").desc(nulls_last=True), Lower("applicant__full_name"), "pk"),
}
ELIGIBLE = {"yes": Q(is_eligible=True), "no": Q(is_eligible=False), "unknown": Q(is_eligible__isnull=True)}


class AnswerText(Func):
    """The text of one top-level answer: `JSON_EXTRACT(json, '$."key"')` on SQLite, `json ->> 'key'` on
    PostgreSQL. Django's own key transform repeats its operand three times on SQLite, and the operand
    here is a correlated subquery; this evaluates it once."""

    output_field = TextField()

    def __init__(self, expression, key):
        super().__init__(expression)
        self.key = key

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError("AnswerText is written for SQLite and PostgreSQL, the two supported databases.")

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"JSON_EXTRACT({sql}, %s)", (*params, f'$."{self.key}"')

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} ->> %s)", (*params, self.key)


def current_answers():
    """The answers that count: the latest submitted version's, or the draft's for an application never submitted."""
    latest = SubmittedVersion.objects.filter(application=OuterRef("pk")).order_by("-number").values("answers")[:1]
    return Coalesce(Subquery(latest, output_field=JSONField()), F("answers"), output_field=JSONField())


def dimension_key(questions, dimension):
    """The key of the edition's first question tagged with `dimension`, or "" if none is."""
    return next((q.key for q in questions if q.dimension == dimension), "")


def screening_list(edition, filters=None, *, experience_key=""):
    """The edition's applications narrowed by `filters` (keys: status, eligible, country, ecosystem,
    experience, q, sort; empty values are ignored). One query when evaluated; answers are deferred:
    annotate `current_answers()` where they are needed."""
    filters = {k: v for k, v in (filters or {}).items() if v not in ("", None)}
    rows = (
        Application.objects.filter(edition=edition)
        .select_related("applicant", "organisation")
        .defer("answers", "eligibility_reasons")
    )
    if "status" in filters:
        rows = rows.filter(status=filters["status"])
    if "eligible" in filters:
        rows = rows.filter(ELIGIBLE[filters["eligible"]])
    # Organisation filters as `organisation_id IN (…)`: tested on the application row before its JSON is read.
    if "country" in filters:
        rows = rows.filter(organisation__in=ClusterOrganisation.objects.filter(country=filters["country"]).values("pk"))
    if "ecosystem" in filters:
        in_ecosystem = ClusterOrganisation.objects.filter(ecosystems__slug=filters["ecosystem"]).values("pk")
        rows = rows.filter(organisation__in=in_ecosystem)
    if "experience" in filters and experience_key:
        rows = rows.alias(experience_band=AnswerText(current_answers(), experience_key))
        rows = rows.filter(experience_band=filters["experience"])
    for word in filters.get("q", "").split():
        rows = rows.filter(
            Q(applicant__full_name__icontains=word)
            | Q(applicant__email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return rows.order_by(*SORTS.get(filters.get("sort", ""), SORTS["-submitted"]))


def status_counts(applications):
    """How many of `applications` are in each status, drafts included, and in all: one GROUP BY query."""
    counts = dict.fromkeys(Status.values, 0)
    counts.update(applications.order_by().values_list("status").annotate(n=Count("pk")))
    return counts | {"all": sum(counts.values())}


PAGE_FIELDS = (
    "pk",
    "status",
    "is_eligible",
    "submitted_at",
    "applicant__full_name",
    "applicant__email",
    "organisation__name",
    "organisation__country",
)


def page_rows(applications, start, stop):
    """Rows start..stop of an ordered screening list in one query, as dicts of PAGE_FIELDS: the database sorts
    narrow rows (ids) and fetches only the page's rows, so a deep page sorted by name costs little more than
    the first; dicts, since building an application, its applicant and organisation per row cost the list
    page more than its query."""
    ids = applications.values("pk")[start:stop]
    return list(Application.objects.filter(pk__in=ids).order_by(*applications.query.order_by).values(*PAGE_FIELDS))


def registry_countries():
    """The countries of the registry's organisations, for the country filter's options: an index-only scan,
    far cheaper than joining every application of the edition to its organisation."""
    codes = ClusterOrganisation.objects.order_by().values_list("country", flat=True).distinct()
    return sorted(((code, Country(code).name) for code in codes), key=lambda pair: pair[1])


def participations_of(user):
    """The editions in which this person holds a confirmed seat, latest first."""
    return (
        Application.objects.filter(applicant=user, status=Status.CONFIRMED)
        .select_related("edition")
        .order_by("-edition__year")
    )


@dataclass(frozen=True)
class Diversity:
    """What a person said about themselves for diversity: an experience band and the ecosystems served."""

    experience: str | None = None
    ecosystems: tuple = ()


def diversity_answers(edition, applications):
    """{application id: Diversity} from the latest submitted version of each application (one query for the
    questions, one for the versions). The keys are the edition's questions tagged with the experience and
    ecosystem dimensions, else the standard form's "experience" and "ecosystems"."""
    questions = list(edition.questions.all())
    experience_key = dimension_key(questions, Dimension.EXPERIENCE) or "experience"
    ecosystems_key = dimension_key(questions, Dimension.ECOSYSTEM) or "ecosystems"
    latest = {}
    versions = SubmittedVersion.objects.filter(application__in=applications).order_by("application_id", "number")
    for application_id, answers in versions.values_list("application_id", "answers"):
        latest[application_id] = answers
    out = {}
    for application_id, answers in latest.items():
        ecosystems = answers.get(ecosystems_key) or ()
        out[application_id] = Diversity(
            experience=answers.get(experience_key) or None,
            ecosystems=tuple(ecosystems) if isinstance(ecosystems, list) else (),
        )
    return out
