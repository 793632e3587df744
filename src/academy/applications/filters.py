"""The organiser's filters of an edition's applications, read from the query string (GET).

A value that is not one of the options is reported beside its field and ignored; the others still
apply, so one mistyped address parameter never hides the whole list."""

from urllib.parse import urlencode

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from academy.registry.models import Ecosystem

from .models import Status

FIELDS = ("q", "status", "eligible", "country", "ecosystem", "experience", "sort", "per_page")
PAGE_SIZES = (50, 100, 250)
NOT_FILTERS = {"sort", "per_page"}  # change how the list is shown, not which applications it holds
ELIGIBLE_CHOICES = [
    ("", _("Eligible or not")),
    ("yes", _("Eligible")),
    ("no", _("Not eligible")),
    ("unknown", _("Not checked yet")),
]
SORT_CHOICES = [
    ("", _("Latest submitted first")),  # the default order, kept out of the address
    ("submitted", _("Earliest submitted first")),
    ("name", _("Name, A to Z")),
    ("-name", _("Name, Z to A")),
    ("country", _("Country, A to Z")),
    ("-country", _("Country, Z to A")),
    ("organisation", _("Organisation, A to Z")),
    ("-organisation", _("Organisation, Z to A")),
]


class Select(forms.Select):
    """Django's select, written here rather than by its templates, which include one template per option and
    another for its attributes: the same HTML (tests/applications/test_screening_list.py compares them) in
    under half the time, which the list page notices since its filters hold some fifty options."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attributes = format_html_join(
            "",
            " {}{}",
            ((k, "" if v is True else format_html('="{}"', v)) for k, v in widget["attrs"].items() if v is not False),
        )
        groups = "".join(
            f'\n  <optgroup label="{conditional_escape(group)}">{_options(options)}\n  </optgroup>'
            if group
            else _options(options)
            for group, options, _index in widget["optgroups"]
        )
        return format_html('<select name="{}"{}>{}\n</select>', name, attributes, mark_safe(groups))  # noqa: S308 -- escaped above


def _options(options):
    """The options' HTML, escaped as format_html would: one f-string per option, the page has some fifty."""
    return "".join(
        f'\n  <option value="{conditional_escape(o["value"])}"{" selected" if o["selected"] else ""}>'
        f"{conditional_escape(o['label'])}</option>\n"
        for o in options
    )


class ChoiceField(forms.ChoiceField):
    widget = Select


class ScreeningFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, organisation or e-mail address; every word must match."),
    )
    status = ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    eligible = ChoiceField(label=_("Eligibility"), required=False, choices=ELIGIBLE_CHOICES)
    country = ChoiceField(label=_("Country of the organisation"), required=False)
    ecosystem = ChoiceField(label=_("Industrial ecosystem of the organisation"), required=False)
    experience = ChoiceField(label=_("Experience"), required=False)
    sort = ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    per_page = forms.TypedChoiceField(
        label=_("Rows per page"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=Select,
        choices=[("", _("50 (default)")), *((str(n), str(n)) for n in PAGE_SIZES[1:])],
    )

    def __init__(self, data, *, countries, experience_question=None):
        super().__init__({k: v for k, v in data.items() if k in FIELDS})
        self.fields["country"].choices = [("", _("Any country")), *countries]
        self.fields["ecosystem"].choices = [
            ("", _("Any ecosystem")),
            *Ecosystem.objects.values_list("slug", "name"),
        ]
        if experience_question is None:
            del self.fields["experience"]
        else:
            self.fields["experience"].label = experience_question.label
            options = [str(choice) for choice in experience_question.choices]
            self.fields["experience"].choices = [("", _("Any answer")), *zip(options, options, strict=True)]

    @property
    def page_size(self):
        """Rows per page: 50, or 100 or 250 when the address asks for them."""
        return self.filters.get("per_page") or PAGE_SIZES[0]

    @property
    def filters(self):
        """The valid filters as a dict (invalid ones dropped, their errors kept on the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def query_string(self, **changes):
        """The filters as a query string, with `changes` applied (a value of "" drops a filter)."""
        values = self.filters | changes
        return urlencode({k: v for k, v in values.items() if v})
