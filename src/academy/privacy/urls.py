from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/download/", views.my_data_download, name="my_data_download"),
    path("me/delete/", views.delete_account, name="delete"),
    path("editions/<slug:slug>/privacy/", views.notice, name="notice"),
    path("orga/<slug:slug>/privacy/", views.overview, name="overview"),
    path("orga/<slug:slug>/privacy/notice/", views.write_notice, name="write_notice"),
    path("orga/<slug:slug>/privacy/access/", views.access_log, name="access_log"),
    path("orga/<slug:slug>/privacy/access.csv", views.access_log_csv, name="access_log_csv"),
]
