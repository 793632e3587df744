from django.urls import path

from .views import applicant, files, organiser_eligibility, organiser_form

app_name = "applications"
urlpatterns = [
    path("editions/<slug:slug>/apply/", applicant.apply, name="apply"),
    path("editions/<slug:slug>/apply/start/", applicant.start, name="start"),
    path("editions/<slug:slug>/apply/save/<slug:key>/", applicant.autosave, name="autosave"),
    path("editions/<slug:slug>/apply/withdraw/", applicant.withdraw, name="withdraw"),
    path("editions/<slug:slug>/apply/undo-withdrawal/", applicant.undo_withdrawal, name="undo_withdrawal"),
    path("me/applications/", applicant.my_applications, name="mine"),
    path("applications/<int:pk>/receipt/<int:number>/", files.receipt, name="receipt"),
    path("applications/<int:pk>/files/<slug:key>/", files.uploaded_file, name="file"),
    path("orga/<slug:slug>/form/", organiser_form.form_builder_page, name="form_builder"),
    path("orga/<slug:slug>/form/new/", organiser_form.question_edit, name="question_add"),
    path("orga/<slug:slug>/form/standard/", organiser_form.install_standard, name="install_standard"),
    path("orga/<slug:slug>/form/<int:pk>/", organiser_form.question_edit, name="question_edit"),
    path("orga/<slug:slug>/form/<int:pk>/delete/", organiser_form.question_delete, name="question_delete"),
    path("orga/<slug:slug>/form/<int:pk>/move/", organiser_form.question_move, name="question_move"),
    path("orga/<slug:slug>/eligibility/", organiser_eligibility.overrides, name="overrides"),
    path("orga/<slug:slug>/eligibility/<int:pk>/revoke/", organiser_eligibility.revoke, name="revoke_override"),
]
