"""A person's own mails."""

from django.core.paginator import Paginator
from django.shortcuts import render

from academy.accounts.access import signed_in

from .. import queries


@signed_in
def my_mail(request):
    """The mails sent (or on their way) to the signed-in person; never anyone else's, never drafts."""
    page = Paginator(queries.for_person(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "mail/my_mail.html", {"page": page})
