from django.urls import path

from . import views

app_name = "editions"
urlpatterns = [
    path("", views.home, name="home"),
    path("editions/<slug:slug>/", views.call, name="call"),
    path("orga/<slug:slug>/texts/", views.edit_texts, name="edit_texts"),
    path("orga/<slug:slug>/clone/", views.clone, name="clone"),
]
