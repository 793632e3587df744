from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Edition

TEXT_FIELDS = ["summary", "objectives", "format_text", "who_can_apply", "costs", "how_to_apply", "contact_email"]


class EditionTextsForm(forms.ModelForm):
    """The texts of an edition's call page, as organisers write them; paragraphs are separated by blank lines."""

    class Meta:
        model = Edition
        fields = TEXT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in TEXT_FIELDS if name != "contact_email"}


class CloneForm(forms.Form):
    """Name and short name of the next edition; everything else comes from the edition it is cloned from."""

    name = forms.CharField(label=_("Name of the new edition"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=50,
        help_text=_("Used in addresses, e.g. cba-2023: lower-case letters, digits and hyphens."),
        error_messages={"invalid": _("Use only lower-case letters, digits and hyphens, e.g. cba-2023.")},
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if Edition.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another edition already uses “%(slug)s”: choose another short name."), params={"slug": slug}
            )
        return slug
