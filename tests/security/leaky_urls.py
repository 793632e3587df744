"""The project's URLs plus one view that forgets its permission check, for the test of the matrix test."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from academy.accounts.access import signed_in
from academy.applications.models import Application
from academy.urls import urlpatterns as project


@signed_in  # declares an access rule, so the decorator test passes: but any signed-in person gets in
def answers(request, application):
    return JsonResponse(get_object_or_404(Application, pk=application).answers)


leaky = ([path("leak/<int:application>/answers/", answers, name="answers")], "leaky")
urlpatterns = [*project, path("", include(leaky))]
