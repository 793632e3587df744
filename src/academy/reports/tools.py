"""The organiser's tools of an edition, as links on the dashboard. A tool whose page does not exist in
this installation (an app not built yet) is left out, so the list never links to a 404."""

from django.urls import NoReverseMatch, reverse
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
            (_("Programme"), "programme:orga_programme"),
            (_("Coaches and experts"), "programme:orga_coaches"),
            (_("Homework"), "participation:orga_homework"),
            (_("Surveys"), "participation:orga_surveys"),
            (_("Info pack"), "participation:orga_info_pack"),
            (_("Dietary and accessibility needs"), "participation:needs_summary"),
            (_("Completion and certificates"), "completion:overview"),
            (_("Peer groups"), "community:groups"),
            (_("Alumni follow-up"), "community:orga_alumni"),
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
    (_("Next year"), [(_("Set up the next edition"), "editions:clone")]),
]


def tools(edition):
    """[(group, [(label, url)])] for the tools that exist."""
    groups = []
    for group, links in TOOLS:
        found = []
        for label, name in links:
            try:
                found.append((label, reverse(name, kwargs={"slug": edition.slug})))
            except NoReverseMatch:
                continue
        if found:
            groups.append((group, found))
    return groups
