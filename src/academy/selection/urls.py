from django.urls import path

from . import views_offers

app_name = "selection"
urlpatterns = [
    # Offers (the offers branch): the applicant's answer, the organisers' list, exports and expiry.
    path("me/applications/<int:pk>/offer/", views_offers.offer_page, name="offer"),
    path("orga/<slug:slug>/offers/", views_offers.offer_list, name="offer_list"),
    path("orga/<slug:slug>/offers/export.csv", views_offers.offer_export, {"fmt": "csv"}, name="offer_csv"),
    path("orga/<slug:slug>/offers/export.xlsx", views_offers.offer_export, {"fmt": "xlsx"}, name="offer_xlsx"),
    path("orga/<slug:slug>/offers/expire/", views_offers.expire_now, name="offer_expire"),
]
