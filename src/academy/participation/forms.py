from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import uploads
from .models import Dietary, HomeworkAssignment, InfoPack, QuestionKind, Survey, SurveyQuestion
from .surveys import RATINGS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class UploadField(forms.FileField):
    """A PDF, DOCX, PPTX or XLSX file, checked by content; cleans to an uploads.CheckedFile."""

    widget = forms.FileInput(attrs={"accept": uploads.ACCEPT})

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        return uploads.check(data) if data else None


class HandInForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 10}), max_length=50_000
    )
    file = UploadField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, PowerPoint or Excel, up to %(mb)d MB.") % {"mb": uploads.MAX_BYTES // 1024 // 1024},
    )
    remove_file = forms.BooleanField(label=_("Remove the file I handed in"), required=False)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = current is not None and bool(current.file)
        if self.has_file:
            self.fields["file"].help_text = _("Upload a new file to replace “%(name)s”.") % {
                "name": current.original_name
            }
        else:
            del self.fields["remove_file"]

    def clean(self):
        data = super().clean()
        keeps_file = self.has_file and not data.get("remove_file")
        if not self.errors and not data.get("text", "").strip() and not data.get("file") and not keeps_file:
            raise ValidationError(_("Write your answer or upload a file (or both)."))
        return data


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Your feedback"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000)


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = HomeworkAssignment
        fields = ["title", "brief", "due_date", "late_until", "reviewer"]
        widgets = {"due_date": DateInput(), "late_until": DateInput(), "brief": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].empty_label = _("No coach yet")

    def clean(self):
        data = super().clean()
        due, late = data.get("due_date"), data.get("late_until")
        if due and late and late < due:
            self.add_error("late_until", _("Late hand-ins can only be accepted after the due date."))
        return data


class AttachmentForm(forms.Form):
    file = UploadField(label=_("Add a file to the brief"))


class InfoPackForm(forms.ModelForm):
    class Meta:
        model = InfoPack
        fields = ["venue", "address", "map_link", "hotels", "transport", "catering", "what_to_bring"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("address", "hotels", "transport", "catering", "what_to_bring")
        }


class NeedsForm(forms.Form):
    dietary = forms.ChoiceField(label=_("Dietary needs"), choices=Dietary.choices, widget=forms.RadioSelect)
    dietary_notes = forms.CharField(
        label=_("Dietary details"),
        required=False,
        max_length=300,
        help_text=_("Allergies, or which diet if you chose “Other”."),
    )
    accessibility = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything that helps you take part at the venue: step-free access, seating, hearing loop…"),
    )


class SurveyForm(forms.ModelForm):
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DateInput(),
        help_text=_("At the end of this day in the edition's time zone. Leave empty to close it by hand."),
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "part", "session_label", "anonymous"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.closes_at:
            self.initial["closes_on"] = self.instance.closes_at.astimezone(self.instance.edition.zone).date()
        if locked:
            self.fields["anonymous"].disabled = True
            self.fields["anonymous"].help_text = _("People have answered: this can no longer change.")

    def clean(self):
        data = super().clean()
        if data.get("part") == "session" and not data.get("session_label", "").strip():
            self.add_error("session_label", _("Name the session this survey is about."))
        return data

    def save(self, commit=True):
        survey = super().save(commit=False)
        if "closes_on" in self.changed_data:  # untouched, a survey closed by hand stays closed at that minute
            closes_on = self.cleaned_data.get("closes_on")
            survey.closes_at = survey.edition.end_of(closes_on) if closes_on else None
        if commit:
            survey.save()
        return survey


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, for “One choice” and “Several choices”."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["label", "kind", "help_text", "required", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.choices:
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean(self):
        data = super().clean()
        options = list(
            dict.fromkeys(line.strip() for line in data.get("choices_text", "").splitlines() if line.strip())
        )
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(options) < 2:
                self.add_error("choices_text", _("Give at least two options, one per line."))
        else:
            options = []
        self.instance.choices = options
        return data


class SurveyAnswerForm(forms.Form):
    """One field per question, named by the question's id; radio groups and checkboxes render as
    fieldsets whose legend is the question."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            common = {"label": q.label, "required": q.required, "help_text": q.help_text}
            if q.kind == QuestionKind.RATING:
                choices = [(n, str(n)) for n in RATINGS]
                common["help_text"] = q.help_text or _("1 = poor, 5 = excellent")
                field = forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
            elif q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=[(c, c) for c in q.choices], widget=forms.RadioSelect, **common)
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in q.choices], widget=forms.CheckboxSelectMultiple, **common
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
            self.fields[q.key] = field

    def answers(self):
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "", [])}
