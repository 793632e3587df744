"""The organiser's tools of an edition, as links on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (group, [(label, URL name)]); each URL takes the edition's slug.
TOOLS = [
    (
        _("Call and applications"),
        [
            (_("Texts of the call"), "editions:edit_texts"),
            (_("Application form"), "applications:form_builder"),
            (_("Eligible countries"), "registry:eligible_countries"),
            (_("Eligibility overrides"), "applications:overrides"),
            (_("Screening: all applications"), "screening:list"),
        ],
    ),
    (
        _("Review and selection"),
        [
            (_("Review board"), "reviews:board"),
            (_("Review settings"), "reviews:settings"),
            (_("Rubric"), "reviews:rubric"),
            (_("Reviewers"), "reviews:reviewers"),
            (_("Selection runs"), "selection:overview"),
            (_("Offers and waitlist"), "selection:offer_list"),
        ],
    ),
    (
        _("Programme and participants"),
        [
            (_("Programme"), "programme:organiser_programme"),
            (_("Coaches and experts"), "programme:organiser_coaches"),
            (_("Homework"), "participation:organiser_homework"),
            (_("Surveys"), "participation:organiser_surveys"),
            (_("Info pack"), "participation:organiser_info_pack"),
            (_("Dietary and accessibility needs"), "participation:needs_summary"),
            (_("Completion and certificates"), "completion:overview"),
            (_("Peer groups"), "community:groups"),
            (_("Alumni follow-up"), "community:organiser_alumni"),
        ],
    ),
    (
        _("Mail"),
        [
            (_("Outbox"), "mail:outbox"),
            (_("Mail templates"), "mail:templates"),
            (_("Write to a group"), "mail:compose"),
            (_("Mail log"), "mail:log"),
        ],
    ),
    (
        _("Privacy"),
        [(_("Retention and purge"), "privacy:overview"), (_("Who opened personal data"), "privacy:access_log")],
    ),
    (_("Next year"), [(_("Set up the next edition"), "editions:clone")]),
]


def tools(edition):
    """[(group, [(label, url)])]: a misspelt URL name fails loudly instead of hiding a tool."""
    return [
        (group, [(label, reverse(name, kwargs={"slug": edition.slug})) for label, name in links])
        for group, links in TOOLS
    ]
