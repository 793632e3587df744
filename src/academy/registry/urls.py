from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("orga/<slug:slug>/countries/", views.eligible_countries, name="eligible_countries"),
    path(
        "orga/<slug:slug>/countries/<int:pk>/remove/",
        views.remove_eligible_country,
        name="remove_eligible_country",
    ),
]
