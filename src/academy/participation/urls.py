from django.urls import path

from .views import coach, organiser_homework, organiser_info, organiser_surveys, participant

app_name = "participation"

me = "me/editions/<slug:slug>/"
prefix = "orga/<slug:slug>/"
urlpatterns = [
    # participants
    path(f"{me}homework/", participant.homework_list, name="homework_list"),
    path(f"{me}homework/<int:pk>/", participant.homework_detail, name="homework_detail"),
    path(f"{me}hand-ins/<int:pk>/file/", participant.hand_in_file, name="hand_in_file"),
    path(f"{me}homework/attachments/<int:pk>/", participant.attachment_file, name="attachment_file"),
    path(f"{me}info-pack/", participant.info_pack, name="info_pack"),
    path(f"{me}info-pack.pdf", participant.info_pack_pdf, name="info_pack_pdf"),
    path(f"{me}needs/", participant.my_needs, name="my_needs"),
    path(f"{me}surveys/", participant.survey_list, name="survey_list"),
    path(f"{me}surveys/<int:pk>/", participant.survey_answer, name="survey_answer"),
    # coaches
    path("coach/<slug:slug>/homework/", coach.review_list, name="review_list"),
    path("coach/<slug:slug>/homework/hand-ins/<int:pk>/", coach.hand_in_review, name="hand_in_review"),
    path("coach/<slug:slug>/homework/hand-ins/<int:pk>/file/", coach.hand_in_download, name="hand_in_download"),
    # organisers: homework
    path(f"{prefix}homework/", organiser_homework.overview, name="organiser_homework"),
    path(f"{prefix}homework/new/", organiser_homework.assignment_form, name="assignment_create"),
    path(f"{prefix}homework/<int:pk>/", organiser_homework.assignment_form, name="assignment_edit"),
    path(f"{prefix}homework/<int:pk>/delete/", organiser_homework.assignment_delete, name="assignment_delete"),
    path(f"{prefix}homework/<int:pk>/remind/", organiser_homework.remind, name="homework_remind"),
    path(f"{prefix}homework/<int:pk>/attachments/", organiser_homework.attachment_add, name="attachment_add"),
    path(
        f"{prefix}homework/attachments/<int:pk>/delete/", organiser_homework.attachment_delete, name="attachment_delete"
    ),
    path(f"{prefix}homework.csv", organiser_homework.export_csv, name="homework_csv"),
    path(f"{prefix}homework.xlsx", organiser_homework.export_xlsx, name="homework_xlsx"),
    # organisers: info pack and needs
    path(f"{prefix}info-pack/", organiser_info.info_pack_edit, name="organiser_info_pack"),
    path(f"{prefix}info-pack.pdf", organiser_info.info_pack_preview, name="organiser_info_pack_pdf"),
    path(f"{prefix}info-pack/send/", organiser_info.info_pack_send, name="info_pack_send"),
    path(f"{prefix}needs/", organiser_info.needs_summary, name="needs_summary"),
    # organisers: surveys
    path(f"{prefix}surveys/", organiser_surveys.survey_list, name="organiser_surveys"),
    path(f"{prefix}surveys/<int:pk>/", organiser_surveys.survey_edit, name="survey_edit"),
    path(f"{prefix}surveys/<int:pk>/questions/", organiser_surveys.question_add, name="question_add"),
    path(f"{prefix}surveys/<int:pk>/questions/<int:question>/", organiser_surveys.question_edit, name="question_edit"),
    path(
        f"{prefix}surveys/<int:pk>/questions/<int:question>/delete/",
        organiser_surveys.question_delete,
        name="question_delete",
    ),
    path(f"{prefix}surveys/<int:pk>/open/", organiser_surveys.survey_open, name="survey_open"),
    path(f"{prefix}surveys/<int:pk>/close/", organiser_surveys.survey_close, name="survey_close"),
    path(f"{prefix}surveys/<int:pk>/results/", organiser_surveys.survey_results, name="survey_results"),
    path(f"{prefix}surveys/<int:pk>/results.csv", organiser_surveys.survey_export, name="survey_export"),
    path(f"{prefix}surveys/<int:pk>/remind/", organiser_surveys.survey_remind, name="survey_remind"),
]
