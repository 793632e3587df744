from django.urls import path

from .views import organiser, public

app_name = "completion"

prefix = "orga/<slug:slug>/"
urlpatterns = [
    path(f"{prefix}completion/", organiser.overview, name="overview"),
    path(f"{prefix}completion/rule/", organiser.rule_save, name="rule_save"),
    path(f"{prefix}completion/<int:pk>/exception/", organiser.exception_grant, name="exception_grant"),
    path(f"{prefix}completion/<int:pk>/exception/revoke/", organiser.exception_revoke, name="exception_revoke"),
    path(f"{prefix}completion.csv", organiser.export_csv, name="export_csv"),
    path(f"{prefix}completion/issue/", organiser.issue, name="issue"),
    path(f"{prefix}completion/runs/<int:pk>/", organiser.run, name="run"),
    path(f"{prefix}completion/runs/<int:pk>/progress/", organiser.run_progress, name="run_progress"),
    path(f"{prefix}certificates/<int:pk>/revoke/", organiser.certificate_revoke, name="certificate_revoke"),
    path(f"{prefix}certificates/<int:pk>.pdf", organiser.certificate_pdf, name="certificate_pdf"),
    path("me/editions/<slug:slug>/certificate/", public.my_certificate, name="my_certificate"),
    path("me/editions/<slug:slug>/certificate.pdf", public.my_certificate_pdf, name="my_certificate_pdf"),
    path("verify/<str:code>/", public.verify, name="verify"),
]
