from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import CountryGroup


class EligibleCountryForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—")] + list(countries))
    group = forms.ChoiceField(label=_("Group"), choices=CountryGroup.choices)
