"""Scheduled: invite an edition's alumni to the follow-up once it opens (once per person: dedupe_key)."""

from academy.core.scheduling import job

from . import alumni


@job("community.alumni_followup")
def alumni_followup(now):
    considered = sum(alumni.invite(edition, now=now) for edition in alumni.editions_to_invite(now))
    return f"{considered} alumni follow-up invitation(s) considered" if considered else None
