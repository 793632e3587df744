from django import forms
from django.utils.translation import gettext_lazy as _

from academy.accounts.models import User

from .audit import describe
from .models import PrivacyNotice, RetentionPolicy


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Type the password you sign in with."))
        return password


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["months"]

    def clean_months(self):
        """The model's limits, checked here so that a wrong number never reaches the policy the page shows
        (a huge one made its purge date overflow)."""
        months = self.cleaned_data["months"]
        RetentionPolicy._meta.get_field("months").run_validators(months)
        return months


class AccessFilterForm(forms.Form):
    what = forms.ChoiceField(label=_("What"), required=False)
    person = forms.ModelChoiceField(
        label=_("Who"), queryset=User.objects.none(), required=False, empty_label=_("Anyone")
    )
    since = forms.DateField(label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = [("", _("Everything"))] + [(a, describe(a)) for a in actions]
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda u: f"{u.full_name or u.email} <{u.email}>"


class NoticeForm(forms.ModelForm):
    """A new version of the privacy notice; it starts from the current text. How long data is kept is not
    a field: the notice shows the edition's retention period."""

    class Meta:
        model = PrivacyNotice
        fields = ["controller", "contact", "purpose", "kept", "rights"]
        widgets = {
            "controller": forms.TextInput(attrs={"autocomplete": "organization"}),
            "purpose": forms.Textarea(attrs={"rows": 6}),
            "kept": forms.Textarea(attrs={"rows": 4}),
            "rights": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        for name in ("controller", "purpose", "kept", "rights"):
            if name in data:
                data[name] = data[name].strip()
        return data
