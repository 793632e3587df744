"""The applicant's answer to an offer: confirm (commitments again, needs for the in-person days) or decline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.participation.forms import NeedsForm

STATES = [
    ("", _("All")),
    ("open", _("Open")),
    ("confirmed", _("Confirmed")),
    ("declined", _("Declined")),
    ("expired", _("Expired")),
]


class ConfirmOfferForm(NeedsForm):
    """The needs form of the info pack, with one box per commitment of the edition's application form."""

    def __init__(self, *args, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment_keys = [q.key for q in commitments]
        boxes = {
            f"commit_{q.key}": forms.BooleanField(
                label=q.label,
                required=True,
                error_messages={"required": _("Tick this box: every participant makes this commitment.")},
            )
            for q in commitments
        }
        self.fields = boxes | dict(self.fields)

    def ticked(self):
        return [key for key in self.commitment_keys if self.cleaned_data.get(f"commit_{key}")]


class DeclineOfferForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It helps us plan the next editions; only the organisers read it."),
    )


class OfferFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
