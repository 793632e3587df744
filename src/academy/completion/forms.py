from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CompletionRule


class RuleForm(forms.ModelForm):
    class Meta:
        model = CompletionRule
        fields = ["require_all_days", "day_share", "camera_share", "require_homework"]
        widgets = {
            "day_share": forms.NumberInput(attrs={"min": 1, "max": 100}),
            "camera_share": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def clean_day_share(self):
        value = self.cleaned_data["day_share"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(_("Give a share between 1 and 100 %."))
        return value

    def clean_camera_share(self):
        value = self.cleaned_data["camera_share"]
        if value > 100:
            raise forms.ValidationError(_("Give a share between 0 and 100 % (0 leaves the camera out)."))
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        error_messages={"required": _("Say why, in a sentence: the reason is kept in the audit log.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why, in a sentence: the reason is kept in the audit log."))
        return reason


class FilterForm(forms.Form):
    SHOW = [
        ("", _("Everyone")),
        ("met", _("Meets the rule")),
        ("not_met", _("Does not meet the rule")),
        ("exception", _("Completes by exception")),
        ("certified", _("Has a certificate")),
        ("pending", _("Completes, no certificate yet")),
    ]
    show = forms.ChoiceField(label=_("Show"), choices=SHOW, required=False)
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)

    def apply(self, outcomes):
        if not self.is_valid():
            return outcomes
        show, q = self.cleaned_data["show"], self.cleaned_data["q"].strip().casefold()
        tests = {
            "met": lambda o: o.met,
            "not_met": lambda o: not o.met,
            "exception": lambda o: not o.met and o.exception is not None,
            "certified": lambda o: o.certificate is not None,
            "pending": lambda o: o.completes and o.certificate is None,
        }
        if show in tests:
            outcomes = [o for o in outcomes if tests[show](o)]
        if q:
            person = lambda o: f"{o.application.applicant.full_name} {o.application.applicant.email}".casefold()  # noqa: E731
            outcomes = [o for o in outcomes if q in person(o)]
        return outcomes
