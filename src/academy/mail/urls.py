from django.urls import path

from .views import editor, outbox, person

app_name = "mail"
prefix = "orga/<slug:slug>/mail/"
urlpatterns = [
    path(prefix, outbox.outbox, name="outbox"),
    path(f"{prefix}actions/", outbox.outbox_action, name="outbox_action"),
    path(f"{prefix}<int:pk>/", outbox.message, name="message"),
    path(f"{prefix}batches/<int:pk>/", outbox.batch, name="batch"),
    path(f"{prefix}batches/<int:pk>/progress/", outbox.batch_progress, name="batch_progress"),
    path(f"{prefix}log/", outbox.log, name="log"),
    path(f"{prefix}templates/", editor.templates, name="templates"),
    path(f"{prefix}templates/<slug:purpose>/", editor.template_edit, name="template_edit"),
    path(f"{prefix}compose/", editor.compose, name="compose"),
    path("me/mail/", person.my_mail, name="my_mail"),
]
