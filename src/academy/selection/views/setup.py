"""The organisers' selection page at /orga/<slug>/selection/: the runs, the rules form and the locks."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from academy.reviews.board import has_submitted_reviews

from .. import candidates, services
from ..forms import RulesForms
from ..instance import Instance, InstanceError
from ..models import SelectionLock, SelectionRun
from ..rules import compile_rules, describe
from ..runs import NO_CANDIDATES, RunError


class StartForm(forms.Form):
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        required=False,
        min_value=0,
        max_value=2_147_483_647,
        help_text=gettext_lazy("Leave empty for a random seed; the same seed and rules give the same cohort."),
    )
    lexicographic = forms.BooleanField(
        label=gettext_lazy("Meet the most rules first, then the best score"), required=False
    )


def rules_in_words(edition, rules):
    """The rules as sentences ('the country cap of 3'), for the overview; saved rules that cannot be used say why."""
    try:
        instance = Instance.from_json(candidates.instance_json(edition, rules, candidates=[]))
    except InstanceError as error:
        return [_("These rules cannot be used: %(why)s") % {"why": "; ".join(error.messages)}]
    compiled = compile_rules(instance)
    texts = []
    for index, rule in enumerate(instance.rules):
        text = describe(compiled, index)
        if rule.is_cap and rule.per_value:
            text += " (" + ", ".join(f"{k}: {v}" for k, v in rule.per_value.items()) + ")"
        texts.append(text + (_(" — soft, penalty %(p)g") % {"p": rule.penalty} if rule.soft else ""))
    return texts


@edition_role_required(Role.ORGANISER)
def overview(request, edition):
    settings = candidates.rules_of(edition)
    runs = list(
        SelectionRun.objects.filter(edition=edition)
        .select_related("created_by", "adopted_by")
        .defer("instance", "explanations")
    )
    context = {
        "edition": edition,
        "settings": settings,
        "rules": rules_in_words(edition, settings.rules),
        "locks": SelectionLock.objects.filter(application__edition=edition).count(),
        "runs": runs,
        "finished": [run for run in runs if run.state == SelectionRun.State.DONE],
        "start_form": StartForm(initial={"lexicographic": settings.lexicographic}),
        "can_start": has_submitted_reviews(edition),
        "no_candidates": NO_CANDIDATES,
    }
    return render(request, "selection/overview.html", context)


@edition_role_required(Role.ORGANISER)
def rules(request, edition):
    settings = candidates.rules_of(edition)
    questions = candidates.tagged_questions(edition)
    page = RulesForms(settings, questions, request.POST if request.method == "POST" else None)
    if request.method == "POST" and page.is_valid():
        general = page.general.cleaned_data
        try:
            services.save_rules(
                edition,
                page.rules(),
                by=request.user,
                lexicographic=general["lexicographic"],
                respond_days=general["respond_days"],
                explain_in_mail=general["explain_in_mail"],
            )
        except RunError as error:
            page.errors.append(str(error))
        else:
            messages.success(request, _("Rules saved. The next run uses them."))
            return redirect("selection:overview", slug=edition.slug)
    elif request.method == "POST":
        page.errors.append(_("Some rules are not complete: see the messages next to them."))
    return render(
        request,
        "selection/rules.html",
        {"edition": edition, "page": page, "questions": questions},
        status=400 if page.errors else 200,
    )


LOCK_CHOICES = [
    ("", gettext_lazy("No lock")),
    ("in", gettext_lazy("Must select")),
    ("out", gettext_lazy("Must not select")),
]


@edition_role_required(Role.ORGANISER)
def locks(request, edition):
    pool = candidates.pool(edition)
    if request.method == "POST":
        wanted = {}
        for key, value in request.POST.items():
            if key.startswith("lock-") and key[5:].isdigit() and value in ("", "in", "out"):
                wanted[int(key[5:])] = value
        changed = services.set_locks(edition, wanted, by=request.user, allowed=set(pool.applications))
        messages.success(request, _("%(n)d lock(s) changed.") % {"n": changed})
        return redirect("selection:locks", slug=edition.slug)
    query = request.GET.get("q", "").strip().lower()
    rows = []
    for candidate in sorted(pool.candidates, key=lambda c: -c["score"]):
        application = pool.applications[candidate["id"]]
        name = application.applicant.full_name or application.applicant.email
        organisation = application.organisation.name if application.organisation else ""
        text = f"{name} {organisation} {candidate['country'] or ''}".lower()
        if query and not all(word in text for word in query.split()):
            continue
        rows.append(
            {
                "candidate": candidate,
                "name": name,
                "organisation": organisation,
                "lock": pool.locks.get(candidate["id"], ""),
                "said_no": application.status in candidates.SAID_NO,
            }
        )
    context = {
        "edition": edition,
        "rows": rows,
        "query": request.GET.get("q", ""),
        "choices": LOCK_CHOICES,
        "unreviewed": pool.unreviewed,
        "total": len(pool.candidates),
    }
    return render(request, "selection/locks.html", context)
