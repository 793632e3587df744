"""Demo applications: the standard form on both editions, ~600 submitted applications to 2022 (a rush
in the last days, some ineligible, some withdrawn, a few submitted twice; the demo applicant's among them)
and drafts in the open edition, among them the demo applicant's. Receipts are not rendered here: the
first download makes each one."""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db.models import F

from academy.accounts.demo import PASSWORD
from academy.accounts.models import User
from academy.privacy.notices import current_notice
from academy.registry.models import ClusterOrganisation, RegisteredPerson, RegistryRole
from academy.registry.services import eligible_country_codes

from . import eligibility, receipts, services, standard_form
from .models import Application, Status, SubmittedVersion

APPLICATIONS_2022 = 599  # and the demo applicant
STAFF_SHARE = 0.05
WITHDRAWN_SHARE = 0.04
RESUBMITTED_SHARE = 0.08
OPEN_DRAFTS = 12
EXPERIENCE_WEIGHTS = [22, 34, 27, 17]
BACKGROUND_WEIGHTS = [38, 27, 17, 12, 6]
MOTIVATIONS = [
    "Our cluster is growing fast and I want to professionalise the services we offer to our {n} SME members.",
    "I took over the management of the cluster last year and want to learn from more experienced peers.",
    "We are preparing our ESCA labelling and need better tools for strategy, membership and funding.",
    "Our members ask for support on the green and digital transitions; I want to design new services for them.",
    "I would like to build partnerships with clusters in other countries and co-shape European value chains.",
]
EXPECTATIONS = [
    "Practical methods I can apply on Monday morning, and a network of peers to call on.",
    "Exchanges on business models for clusters and on how to measure the impact of our services.",
    "Coaching on internationalisation and on access to EU programmes.",
    "Hands-on sessions, honest feedback, and homework that fits our real situation.",
]


def _when_2022(rng, edition):
    """A submission time with the deadline rush: most in the last week, many on the last evening."""
    days_before = min(35, int(rng.expovariate(1 / 6)))
    day = edition.application_deadline - dt.timedelta(days=days_before)
    late = days_before == 0 and rng.random() < 0.5
    hour = rng.randint(18, 23) if late else rng.randint(7, 23)
    local = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)), tzinfo=edition.zone)
    return max(local, edition.call_opens_at)


def _answers(rng, choices, person, org_ecosystems, consent=""):
    ecosystems = set(org_ecosystems.get(person.organisation_id, []))
    if rng.random() < 0.4:
        ecosystems.add(rng.choice(choices["ecosystems"]))
    return {
        "experience": rng.choices(choices["experience"], EXPERIENCE_WEIGHTS)[0],
        "background": rng.choices(choices["background"], BACKGROUND_WEIGHTS)[0],
        "ecosystems": [name for name in choices["ecosystems"] if name in ecosystems] or [choices["ecosystems"][0]],
        "motivation": rng.choice(MOTIVATIONS).format(n=rng.randint(20, 400)),
        "expectations": rng.choice(EXPECTATIONS),
        "commit_attend": True,
        "commit_camera": True,
        "commit_homework": True,
        "privacy": {"accepted": True, "version": consent},
    }


def _people(rng, count, *, staff_share, exclude=()):
    managers = list(
        RegisteredPerson.objects.filter(role=RegistryRole.MANAGER)
        .exclude(email__in=exclude)
        .select_related("organisation")
    )
    staff = list(
        RegisteredPerson.objects.filter(role=RegistryRole.STAFF)
        .exclude(email__in=exclude)
        .select_related("organisation")
    )
    n_staff = int(count * staff_share)
    return rng.sample(managers, count - n_staff) + rng.sample(staff, n_staff)


def _users(people, password):
    User.objects.bulk_create([User(email=p.email, full_name=p.name, password=password) for p in people], batch_size=500)
    return dict(User.objects.filter(email__in=[p.email for p in people]).values_list("email", "pk"))


def seed(ctx):
    rng = ctx.rng
    y2022, current = ctx.editions["2022"], ctx.editions["open"]
    for edition in (y2022, current):
        standard_form.install(edition)
    choices = {q.key: q.choices for q in y2022.questions.filter(key__in=["experience", "background", "ecosystems"])}
    through = ClusterOrganisation.ecosystems.through
    org_ecosystems = {}
    for org_id, name in through.objects.values_list("clusterorganisation_id", "ecosystem__name"):
        org_ecosystems.setdefault(org_id, []).append(name)
    password = make_password(PASSWORD)

    taken = set(User.objects.values_list("email", flat=True))  # the demo logins are in the registry too
    people = _people(rng, APPLICATIONS_2022, staff_share=STAFF_SHARE, exclude=taken)
    user_ids = _users(people, password)
    countries = eligible_country_codes(y2022)
    consent = current_notice(y2022).version  # what every 2022 applicant agreed to, on first submitting
    rows, versions = [], []
    for person in people:
        eligible = person.role == RegistryRole.MANAGER and person.organisation.country.code in countries
        submitted_at = _when_2022(rng, y2022)
        withdrawn = rng.random() < WITHDRAWN_SHARE
        rows.append(
            Application(
                edition=y2022,
                applicant_id=user_ids[person.email],
                organisation=person.organisation,
                status=Status.WITHDRAWN if withdrawn else Status.SUBMITTED,
                answers=_answers(rng, choices, person, org_ecosystems, consent),
                revision=1,
                is_eligible=eligible,
                submitted_at=submitted_at,
                consent_version=consent,
                consent_at=submitted_at,
                status_changed_at=submitted_at,
            )
        )
    Application.objects.bulk_create(rows, batch_size=500)
    for application in Application.objects.filter(edition=y2022).select_related("applicant"):
        if application.is_eligible is False:  # the reasons in the applicant's words, from the one rule book
            application.eligibility_reasons = eligibility.check(application.applicant, y2022).as_json()
            application.save(update_fields=["eligibility_reasons"])
        versions.append(_version(application, 1, application.answers, application.submitted_at))
        if rng.random() < RESUBMITTED_SHARE and application.submitted_at < y2022.deadline - dt.timedelta(hours=2):
            later = application.submitted_at + (y2022.deadline - application.submitted_at) * rng.random()
            answers = dict(application.answers, motivation=application.answers["motivation"] + " (Updated.)")
            versions.append(_version(application, 2, answers, later))
            Application.objects.filter(pk=application.pk).update(answers=answers, revision=2, submitted_at=later)
    ana = ctx.users["applicant"]
    ana_2022 = Application.objects.create(
        edition=y2022,
        applicant=ana,
        organisation=RegisteredPerson.objects.get(email=ana.email).organisation,
        status=Status.SUBMITTED,
        answers=dict(_answers(rng, choices, RegisteredPerson.objects.get(email=ana.email), org_ecosystems, consent)),
        revision=1,
        is_eligible=True,
        submitted_at=y2022.deadline - dt.timedelta(days=4, hours=3),  # the time of her receipt in the mail demo
        consent_version=consent,
        consent_at=y2022.deadline - dt.timedelta(days=4, hours=3),
    )
    ana_version = _version(ana_2022, 1, ana_2022.answers, ana_2022.submitted_at)
    versions.append(ana_version)
    rows.append(ana_2022)
    SubmittedVersion.objects.bulk_create(versions, batch_size=500)
    # What her receipt mail said (the mail demo puts it in her sent log): the same version and summary.
    ctx.extra["receipt_2022"] = {
        "submitted_at": ana_version.submitted_at,
        "version": ana_version.number,
        "summary": receipts.summary(ana_version),
    }
    Application.objects.filter(edition=y2022).update(created_at=F("submitted_at") - dt.timedelta(days=2))

    drafts = _people(rng, OPEN_DRAFTS, staff_share=0, exclude=taken | {p.email for p in people})
    draft_ids = _users(drafts, password)
    current_choices = {q.key: q.choices for q in current.questions.all()}
    current_countries = eligible_country_codes(current)
    Application.objects.bulk_create(
        [
            Application(
                edition=current,
                applicant_id=draft_ids[p.email],
                organisation=p.organisation,
                answers={
                    k: v
                    for k, v in _answers(rng, current_choices, p, org_ecosystems).items()
                    if k in ("experience", "background", "ecosystems", "motivation")[: rng.randint(1, 4)]
                },
                revision=1,
                is_eligible=p.organisation.country.code in current_countries,
            )
            for p in drafts
        ]
    )
    draft = services.start_application(ana, current, now=ctx.now)
    services.save_draft(
        draft,
        {
            "experience": "3–5 years",
            "background": "Engineering / science",
            "ecosystems": ["Digital", "Health"],
            "motivation": "Our 140 members in digital health ask for help with EU funding and with going abroad.",
        },
        based_on_revision=0,
        now=ctx.now,
    )
    withdrawn = sum(1 for r in rows if r.status == Status.WITHDRAWN)
    ineligible = sum(1 for r in rows if not r.is_eligible)
    ctx.say(
        f"applications: {len(rows)} to 2022 ({ineligible} ineligible, {withdrawn} withdrawn, "
        f"{len(versions) - len(rows)} submitted twice); {len(drafts) + 1} drafts in {current.slug}, "
        f"one of them {ana.email}'s"
    )


def _version(application, number, answers, submitted_at):
    return SubmittedVersion(
        application=application, number=number, answers=answers, submitted_at=submitted_at, revision=number
    )
