"""The organiser's tools of an edition: ONE list, read by the dashboard's tool links and by the edition
menu that every organiser page shows (templates/reports/_edition_menu.html), so the two cannot drift."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_resolver, get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DASHBOARD = "reports:dashboard"

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
            (_("Selection rules"), "selection:rules"),
            (_("Selection locks"), "selection:locks"),
            (_("Compare runs"), "selection:compare"),
            (_("Offers and waitlist"), "selection:offer_list"),
        ],
    ),
    (
        _("Programme and participants"),
        [
            (_("Programme"), "programme:organiser_programme"),
            (_("Coaches and experts"), "programme:organiser_coaches"),
            (_("Homework"), "participation:organiser_homework"),
            (_("Hand-ins to review"), "participation:review_list"),
            (_("Surveys"), "participation:organiser_surveys"),
            (_("Info pack"), "participation:organiser_info_pack"),
            (_("Dietary and accessibility needs"), "participation:needs_summary"),
            (_("Completion and certificates"), "completion:overview"),
            (_("Peer groups"), "community:groups"),
            (_("Participant directory"), "community:directory"),
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
        [
            (_("Retention and purge"), "privacy:overview"),
            (_("Privacy notice"), "privacy:write_notice"),
            (_("Who opened personal data"), "privacy:access_log"),
        ],
    ),
    (_("Next year"), [(_("Set up the next edition"), "editions:clone")]),
]

# Pages whose address does not start with their tool's address, and the tool they belong to.
BELONGS_TO = {
    "programme:roll_call": "programme:organiser_programme",
    "programme:import_report": "programme:organiser_programme",
}

TOOL_NAMES = frozenset(name for _group, links in TOOLS for _label, name in links)


def tools(edition):
    """[(group, [(label, url)])]: a misspelt URL name fails loudly instead of hiding a tool."""
    return [
        (group, [(label, reverse(name, kwargs={"slug": edition.slug})) for label, name in links])
        for group, links in TOOLS
    ]


def _current_tool(view_name, path, urls):
    """The URL name of the tool a page belongs to: itself, its declared tool, or else the tool whose
    address is the longest start of the page's address (a run belongs to "Selection runs")."""
    if view_name in urls or view_name == DASHBOARD:
        return view_name
    if view_name in BELONGS_TO:
        return BELONGS_TO[view_name]
    starts = [(len(url), name) for name, url in urls.items() if path.startswith(url)]
    return max(starts)[1] if starts else None


SLUG = "SLUG"  # stands for the edition's slug in the addresses reversed once (every address here is lower case)


@lru_cache(maxsize=4)
def _addresses(resolver, prefix):
    """Every tool's address and the dashboard's, with SLUG for the edition's slug: reversed once per URLconf
    (`resolver`) and script prefix, not 35 times on every organiser page."""
    return {name: reverse(name, kwargs={"slug": SLUG}) for name in (DASHBOARD, *TOOL_NAMES)}


def _edition_addresses(slug, resolver, prefix):
    return {name: url.replace(SLUG, slug) for name, url in _addresses(resolver, prefix).items()}


def _menu(addresses, current):
    groups = []
    for group, links in TOOLS:
        items = [{"label": label, "url": addresses[name], "current": name == current} for label, name in links]
        groups.append({"label": group, "links": items, "current": any(item["current"] for item in items)})
    return {"dashboard": {"url": addresses[DASHBOARD], "current": current == DASHBOARD}, "groups": groups}


def edition_menu(slug, view_name, path):
    """The edition menu of an organiser page: the dashboard, then every tool by group, the page's own
    tool marked current (and its group, so the menu shows where the organiser is)."""
    addresses = _edition_addresses(slug, get_resolver(), get_script_prefix())
    return _menu(addresses, _current_tool(view_name, path, {name: addresses[name] for name in TOOL_NAMES}))


def edition_menu_html(slug, view_name, path):
    """The menu rendered (templates/reports/_edition_menu.html): the same for every page of a tool, so rendered once
    per edition, tool, language, URLconf and address prefix, not on every page (its 41 links and their translations
    were a tenth of an organiser page's time)."""
    resolver, prefix = get_resolver(), get_script_prefix()
    addresses = _edition_addresses(slug, resolver, prefix)
    current = _current_tool(view_name, path, {name: addresses[name] for name in TOOL_NAMES})
    return _rendered_menu(slug, current, get_language(), resolver, prefix)


@lru_cache(maxsize=1024)
def _rendered_menu(slug, current, language, resolver, prefix):
    addresses = _edition_addresses(slug, resolver, prefix)
    return render_to_string("reports/_edition_menu.html", {"edition_menu": _menu(addresses, current)})
