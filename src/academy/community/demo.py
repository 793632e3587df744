"""Demo community for 2022: peer groups formed by the program and published, most of the cohort in the
directory with varied fields, and follow-up answers from alumni so the organisers' totals show. The demo
applicant is in a group and in the directory; her own follow-up is left for her to answer."""

from academy.applications.queries import participants

from . import alumni, directory, groups

BIOS = [
    "I run a digital innovation cluster of 120 SMEs; happy to talk about matchmaking services.",
    "Our cluster works on circular textiles. Ask me about EU-funded pilots.",
    "Cluster manager for agri-food; interested in internationalisation and foresight.",
    "",
    "Health cluster, mostly medtech start-ups. Looking for partners for a training programme.",
]
STORIES = [
    "Ran two workshops on service design for our members' staff.",
    "Trained the cluster team on the customer journey; we now review services quarterly.",
    "Launched a matchmaking service with two other clusters we met in Strasbourg.",
    "",
]


def _directory(ctx, cohort, applicant):
    rng, joined = ctx.rng, 0
    for application in cohort:
        is_her = applicant is not None and application.applicant_id == applicant.pk
        if not is_her and rng.random() < 0.2:
            continue
        first = application.applicant.full_name.split(" ")[0].lower() or "me"
        directory.opt_in(
            application,
            by=application.applicant,
            share_organisation=is_her or rng.random() < 0.9,
            share_country=is_her or rng.random() < 0.85,
            share_email=is_her or rng.random() < 0.5,
            bio=BIOS[0] if is_her else rng.choice(BIOS),
            link=f"https://www.linkedin.com/in/{first}-{application.pk}" if rng.random() < 0.5 else "",
            phone=f"+32 2 555 {rng.randint(1000, 9999)}" if rng.random() < 0.2 else "",
        )
        joined += 1
    return joined


def _followups(ctx, cohort, applicant):
    rng, answered = ctx.rng, 0
    for application in cohort:
        if (applicant is not None and application.applicant_id == applicant.pk) or rng.random() < 0.4:
            continue
        trainings = rng.choice([0, 1, 1, 2, 3, 5])
        alumni.save_answer(
            application,
            by=application.applicant,
            trainings_given=trainings,
            people_reached=trainings * rng.randint(8, 30),
            services_launched=rng.choice([0, 0, 1, 1, 2]),
            story=rng.choice(STORIES),
        )
        answered += 1
    return answered


def seed(ctx):
    edition = ctx.editions["2022"]
    cohort = list(participants(edition))
    if len(cohort) < 2:
        ctx.say("community: no confirmed cohort in 2022, so no groups, directory or follow-up")
        return
    organiser, applicant = ctx.users["organiser"], ctx.users.get("applicant")
    result = groups.form(edition, size=5, seed=2022, by=organiser)
    groups.publish(edition, by=organiser)
    joined = _directory(ctx, cohort, applicant)
    answered = _followups(ctx, cohort, applicant)
    ctx.say(
        f"community: {len(result.groups)} peer groups for cba-2022 ({result.status} in {result.seconds} s, "
        f"{result.penalty.country_pairs} same-country pairs) published, {joined} of {len(cohort)} in the "
        f"directory, {answered} follow-up answers"
    )
