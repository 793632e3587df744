"""Demo privacy notices, seeded before the applications so that they agree to them: 2022 has version
2022-1 from before its call opened; the open edition has two versions (the second, a week into the call,
adds the cohort directory), so /editions/<slug>/privacy/ shows the current text and the earlier one."""

import datetime as dt

from . import notices

DIRECTORY = (
    " If you are selected, the other participants of your cohort see your name and organisation in the "
    "cohort directory only if you agree to it there."
)


def seed(ctx):
    organiser = ctx.users["organiser"]
    y2022, current = ctx.editions["2022"], ctx.editions["open"]
    notices.publish(
        y2022,
        notices.first_text(y2022),
        by=organiser,
        now=y2022.start_of(y2022.call_opens) - dt.timedelta(days=3) + dt.timedelta(hours=10),
    )
    first = notices.first_text(current)
    opened = current.start_of(current.call_opens)
    notices.publish(current, first, by=organiser, now=opened - dt.timedelta(days=2) + dt.timedelta(hours=9))
    later = min(opened + dt.timedelta(days=7, hours=11), ctx.now)
    latest = notices.publish(current, first | {"purpose": first["purpose"] + DIRECTORY}, by=organiser, now=later)
    ctx.say(f"privacy notices: {y2022.year}-1 on {y2022.slug}, {latest.version} (and its version 1) on {current.slug}")
