"""The demo's 2022 cohort: chosen by the selection core over the normalised review scores, offered and
confirmed through the one door for status changes, so participant pages have people to show.

The demo applicant is locked in, so her login shows a participant's pages."""

from academy.applications.models import Application, Status
from academy.applications.queries import Diversity, diversity_answers
from academy.applications.status import change_status
from academy.reviews.board import aggregate

from .instance import Instance
from .solver import solve

RULES = [
    {"rule": "country_cap", "limit": 3},
    {"rule": "organisation_cap", "limit": 1},
    {"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "share": 0.2},
    {"rule": "coverage", "dimension": "ecosystems", "at_least": 12},
]
WAITLIST = 10


def _candidates(edition, applicant):
    applications = list(
        Application.objects.filter(edition=edition, status=Status.SUBMITTED, is_eligible=True).select_related(
            "organisation"
        )
    )
    latest = diversity_answers(edition, applications)
    scores = aggregate(edition).applications
    for application in applications:
        answers = latest.get(application.pk, Diversity())
        stats = scores.get(application.pk)
        yield (
            application,
            {
                "id": application.pk,
                "score": round(stats.normalised, 6) if stats else -5.0,
                "country": application.organisation.country.code if application.organisation else None,
                "organisation": application.organisation_id,
                "dimensions": {"experience": answers.experience, "ecosystems": list(answers.ecosystems)},
                "lock": "in" if applicant and application.applicant_id == applicant.pk else None,
            },
        )


def seed(ctx):
    edition = ctx.editions["2022"]
    pairs = list(_candidates(edition, ctx.users.get("applicant")))
    if len(pairs) < edition.min_participants:
        ctx.say("selection: too few reviewed applications in 2022 for a cohort")
        return
    by_id = {candidate["id"]: application for application, candidate in pairs}
    for candidate in (c for _a, c in pairs):
        if candidate["dimensions"]["experience"] is None:
            del candidate["dimensions"]["experience"]
    instance = Instance.from_json(
        {
            "min_size": edition.min_participants,
            "max_size": edition.max_participants,
            "rules": RULES,
            "candidates": [c for _a, c in pairs],
        }
    )
    result = solve(instance, seed=2022)
    organiser = ctx.users["organiser"]
    for pk in result.selected:
        change_status(by_id[pk], Status.OFFERED, by=organiser, reason="demo selection")
        change_status(by_id[pk], Status.CONFIRMED, by=by_id[pk].applicant, reason="demo confirmation")
    for pk in result.waitlist[:WAITLIST]:
        change_status(by_id[pk], Status.WAITLISTED, by=organiser, reason="demo selection")
    for pk in result.waitlist[WAITLIST:]:
        change_status(by_id[pk], Status.NOT_SELECTED, by=organiser, reason="demo selection")
    ctx.say(
        f"selection: 2022 cohort of {len(result.selected)} confirmed ({result.status}, seed 2022), "
        f"{WAITLIST} waitlisted, the demo applicant among the participants"
    )
