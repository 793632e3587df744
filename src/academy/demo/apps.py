from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo academy: sits on top of every domain app and calls each app's demo.py in lifecycle order."""

    name = "academy.demo"
    label = "demo"
    verbose_name = _("Demo data")
