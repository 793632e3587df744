"""Demo for the dashboards: the open edition gets the submissions of a call that has run for a few weeks
(a slow start, then more each day), so its dashboard shows a live call beside the finished 2022 one.
The people come from the registry like the applications demo's; nobody here has a demo login."""

import datetime as dt

from django.contrib.auth.hashers import make_password

from academy.accounts.demo import PASSWORD
from academy.accounts.models import User
from academy.applications import demo as applications_demo
from academy.applications.models import Application, Status, SubmittedVersion
from academy.registry.models import ClusterOrganisation, RegistryRole
from academy.registry.services import eligible_country_codes

OPEN_SUBMITTED = 90


def _moment(rng, edition, now):
    """A time between the call's opening and now, more of them lately."""
    opened = edition.call_opens_at
    share = rng.betavariate(2.2, 1)
    return min(opened + (now - opened) * share, now - dt.timedelta(minutes=5))


def seed(ctx):
    rng, current = ctx.rng, ctx.editions["open"]
    taken = set(User.objects.values_list("email", flat=True))
    people = applications_demo._people(rng, OPEN_SUBMITTED, staff_share=0.03, exclude=taken)
    users = applications_demo._users(people, make_password(PASSWORD))
    choices = {q.key: q.choices for q in current.questions.all()}
    org_ecosystems = {}
    for org_id, name in ClusterOrganisation.ecosystems.through.objects.values_list(
        "clusterorganisation_id", "ecosystem__name"
    ):
        org_ecosystems.setdefault(org_id, []).append(name)
    countries = eligible_country_codes(current)
    rows = []
    for person in people:
        when = _moment(rng, current, ctx.now)
        rows.append(
            Application(
                edition=current,
                applicant_id=users[person.email],
                organisation=person.organisation,
                status=Status.SUBMITTED,
                answers=applications_demo._answers(rng, choices, person, org_ecosystems),
                revision=1,
                is_eligible=person.role == RegistryRole.MANAGER and person.organisation.country.code in countries,
                submitted_at=when,
                status_changed_at=when,
            )
        )
    made = Application.objects.bulk_create(rows)
    SubmittedVersion.objects.bulk_create(
        SubmittedVersion(application=a, number=1, answers=a.answers, submitted_at=a.submitted_at, revision=1)
        for a in made
    )
    ctx.say(
        f"reports: {len(made)} applications submitted to {current.slug} so far; dashboards at "
        f"/orga/{ctx.editions['2022'].slug}/ and /orga/{current.slug}/"
    )
