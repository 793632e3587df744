from django import forms
from django.utils.translation import gettext_lazy as _

from . import groups, purposes, rendering
from .models import State


class OutboxFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All but discarded"))] + State.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=[("", _("Any"))] + purposes.choices())
    q = forms.CharField(label=_("Recipient"), required=False, max_length=200)

    def values(self):
        if not self.is_valid():
            return {"state": "", "purpose": "", "search": ""}
        data = self.cleaned_data
        return {"state": data["state"], "purpose": data["purpose"], "search": data["q"].strip()}


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("send", _("Send")),
        ("discard", _("Discard")),
        ("regenerate", _("Regenerate")),
        ("release", _("Try again")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    scope = forms.ChoiceField(choices=[("selected", "selected"), ("filtered", "filtered")], initial="selected")

    def clean(self):
        data = super().clean()
        try:
            data["ids"] = [int(value) for value in self.data.getlist("ids")]
        except ValueError:
            raise forms.ValidationError(_("The selection is not valid; please select the mails again.")) from None
        if data.get("scope") == "selected" and not data["ids"]:
            raise forms.ValidationError(_("Select at least one mail, or act on every mail of the filter."))
        return data


class PlaceholderTextForm(forms.Form):
    """Subject and body whose placeholders must be valid for `purpose`."""

    subject = forms.CharField(label=_("Subject"), max_length=255)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, purpose, **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def _checked(self, name):
        value = self.cleaned_data[name]
        try:
            rendering.check(self.purpose, value)
        except rendering.TemplateError as error:
            raise forms.ValidationError(str(error)) from None
        return value

    def clean_subject(self):
        return self._checked("subject")

    def clean_body(self):
        return self._checked("body")


class TemplateForm(PlaceholderTextForm):
    preview_email = forms.EmailField(
        label=_("Preview for"),
        required=False,
        help_text=_("The e-mail address of someone in this edition: an organiser, reviewer, coach or recipient."),
    )


class ComposeForm(PlaceholderTextForm):
    group = forms.ChoiceField(label=_("To"))

    field_order = ["group", "subject", "body"]

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, purpose="message", **kwargs)
        self.fields["group"].choices = groups.choices(edition)


class DraftForm(forms.Form):
    """A draft's rendered text, edited by hand: braces are plain text here."""

    subject = forms.CharField(label=_("Subject"), max_length=255)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 14}))


class LogForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
