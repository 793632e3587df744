"""The site's URLs plus three views that refuse, for tests/core/test_errors.py."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from academy.accounts.models import User
from academy.core.errors import Refused
from academy.imports import FileUnreadable
from academy.urls import urlpatterns as site

SAVED_EMAIL = "written-before-the-refusal@example.org"


def refuses(request):
    raise Refused("You cannot open the cupboard of another edition.")


@transaction.atomic
def writes_then_refuses(request):
    User.objects.create_user(SAVED_EMAIL, password="x" * 20)
    raise FileUnreadable("This file is not a CSV file.")


def breaks(request):
    raise KeyError("not a refusal")


def answers(request):
    return HttpResponse("fine")


urlpatterns = [
    *site,
    path("test/refuses/", refuses),
    path("test/writes-then-refuses/", writes_then_refuses),
    path("test/breaks/", breaks),
    path("test/answers/", answers),
]
