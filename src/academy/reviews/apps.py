from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "academy.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from academy.applications import scores  # noqa: PLC0415 - models load only once the apps are ready

        from .board import list_scores  # noqa: PLC0415 - models load only once the apps are ready

        scores.provide(list_scores)
