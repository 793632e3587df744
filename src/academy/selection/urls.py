from django.urls import path

from .views import offers, runs, setup

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
    # Offers: the applicant's answer, the organisers' list, exports and expiry.
    path("me/applications/<int:pk>/offer/", offers.offer_page, name="offer"),
    path("orga/<slug:slug>/offers/", offers.offer_list, name="offer_list"),
    path("orga/<slug:slug>/offers/export.csv", offers.offer_export, {"fmt": "csv"}, name="offer_csv"),
    path("orga/<slug:slug>/offers/export.xlsx", offers.offer_export, {"fmt": "xlsx"}, name="offer_xlsx"),
    path("orga/<slug:slug>/offers/expire/", offers.expire_now, name="offer_expire"),
]
