"""Forms of the review pages: validation in the organiser's and the reviewer's words."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from academy.registry.models import ClusterOrganisation

from .models import ConflictKind, Criterion, ReviewSetup

MAX_STEPS = 11  # a scale is a row of radio buttons: 0–10 at most


def _country_choices():
    return [("", "—"), *countries]


class SetupForm(forms.ModelForm):
    class Meta:
        model = ReviewSetup
        fields = [
            "reviewers_per_application",
            "max_load",
            "avoid_same_country",
            "blind",
            "show_others_after_submit",
            "disagreement_points",
            "disagreement_z",
        ]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "guidance", "weight", "scale_min", "scale_max"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None:
            if high <= low:
                self.add_error("scale_max", _("The highest score must be above the lowest."))
            elif high - low + 1 > MAX_STEPS:
                self.add_error("scale_max", _("A scale has at most 11 steps, such as 0–10."))
        name = data.get("name")
        if name and (
            Criterion.objects.filter(edition=self.instance.edition, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("name", _("The rubric already has a criterion with this name."))
        return data


def find_organisation(text):
    """The cluster organisation named by a registry id or its exact name; ValidationError if none or several."""
    matches = list(ClusterOrganisation.objects.filter(Q(registry_id__iexact=text) | Q(name__iexact=text))[:2])
    if not matches:
        raise ValidationError(
            _("No cluster organisation in the registry has the id or name “%(text)s”.") % {"text": text}
        )
    if len(matches) > 1:
        raise ValidationError(_("Several organisations are called “%(text)s”: give the registry id.") % {"text": text})
    return matches[0]


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        help_text=gettext_lazy("One or more, separated by new lines, commas or spaces."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisation = forms.CharField(
        label=gettext_lazy("Organisation (registry id or exact name)"),
        required=False,
        help_text=gettext_lazy("Leave empty to take it from the cluster registry, if the person is registered."),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=_country_choices, required=False)
    capacity = forms.IntegerField(
        label=gettext_lazy("Personal limit"),
        min_value=0,
        required=False,
        help_text=gettext_lazy("Most applications for these reviewers; empty uses the edition's limit."),
    )

    def clean_emails(self):
        emails = [e for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e]
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError(_("These are not e-mail addresses: %(bad)s") % {"bad": ", ".join(bad)})
        if not emails:
            raise ValidationError(_("Give at least one e-mail address."))
        return emails

    def clean_organisation(self):
        text = self.cleaned_data["organisation"].strip()
        return find_organisation(text) if text else None


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Conflict with"),
        choices=[c for c in ConflictKind.choices if c[0] != ConflictKind.APPLICATION],
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(label=gettext_lazy("Organisation (registry id or exact name)"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=_country_choices, required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ConflictKind.ORGANISATION:
            text = (data.get("organisation") or "").strip()
            if not text:
                self.add_error("organisation", _("Name the organisation."))
            else:
                try:
                    data["organisation"] = find_organisation(text)
                except ValidationError as error:
                    self.add_error("organisation", error)
        elif kind == ConflictKind.COUNTRY and not data.get("country"):
            self.add_error("country", _("Choose the country."))
        return data


class ApplicationConflictForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class AddReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=gettext_lazy("Reviewer"), queryset=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
