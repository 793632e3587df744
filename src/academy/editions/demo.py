"""Demo editions: 2022 as the call describes it, and a next edition whose call is open today."""

import datetime as dt

from .models import Academy, Edition

ACADEMY_SLUG = "cluster-booster-academy"
CONTACT = "events@clustercollaboration.eu"

TEXTS = {
    "summary": (
        "A 4-day intensive series of trainings for cluster managers offered by the European Cluster "
        "Collaboration Platform: 2 days online, then 2 days in person about three months later."
    ),
    "objectives": (
        "Provide learning opportunities for cluster managers to develop their skills on topics relevant to "
        "the cluster strategy, through tailor-made training sessions delivered by experts.\n"
        "Meet the needs of European cluster management teams in their daily work, in particular to offer "
        "innovative, highly professional and diversified services to SMEs.\n"
        "Learn from each other's experiences, discover effective practices and tools, and find inspiration for "
        "new services and business models through peer learning.\n"
        "Co-shape new European value chains and interlink the 14 industrial ecosystems.\n"
        "Understand and contribute to European policies and programmes on the digital and green transitions "
        "and resilience.\n"
        "Help in developing better cluster policy.\n"
        "Improve the skills of cluster staff through a “train the trainers” approach."
    ),
    "who_can_apply": (
        "Cluster managers who are registered on the ECCP platform as cluster managers in charge of a cluster "
        "organisation; who manage a cluster organisation from an EU country or a country associated to the "
        "COSME strand of the Single Market Programme; and who commit to attend all 4 training days, turn on "
        "their camera during the virtual days and do the homework assigned between the virtual and the "
        "physical trainings."
    ),
    "costs": (
        "Participation is free of charge. Food and drinks during the in-person trainings are covered by the "
        "organisers. Travel and accommodation are at the participant's own cost and cannot be reimbursed. "
        "Selected participants receive an info pack with hotel recommendations and transport options."
    ),
    "how_to_apply": (
        "Sign up, check that you are eligible, and fill in the application form. It must be submitted "
        "electronically by the end of the deadline day, Central European Time. You can save a draft and come "
        "back to it as often as you like until then."
    ),
}


def _format_text(online_start, online_end, in_person_start, in_person_end, venue):
    return (
        f"2 days of online training sessions, {online_start:%d} – {online_end:%d %B %Y}, on a platform run "
        f"by the organisers.\n2 days of in-person training at {venue}, {in_person_start:%d} – "
        f"{in_person_end:%d %B %Y}, about three months later, to leave time to put the knowledge into practice."
    )


def seed(ctx):
    academy = Academy.objects.create(
        name="Cluster Booster Academy",
        slug=ACADEMY_SLUG,
        description="The European Cluster Collaboration Platform's yearly academy for cluster managers.",
        contact_email=CONTACT,
    )
    venue = "University of Strasbourg"
    y2022 = dict(
        call_opens=dt.date(2022, 9, 26),
        application_deadline=dt.date(2022, 10, 31),
        review_closes=dt.date(2022, 11, 14),
        online_start=dt.date(2022, 12, 1),
        online_end=dt.date(2022, 12, 2),
        in_person_start=dt.date(2023, 3, 2),
        in_person_end=dt.date(2023, 3, 3),
    )
    ctx.editions["2022"] = Edition.objects.create(
        academy=academy,
        name="Cluster Booster Academy 2022",
        slug="cba-2022",
        year=2022,
        venue=venue,
        venue_address="4 rue Blaise Pascal, 67081 Strasbourg, France",
        city="Strasbourg",
        contact_email=CONTACT,
        format_text=_format_text(
            y2022["online_start"],
            y2022["online_end"],
            y2022["in_person_start"],
            y2022["in_person_end"],
            venue,
        ),
        **y2022,
        **TEXTS,
    )
    today = ctx.now.date()
    deadline = today + dt.timedelta(days=30)
    online_start = deadline + dt.timedelta(days=35)
    in_person_start = online_start + dt.timedelta(days=91)
    dates = dict(
        call_opens=today - dt.timedelta(days=20),
        application_deadline=deadline,
        review_closes=deadline + dt.timedelta(days=21),
        online_start=online_start,
        online_end=online_start + dt.timedelta(days=1),
        in_person_start=in_person_start,
        in_person_end=in_person_start + dt.timedelta(days=1),
    )
    year = online_start.year
    ctx.editions["open"] = Edition.objects.create(
        academy=academy,
        name=f"Cluster Booster Academy {year}",
        slug=f"cba-{year}",
        year=year,
        venue=venue,
        venue_address="4 rue Blaise Pascal, 67081 Strasbourg, France",
        city="Strasbourg",
        contact_email=CONTACT,
        format_text=_format_text(
            dates["online_start"],
            dates["online_end"],
            dates["in_person_start"],
            dates["in_person_end"],
            venue,
        ),
        **dates,
        **TEXTS,
    )
    ctx.say(f"editions: cba-2022 and cba-{year} (call open until {deadline:%d %B %Y}, end of day)")
