from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import EligibilityRule, Question, QuestionType

T = QuestionType
TEXT_TYPES = (T.SHORT_TEXT, T.LONG_TEXT, T.URL)
CHOICE_TYPES = (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE)


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        model = Question
        fields = [
            "label",
            "key",
            "type",
            "help_text",
            "required",
            "choices",
            "max_length",
            "min_value",
            "max_value",
            "max_file_mb",
            "dimension",
        ]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, edition, answered=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition, self.answered = edition, answered
        self.fields["key"].required = False
        self.fields["key"].help_text = _(
            "Short name used in exports, e.g. motivation. Left empty, it is made from the question."
        )
        if self.instance.pk:
            self.initial["choices"] = "\n".join(self.instance.choices or [])
        if answered:
            self.fields["type"].help_text = _("This question has answers: its type and key can no longer change.")

    def clean_choices(self):
        lines = [line.strip() for line in (self.cleaned_data.get("choices") or "").splitlines()]
        seen = []
        for line in lines:
            if line and line not in seen:
                seen.append(line)
        return seen

    def clean_type(self):
        kind = self.cleaned_data["type"]
        if self.answered and self.instance.pk and kind != self.instance.type:
            raise forms.ValidationError(
                _("This question already has answers, so its type cannot change. Add a new question instead.")
            )
        return kind

    def clean_key(self):
        key = self.cleaned_data.get("key") or slugify(self.data.get("label", ""))[:50].strip("-") or "question"
        key = key.replace("-", "_")
        if self.answered and self.instance.pk and key != self.instance.key:
            raise forms.ValidationError(_("This question already has answers, so its key cannot change."))
        taken = Question.objects.filter(edition=self.edition, key=key).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another question of this form already uses the key “%(key)s”.") % {"key": key}
            )
        return key

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind in CHOICE_TYPES and len(data.get("choices") or []) < 2:
            self.add_error("choices", _("Give at least two options, one per line."))
        if kind not in CHOICE_TYPES:
            data["choices"] = []
        if kind not in TEXT_TYPES:
            data["max_length"] = None
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The maximum cannot be below the minimum."))
        if kind == T.FILE and not (1 <= (data.get("max_file_mb") or 0) <= 20):
            self.add_error("max_file_mb", _("Choose between 1 and 20 MB."))
        return data

    def save(self, commit=True):
        self.instance.edition = self.edition
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit=commit)


class OverrideForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
    rule = forms.ChoiceField(label=_("Rule to let them pass"), choices=EligibilityRule.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the audit log, e.g. “registered last week; the registry export is older”."),
    )
    notify = forms.BooleanField(
        label=_("Tell the person by e-mail, with this reason, once they may apply"), required=False, initial=True
    )
