from django.urls import path

from .views import editor, outbox, person

app_name = "mail"
orga = "orga/<slug:slug>/mail/"
urlpatterns = [
    path(orga, outbox.outbox, name="outbox"),
    path(f"{orga}actions/", outbox.outbox_action, name="outbox_action"),
    path(f"{orga}<int:pk>/", outbox.message, name="message"),
    path(f"{orga}batches/<int:pk>/", outbox.batch, name="batch"),
    path(f"{orga}batches/<int:pk>/progress/", outbox.batch_progress, name="batch_progress"),
    path(f"{orga}log/", outbox.log, name="log"),
    path(f"{orga}templates/", editor.templates, name="templates"),
    path(f"{orga}templates/<slug:purpose>/", editor.template_edit, name="template_edit"),
    path(f"{orga}compose/", editor.compose, name="compose"),
    path("me/mail/", person.my_mail, name="my_mail"),
]
