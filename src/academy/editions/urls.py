from django.urls import path

from . import views

app_name = "editions"
urlpatterns = [
    path("", views.home, name="home"),
    path("editions/<slug:slug>/", views.call, name="call"),
]
