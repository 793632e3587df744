import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.editions.models import validate_time_zone

from .models import Coach, Session

MAX_PHOTO_MB = 2
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_REPORT_MB = 5


class CoachChoices(forms.ModelMultipleChoiceField):
    """An id larger than any database integer is an unknown choice, said so, not a database error."""

    def _check_values(self, value):
        for pk in value or ():
            text = str(pk).strip().removeprefix("-")
            if text.isdigit() and int(text) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class SessionForm(forms.ModelForm):
    """Times are typed in the edition's zone, as the programme shows them, and stored in UTC."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    class Meta:
        model = Session
        fields = ["title", "description", "kind", "part", "room", "video_link", "coaches"]
        widgets = {"coaches": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"coaches": CoachChoices}

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.instance.edition = edition
        self.fields["coaches"].queryset = Coach.objects.filter(edition=edition).order_by("name")
        zone = edition.time_zone
        for name in ("start", "end"):
            self.fields[name].help_text = _("In the edition's time zone, %(zone)s.") % {"zone": zone}
        if self.instance.pk:
            start, end = (
                self.instance.starts_at.astimezone(edition.zone),
                self.instance.ends_at.astimezone(edition.zone),
            )
            self.initial.update(day=start.date(), start=start.time(), end=end.time())
        self.order_fields(["title", "kind", "part", "day", "start", "end", "room", "video_link", "coaches"])

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("The session must end after it starts (sessions end on the day they start)."))
            else:
                zone = self.edition.zone
                self.instance.starts_at = dt.datetime.combine(day, start, tzinfo=zone)
                self.instance.ends_at = dt.datetime.combine(day, end, tzinfo=zone)
        return data


class CoachForm(forms.ModelForm):
    class Meta:
        model = Coach
        fields = ["kind", "name", "email", "title", "bio", "photo"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.instance.edition = edition
        self.fields["photo"].help_text = _("Optional. JPEG, PNG or WebP, at most %(mb)d MB.") % {"mb": MAX_PHOTO_MB}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = Coach.objects.filter(edition=self.edition, email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This edition already has a coach or expert with this e-mail address."))
        return email

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "image"):  # a new upload, read by Pillow
            if photo.size > MAX_PHOTO_MB * 1024 * 1024:
                raise forms.ValidationError(_("The photo is larger than %(mb)d MB.") % {"mb": MAX_PHOTO_MB})
            if photo.image.format not in PHOTO_FORMATS:
                raise forms.ValidationError(_("The photo must be a JPEG, PNG or WebP image."))
            photo.name = "photo." + PHOTO_FORMATS[photo.image.format]  # the stored name follows the real format
        return photo


CAMERA_CHOICES = [("", _("unknown")), ("yes", _("on")), ("no", _("off"))]


class RollCallForm(forms.Form):
    """One row per confirmed participant: present, minutes, camera (the template writes the inputs out)."""

    def __init__(self, *args, participants, records, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants, self.session, self.records = participants, session, records
        limit = 24 * 60
        for person in participants:
            name = person.applicant.full_name or person.applicant.email
            row = records.get(person.pk)
            self.fields[f"present-{person.pk}"] = forms.BooleanField(
                label=_("%(name)s present") % {"name": name}, required=False, initial=row.present if row else False
            )
            self.fields[f"minutes-{person.pk}"] = forms.IntegerField(
                label=_("%(name)s minutes") % {"name": name},
                required=False,
                min_value=0,
                max_value=limit,
                initial=row.minutes if row else None,
            )
            camera = "" if not row or row.camera_on is None else ("yes" if row.camera_on else "no")
            self.fields[f"camera-{person.pk}"] = forms.ChoiceField(
                label=_("%(name)s camera") % {"name": name}, choices=CAMERA_CHOICES, required=False, initial=camera
            )

    def rows(self):
        for person in self.participants:
            fields = (self[f"{name}-{person.pk}"] for name in ("present", "minutes", "camera"))
            yield person, self.records.get(person.pk), *fields

    def entries(self, *, all_present=False):
        """application id -> (present, minutes, camera_on); "all present" fills empty minutes with the session's."""
        out = {}
        for person in self.participants:
            present = all_present or self.cleaned_data[f"present-{person.pk}"]
            minutes = self.cleaned_data[f"minutes-{person.pk}"]
            if all_present and minutes is None:
                minutes = self.session.duration_minutes
            camera = {"yes": True, "no": False}.get(self.cleaned_data[f"camera-{person.pk}"])
            out[person.pk] = (present, minutes, camera)
        return out


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label=_("Participant report"),
        help_text=_("The CSV file as Zoom or Microsoft Teams export it, at most %(mb)d MB.") % {"mb": MAX_REPORT_MB},
    )
    time_zone = forms.CharField(
        label=_("Time zone of the report's times"),
        validators=[validate_time_zone],
        help_text=_("The zone of the account that ran the meeting; usually the edition's."),
    )

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > MAX_REPORT_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_REPORT_MB})
        return report


class ImportConfirmForm(forms.Form):
    """One select per unmatched person of the report: a participant, or ignore."""

    payload = forms.CharField(widget=forms.HiddenInput)
    skip_unreadable = forms.BooleanField(
        label=_("Import the other rows and skip the rows that cannot be read"), required=False
    )

    def __init__(self, *args, unmatched, participants, has_errors, **kwargs):
        super().__init__(*args, **kwargs)
        self.unmatched, self.has_errors = unmatched, has_errors
        choices = [("", _("— not a participant: ignore —"))] + [
            (str(p.pk), f"{p.applicant.full_name or p.applicant.email} <{p.applicant.email}>") for p in participants
        ]
        for person in unmatched:
            self.fields[person.field_name] = forms.TypedChoiceField(
                label=_("Participant for “%(who)s”") % {"who": person.label},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
        if not has_errors:
            del self.fields["skip_unreadable"]

    def clean(self):
        data = super().clean()
        if self.has_errors and not data.get("skip_unreadable"):
            self.add_error(
                "skip_unreadable",
                _("Some rows cannot be read: tick this box, or correct the file and upload it again."),
            )
        return data

    def manual(self):
        return {person.key: self.cleaned_data.get(person.field_name) for person in self.unmatched}

    def select_fields(self):
        return [(person, self[person.field_name]) for person in self.unmatched]
