from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("orga/<slug:slug>/", views.dashboard, name="dashboard"),
]
