"""Participants: their published group and the cohort directory (seen by the team too); their alumni page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.access import signed_in
from academy.applications.queries import participations_of
from academy.participation.access import participant_required, team_or_participant_required

from .. import alumni, directory, groups
from ..forms import DirectoryForm, FollowUpForm


@participant_required
def my_group(request, edition, application):
    context = {"edition": edition, "group": groups.my_group(edition, application), "me": application}
    return render(request, "community/participant/group.html", context)


@team_or_participant_required
def directory_list(request, edition):
    mine = participations_of(request.user).filter(edition=edition).first()
    context = {
        "edition": edition,
        "rows": directory.listing(edition),
        "is_participant": mine is not None,
        "my_entry": directory.entry_of(mine) if mine else None,
    }
    return render(request, "community/participant/directory.html", context)


@participant_required
def directory_entry(request, edition, application):
    entry = directory.entry_of(application)
    form = DirectoryForm(request.POST or None, instance=entry, initial={"consent": entry is not None})
    if request.method == "POST" and form.is_valid():
        shared = {name: form.cleaned_data[name] for name in directory.FIELDS}
        directory.opt_in(application, by=request.user, **shared)
        messages.success(request, _("You are in the directory with what you chose to share."))
        return redirect("community:directory", slug=edition.slug)
    context = {"edition": edition, "form": form, "entry": entry}
    return render(request, "community/participant/directory_entry.html", context, status=400 if form.errors else 200)


@require_POST
@participant_required
def directory_withdraw(request, edition, application):
    if directory.withdraw(application, by=request.user):
        messages.success(request, _("You are no longer in the directory; what you shared is deleted."))
    return redirect("community:directory", slug=edition.slug)


@signed_in
def alumni_page(request):
    return render(request, "community/alumni/alumni.html", {"rows": alumni.my_editions(request.user)})


@signed_in
def followup(request, slug):
    application = participations_of(request.user).filter(edition__slug=slug).first()
    if application is None:
        raise Http404
    edition = application.edition
    answer = application.followup if hasattr(application, "followup") else None
    is_open = alumni.is_open(edition)
    form = FollowUpForm(request.POST or None, instance=answer)
    if request.method == "POST" and is_open and form.is_valid():
        alumni.save_answer(application, by=request.user, **{k: form.cleaned_data[k] for k in alumni.ANSWER_FIELDS})
        messages.success(request, _("Thank you: your answer is saved. You can change it at any time."))
        return redirect("community:alumni")
    context = {
        "edition": edition,
        "form": form,
        "answer": answer,
        "is_open": is_open,
        "opens_at": alumni.opens_at(edition),
    }
    status = 400 if form.errors else (403 if request.method == "POST" and not is_open else 200)
    return render(request, "community/alumni/followup.html", context, status=status)
