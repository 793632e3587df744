"""The project's URLs and error handlers, plus one view that crashes: for the 500 page's test."""

from django.urls import path

from academy.accounts.access import public
from academy.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@public
def boom(request):
    raise RuntimeError("secret technical detail: connection to 10.0.0.7 refused")


urlpatterns = [path("boom/", boom), *urlpatterns]
