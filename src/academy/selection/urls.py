from django.urls import path

from .views import runs, setup

app_name = "selection"
urlpatterns = [
    path("orga/<slug:slug>/selection/", setup.overview, name="overview"),
    path("orga/<slug:slug>/selection/rules/", setup.rules, name="rules"),
    path("orga/<slug:slug>/selection/locks/", setup.locks, name="locks"),
    path("orga/<slug:slug>/selection/runs/", runs.start, name="start"),
    path("orga/<slug:slug>/selection/runs/<int:number>/", runs.detail, name="run"),
    path("orga/<slug:slug>/selection/runs/<int:number>/progress/", runs.progress, name="progress"),
    path("orga/<slug:slug>/selection/runs/<int:number>/export.json", runs.export, name="export"),
    path("orga/<slug:slug>/selection/runs/<int:number>/adopt/", runs.adopt, name="adopt"),
    path("orga/<slug:slug>/selection/compare/", runs.compare, name="compare"),
]
