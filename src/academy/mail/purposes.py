"""Why a mail is sent, as plain data: each purpose's placeholders and its built-in default template.

Every template may use the COMMON placeholders; a purpose adds its own. Placeholders are written
`{name}`; a datetime value renders in the edition's time zone with the zone's abbreviation
("31 October 2022, 23:59 CET"), a date as "31 October 2022".
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

COMMON = ("name", "email", "edition", "academy", "deadline", "contact_email", "site_url")


@dataclass(frozen=True)
class Purpose:
    key: str
    label: str
    placeholders: tuple = ()  # in addition to COMMON
    subject: str = ""
    body: str = ""
    decision: bool = False  # reviewed: always starts as a draft
    editable: bool = True  # organisers edit its template per edition
    redact_after_send: bool = False  # the body holds a one-time link: not kept once sent

    @property
    def allowed(self):
        return frozenset(COMMON) | frozenset(self.placeholders)


SIGNATURE = "\n\nKind regards,\nThe {academy} team\n{contact_email}"

_PURPOSES = [
    Purpose(
        "receipt",
        _("Application receipt"),
        ("application_url", "submitted_at", "version", "summary"),
        "We received your application to {edition}",
        "Dear {name},\n\nthank you for applying to {edition}. We received version {version} of your application "
        "on {submitted_at}; a PDF copy of all your answers is attached. You can change it until {deadline} at "
        "{application_url}.\n\nIn short:\n{summary}" + SIGNATURE,
    ),
    Purpose(
        "draft_reminder",
        _("Unsubmitted draft reminder"),
        ("application_url", "days_left"),
        "Your application to {edition} is not submitted yet",
        "Dear {name},\n\nyour application to {edition} is saved as a draft but not submitted. The call closes on "
        "{deadline} ({days_left} left). Finish and submit it at {application_url}." + SIGNATURE,
    ),
    Purpose(
        "eligibility_override",
        _("Eligibility override"),
        ("application_url", "reason"),
        "Your eligibility for {edition}",
        "Dear {name},\n\nthe organisers reviewed your eligibility for {edition}: {reason}\n\n"
        "You can continue your application at {application_url} until {deadline}." + SIGNATURE,
    ),
    Purpose(
        "decision_offered",
        _("Decision: offered a seat"),
        ("respond_by", "offer_url"),
        "You are offered a seat at {edition}",
        "Dear {name},\n\nwe are pleased to offer you a seat at {edition}. Please confirm or decline at "
        "{offer_url} by {respond_by}; after that the seat goes to the next person on the waitlist." + SIGNATURE,
        decision=True,
    ),
    Purpose(
        "decision_waitlisted",
        _("Decision: waitlisted"),
        ("application_url", "waitlist_position", "explanation"),
        "You are on the waitlist of {edition}",
        "Dear {name},\n\nthank you for applying to {edition}. All seats are offered for now, and you are number "
        "{waitlist_position} on the waitlist. We will write to you at once if a seat becomes free.{explanation}"
        + SIGNATURE,
        decision=True,
    ),
    Purpose(
        "decision_not_selected",
        _("Decision: not selected"),
        ("application_url", "explanation"),
        "Your application to {edition}",
        "Dear {name},\n\nthank you for applying to {edition}. We received many strong applications and could "
        "not offer you a seat this time.{explanation} We hope to read your application again next year." + SIGNATURE,
        decision=True,
    ),
    Purpose(
        "offer_reminder",
        _("Offer reminder"),
        ("respond_by", "offer_url"),
        "Please confirm your seat at {edition}",
        "Dear {name},\n\nyour seat at {edition} is waiting for your answer. Please confirm or decline at "
        "{offer_url} by {respond_by}." + SIGNATURE,
    ),
    Purpose(
        "offer_expired",
        _("Offer expired"),
        ("respond_by",),
        "Your offer for {edition} has expired",
        "Dear {name},\n\nwe did not receive your answer by {respond_by}, so your seat at {edition} has gone to "
        "the next person on the waitlist. Please write to {contact_email} if this is a mistake." + SIGNATURE,
    ),
    Purpose(
        "waitlist_promotion",
        _("Promotion from the waitlist"),
        ("respond_by", "offer_url"),
        "A seat at {edition} is free for you",
        "Dear {name},\n\na seat at {edition} has become free and we offer it to you. Please confirm or decline "
        "at {offer_url} by {respond_by}." + SIGNATURE,
    ),
    Purpose(
        "reviewer_invitation",
        _("Reviewer invitation"),
        ("accept_url", "review_closes"),
        "Invitation to review applications to {edition}",
        "Dear {name},\n\nthe organisers of {edition} invite you to review applications. Reviewing opens after "
        "the application deadline and closes on {review_closes}.\n\nAccept the invitation here, signed in with "
        "this e-mail address (or sign up with it): {accept_url}\n\nOnce you have accepted, you can declare "
        "conflicts of interest (organisations, countries or single applications) so that you are never given "
        "those applications." + SIGNATURE,
        redact_after_send=True,
    ),
    Purpose(
        "reviewer_reminder",
        _("Reviewer reminder"),
        ("review_url", "review_closes", "pending_count"),
        "{pending_count} reviews for {edition} are waiting",
        "Dear {name},\n\n{pending_count} of your reviews for {edition} are not finished. Review closes on "
        "{review_closes}: {review_url}" + SIGNATURE,
    ),
    Purpose(
        "programme_info",
        _("Programme"),
        ("programme_url", "online_start", "in_person_start", "venue"),
        "The programme of {edition}",
        "Dear {name},\n\nthe programme of {edition} is online at {programme_url}. The online days start on "
        "{online_start}, the in-person days on {in_person_start} at {venue}." + SIGNATURE,
    ),
    Purpose(
        "info_pack",
        _("Info pack"),
        ("info_pack_url", "venue", "venue_address", "in_person_start"),
        "Your info pack for the in-person days of {edition}",
        "Dear {name},\n\nthe in-person days start on {in_person_start} at {venue}, {venue_address}. Hotels, "
        "transport and catering are in your info pack: {info_pack_url}" + SIGNATURE,
    ),
    Purpose(
        "homework_reminder",
        _("Homework reminder"),
        ("homework_url", "due", "assignment"),
        "Reminder: your homework “{assignment}” is due on {due}",
        "Dear {name},\n\nplease hand in your homework “{assignment}” for {edition} by {due}: {homework_url}"
        + SIGNATURE,
    ),
    Purpose(
        "homework_feedback",
        _("Homework feedback"),
        ("homework_url", "coach", "assignment"),
        "Feedback on your homework “{assignment}”",
        "Dear {name},\n\n{coach} left feedback on your homework “{assignment}”: {homework_url}" + SIGNATURE,
    ),
    Purpose(
        "survey_invitation",
        _("Survey invitation"),
        ("survey_url", "survey_closes"),
        "How was {edition}?",
        "Dear {name},\n\nplease tell us how {edition} went for you, by {survey_closes}: {survey_url}" + SIGNATURE,
    ),
    Purpose(
        "coach_invitation",
        _("Coach or expert invitation"),
        ("kind", "action", "programme_url"),
        "Invitation: {kind} at {edition}",
        "Dear {name},\n\nyou are invited as {kind} of {edition}.\n\n{action}\n\nThe programme: {programme_url}"
        + SIGNATURE,
    ),
    Purpose(
        "certificate",
        _("Certificate"),
        ("certificate_url", "verification_url"),
        "Your certificate of {edition}",
        "Dear {name},\n\ncongratulations on completing {edition}. Your certificate is at {certificate_url}; "
        "anyone can check it at {verification_url}." + SIGNATURE,
    ),
    Purpose(
        "alumni_followup",
        _("Alumni follow-up"),
        ("followup_url", "months"),
        "{edition}: how have you passed it on?",
        "Dear {name},\n\nit is {months} months since the in-person days of {edition}. Did you pass on what you "
        "learned? Tell us in two minutes how many trainings you gave, how many people you reached and which "
        "services you launched: {followup_url}\n\nYou can change your answer at any time." + SIGNATURE,
    ),
    # Written by an organiser in Compose: the organiser's own text is the template.
    Purpose("message", _("Message from the organisers"), (), "{edition}", "Dear {name},\n\n", editable=False),
    # Rendered by allauth (sign-up verification, password reset): subject and body arrive ready.
    Purpose(
        "account",
        _("Account (verification, password reset)"),
        ("subject", "body"),
        "{subject}",
        "{body}",
        editable=False,
        redact_after_send=True,
    ),
]

PURPOSES = {p.key: p for p in _PURPOSES}
DECISIONS = tuple(p.key for p in _PURPOSES if p.decision)
EDITABLE = tuple(p for p in _PURPOSES if p.editable)


def get(key):
    try:
        return PURPOSES[key]
    except KeyError:
        raise ValueError(f"Unknown mail purpose {key!r}; known: {', '.join(PURPOSES)}") from None


def choices():
    return [(p.key, p.label) for p in _PURPOSES]


def sample_context(edition):
    """Plausible values for every purpose's own placeholders, for previews with a real recipient (a test
    checks that every declared placeholder has one)."""
    site = settings.SITE_URL.rstrip("/")
    base = f"{site}/editions/{edition.slug}"
    respond_by = edition.end_of(edition.review_closes + dt.timedelta(days=10))
    return {
        "application_url": f"{base}/application/",
        "submitted_at": edition.deadline - dt.timedelta(days=3, hours=5),
        "version": 2,
        "summary": "- " + str(_("Why do you want to take part?")) + " " + str(_("To learn from peers across Europe.")),
        "days_left": dt.timedelta(days=7),
        "reason": _("your organisation's country joined the programme after the call was published."),
        "respond_by": respond_by,
        "offer_url": f"{base}/offer/",
        "waitlist_position": 3,
        # Empty unless the edition gives the short explanation in decision mails (then a sentence).
        "explanation": " In short: the country cap of 3 for DE was reached by three applicants with higher scores.",
        "review_url": f"{site}/reviews/{edition.slug}/",
        "review_closes": edition.end_of(edition.review_closes),
        "assigned_count": 12,
        "pending_count": 4,
        "programme_url": f"{base}/programme/",
        "online_start": edition.online_start,
        "in_person_start": edition.in_person_start,
        "venue": edition.venue,
        "venue_address": edition.venue_address,
        "info_pack_url": f"{base}/info-pack/",
        "homework_url": f"{base}/homework/",
        "due": edition.start_of(edition.in_person_start) - dt.timedelta(days=14),
        "coach": _("Your coach"),
        "assignment": _("Cluster strategy canvas"),
        "kind": _("coach"),
        "action": _("Sign in with this e-mail address to see the sessions you lead."),
        "accept_url": f"{site}/review/invitations/EXAMPLE/",
        "survey_url": f"{base}/survey/",
        "survey_closes": edition.end_of(edition.in_person_end + dt.timedelta(days=14)),
        "followup_url": f"{site}/me/alumni/{edition.slug}/",
        "months": 6,
        "certificate_url": f"{site}/me/editions/{edition.slug}/certificate/",
        "verification_url": f"{site}/verify/EXAMPLE/",
        "subject": "",
        "body": "",
    }
