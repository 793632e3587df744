"""The organisers' rules form: one small form per kind of rule, turned into (and read from) the rule
objects of `selection.instance`, and validated by that module's own validation in the end."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .candidates import DIMENSION_LABELS
from .models import SelectionRules

SEP = "::"  # between a dimension's name and a value in a bound's target


class SoftMixin(forms.Form):
    soft = forms.BooleanField(
        label=_("Soft rule (may be broken at a cost)"),
        required=False,
    )
    penalty = forms.FloatField(
        label=_("Penalty when broken (points of total score)"),
        required=False,
        min_value=0.001,
        initial=1,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name not in ("soft", "penalty")])  # soft, penalty last

    def soft_json(self):
        data = self.cleaned_data
        if not data.get("soft"):
            return {}
        return {"soft": True, "penalty": data.get("penalty") or 1.0}

    @staticmethod
    def soft_initial(rule):
        return {"soft": bool(rule.get("soft")), "penalty": rule.get("penalty", 1)}


class GeneralForm(forms.ModelForm):
    class Meta:
        model = SelectionRules
        fields = ["lexicographic", "respond_days", "explain_in_mail"]

    def clean_respond_days(self):
        days = self.cleaned_data["respond_days"]
        if not 1 <= days <= 60:
            raise ValidationError(_("Give between 1 and 60 days."))
        return days


class CapForm(SoftMixin):
    """At most `limit` selected per country (or organisation), with exceptions for named countries."""

    kind = "country_cap"
    enabled = forms.BooleanField(label=_("Apply this cap"), required=False)
    limit = forms.IntegerField(label=_("At most this many selected"), min_value=0, required=False)
    exceptions = forms.CharField(
        label=_("Other limits for some countries"),
        required=False,
        help_text=_("For example: DE=4, FR=2 (ISO country codes)."),
    )

    def clean(self):
        data = super().clean()
        if data.get("enabled") and data.get("limit") is None:
            self.add_error("limit", _("Give the largest number allowed, or untick “Apply this cap”."))
        return data

    def clean_exceptions(self):
        text = self.cleaned_data.get("exceptions", "").strip()
        per_value = {}
        for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
            code, sep, number = part.partition("=")
            code = code.strip().upper()
            if not sep or not number.strip().isdigit():
                raise ValidationError(
                    _("Write each exception as CODE=NUMBER, e.g. DE=4 (got “%(part)s”).") % {"part": part}
                )
            if code not in countries:
                raise ValidationError(_("“%(code)s” is not an ISO country code.") % {"code": code})
            per_value[code] = int(number)
        return per_value

    def to_rule(self):
        data = self.cleaned_data
        if not data.get("enabled"):
            return None
        rule = {"rule": self.kind, "limit": data["limit"]}
        if data.get("exceptions"):
            rule["per_value"] = data["exceptions"]
        return rule | self.soft_json()

    @classmethod
    def initial_for(cls, rule, default):
        if rule is None:
            return {"enabled": False, "limit": default, "penalty": 1}
        exceptions = ", ".join(f"{k}={v}" for k, v in (rule.get("per_value") or {}).items())
        return {"enabled": True, "limit": rule.get("limit"), "exceptions": exceptions} | cls.soft_initial(rule)


class OrganisationCapForm(CapForm):
    kind = "organisation_cap"
    exceptions = None  # organisations are named by their registry number: no exceptions in the form

    def to_rule(self):
        data = self.cleaned_data
        if not data.get("enabled"):
            return None
        return {"rule": self.kind, "limit": data["limit"]} | self.soft_json()

    @classmethod
    def initial_for(cls, rule, default):
        initial = super().initial_for(rule, default)
        initial.pop("exceptions", None)
        return initial


class BoundForm(SoftMixin):
    """At least / at most a count or a share of the cohort with one value of a dimension."""

    target = forms.ChoiceField(label=_("Applicants whose answer is"))
    kind = forms.ChoiceField(
        label=_("Bound"),
        choices=[("dimension_min", _("at least")), ("dimension_max", _("at most"))],
        initial="dimension_min",
    )
    count = forms.IntegerField(label=_("Number of people"), min_value=0, required=False)
    share = forms.DecimalField(
        label=_("or share of the cohort (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + list(targets)

    def clean(self):
        data = super().clean()
        if (data.get("count") is None) == (data.get("share") is None):
            raise ValidationError(_("Give either a number of people or a share of the cohort, not both."))
        return data

    def to_rule(self):
        data = self.cleaned_data
        dimension, _sep, value = data["target"].partition(SEP)
        rule = {"rule": data["kind"], "dimension": dimension, "value": value}
        if data.get("count") is not None:
            rule["count"] = data["count"]
        else:
            rule["share"] = round(float(data["share"]) / 100, 6)
        return rule | self.soft_json()

    @classmethod
    def initial_for(cls, rule):
        share = rule.get("share")
        return {
            "target": f"{rule.get('dimension')}{SEP}{rule.get('value')}",
            "kind": rule["rule"],
            "count": rule.get("count"),
            "share": None if share is None else round(share * 100, 2),
        } | cls.soft_initial(rule)


class CoverageForm(SoftMixin):
    """The cohort together covers at least so many values of a dimension (e.g. 12 of the 14 ecosystems)."""

    dimension = forms.ChoiceField(label=_("Dimension"))
    at_least = forms.IntegerField(label=_("At least this many different values"), min_value=1)

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = list(dimensions)
        names = [name for name, _label in dimensions]
        self.fields["dimension"].initial = "ecosystems" if "ecosystems" in names else (names or [None])[0]

    def to_rule(self):
        data = self.cleaned_data
        return {"rule": "coverage", "dimension": data["dimension"], "at_least": data["at_least"]} | self.soft_json()

    @classmethod
    def initial_for(cls, rule):
        return {"dimension": rule.get("dimension"), "at_least": rule.get("at_least")} | cls.soft_initial(rule)


# At most MAX_RULES rows of each kind: a POST claiming more (bounds-TOTAL_FORMS=99999) is refused with a message
# instead of building and rendering Django's default 2,000 forms (8 s of CPU for one request).
MAX_RULES = 100
BoundFormSet = forms.formset_factory(BoundForm, extra=1, can_delete=True, max_num=MAX_RULES, absolute_max=MAX_RULES)
CoverageFormSet = forms.formset_factory(
    CoverageForm, extra=1, can_delete=True, max_num=MAX_RULES, absolute_max=MAX_RULES
)


def targets(questions, rules):
    """Grouped choices for a bound's target: each tagged question's answers (and any value the rules name)."""
    groups = []
    named = {(r.get("dimension"), r.get("value")) for r in rules if r.get("rule") in ("dimension_min", "dimension_max")}
    for name, question in questions.items():
        values = list(question.choices) + sorted(v for d, v in named if d == name and v not in question.choices)
        groups.append((question_label(name), [(f"{name}{SEP}{v}", v) for v in values]))
    for name in sorted({d for d, _v in named} - set(questions)):
        groups.append((name, [(f"{name}{SEP}{v}", v) for d, v in sorted(named) if d == name]))
    return groups


def question_label(name):
    return str(DIMENSION_LABELS.get(name, name))


class RulesForms:
    """Every form of the rules page, bound to a POST or filled from the saved rules."""

    def __init__(self, settings, questions, data=None):
        rules = list(settings.rules or [])
        first = {
            kind: next((r for r in rules if r.get("rule") == kind), None)
            for kind in ("country_cap", "organisation_cap")
        }
        # Rules the forms do not show (a second cap written in the export format) are kept as they are.
        self.kept = [r for r in rules if r.get("rule") in first and r is not first[r["rule"]]]
        dimensions = [(name, question_label(name)) for name in questions] or [
            ("ecosystems", question_label("ecosystems"))
        ]
        self.general = GeneralForm(data, instance=settings, prefix="general")
        self.country = CapForm(data, prefix="country", initial=CapForm.initial_for(first["country_cap"], 3))
        self.organisation = OrganisationCapForm(
            data, prefix="organisation", initial=OrganisationCapForm.initial_for(first["organisation_cap"], 1)
        )
        bounds = [BoundForm.initial_for(r) for r in rules if r.get("rule") in ("dimension_min", "dimension_max")]
        covers = [CoverageForm.initial_for(r) for r in rules if r.get("rule") == "coverage"]
        self.bounds = BoundFormSet(
            data, prefix="bounds", initial=bounds, form_kwargs={"targets": targets(questions, rules)}
        )
        self.coverage = CoverageFormSet(data, prefix="coverage", initial=covers, form_kwargs={"dimensions": dimensions})
        self.errors = []

    def is_valid(self):
        parts = [self.general, self.country, self.organisation, self.bounds, self.coverage]
        return all([part.is_valid() for part in parts])

    def rules(self):
        """The rule objects, in the instance format, from the valid forms."""
        rules = [form.to_rule() for form in (self.country, self.organisation)]
        for formset in (self.bounds, self.coverage):
            for i, form in enumerate(formset.forms):
                wanted = i < formset.initial_form_count() or form.has_changed()
                if wanted and form.cleaned_data and not form.cleaned_data.get("DELETE"):
                    rules.append(form.to_rule())
        return [rule for rule in rules if rule is not None] + self.kept
