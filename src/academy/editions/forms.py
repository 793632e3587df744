from django import forms

from .models import Edition

TEXT_FIELDS = ["summary", "objectives", "format_text", "who_can_apply", "costs", "how_to_apply", "contact_email"]


class EditionTextsForm(forms.ModelForm):
    """The texts of an edition's call page, as organisers write them; paragraphs are separated by blank lines."""

    class Meta:
        model = Edition
        fields = TEXT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in TEXT_FIELDS if name != "contact_email"}
