from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommunitySettings, DirectoryEntry, FollowUpAnswer


class GroupRunForm(forms.ModelForm):
    class Meta:
        model = CommunitySettings
        fields = ["group_size", "group_seed"]
        help_texts = {
            "group_size": _("Groups hold at most this many people; their sizes differ by one at most."),
            "group_seed": _("The same seed gives the same groups; another seed gives another mix."),
        }


class MoveForm(forms.Form):
    group = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, groups, person_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g.pk, str(g)) for g in groups]
        self.fields["group"].label = _("Group of %(name)s") % {"name": person_name} if person_name else _("Group")


class DirectoryForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the participants, coaches and organisers of this edition see my name and what I tick "
            "or fill in below."
        ),
        error_messages={"required": _("Tick this box to appear in the directory.")},
    )

    class Meta:
        model = DirectoryEntry
        fields = ["share_organisation", "share_country", "share_email", "bio", "link", "phone"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "bio": _("Optional. Leave empty to share nothing here."),
            "link": _("Optional, e.g. https://www.linkedin.com/in/your-name"),
            "phone": _("Optional. Leave empty to keep your number to yourself."),
        }


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpAnswer
        fields = ["trainings_given", "people_reached", "services_launched", "story"]
        widgets = {"story": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "trainings_given": _("Trainings, workshops or talks where you passed on what you learned; 0 if none."),
            "people_reached": _("About how many people took part in them."),
            "services_launched": _("New services for your members that came out of the academy."),
        }
        error_messages = {
            name: {"min_value": _("Enter a whole number, 0 or more."), "invalid": _("Enter a whole number, 0 or more.")}
            for name in ("trainings_given", "people_reached", "services_launched")
        }


class FollowUpSettingsForm(forms.ModelForm):
    class Meta:
        model = CommunitySettings
        fields = ["followup_months"]

    def clean_followup_months(self):
        """The model's limits, checked here so that a wrong number never reaches the settings the page shows
        (a huge one made the follow-up date overflow)."""
        months = self.cleaned_data["followup_months"]
        CommunitySettings._meta.get_field("followup_months").run_validators(months)
        return months
