from django.shortcuts import render

from .access import signed_in


@signed_in
def me(request):
    """A person's own page: who they are, their roles, and links to what they take part in."""
    return render(request, "accounts/me.html")
