"""Turns a `Refused` that no view caught into the site's refusal page, with the refusal's status."""

from django.shortcuts import render

from .errors import Refused


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        return render(request, "refused.html", {"message": exception.message}, status=exception.status)
