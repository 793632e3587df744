"""The organiser's screening of applications (list, detail, exports)."""

from django.urls import path

from .views import organiser_list as views

app_name = "screening"
urlpatterns = [
    path("orga/<slug:slug>/applications/", views.application_list, name="list"),
    path("orga/<slug:slug>/applications/export.csv", views.export_csv, name="export_csv"),
    path("orga/<slug:slug>/applications/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("orga/<slug:slug>/applications/<int:pk>/", views.application_detail, name="detail"),
]
