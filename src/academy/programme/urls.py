from django.urls import path

from .views import attendance, organiser, participant, public

app_name = "programme"
urlpatterns = [
    path("editions/<slug:slug>/programme/", public.timetable, name="timetable"),
    path("editions/<slug:slug>/programme.ics", public.programme_ics, name="ics"),
    path("editions/<slug:slug>/programme.json", public.programme_json, name="json"),
    path("editions/<slug:slug>/programme/<str:token>.ics", public.personal_ics, name="personal_ics"),
    path("editions/<slug:slug>/programme/calendar-address/", participant.calendar_address, name="calendar_address"),
    path("editions/<slug:slug>/coaches/", public.coaches, name="coaches"),
    path("editions/<slug:slug>/coaches/<int:pk>/photo/", public.coach_photo, name="coach_photo"),
    path("me/editions/<slug:slug>/attendance/", participant.my_attendance, name="my_attendance"),
    path("me/editions/<slug:slug>/coaching/", participant.my_sessions, name="my_sessions"),
    path("orga/<slug:slug>/programme/", organiser.programme, name="organiser_programme"),
    path("orga/<slug:slug>/programme/sessions/new/", organiser.session_create, name="session_create"),
    path("orga/<slug:slug>/programme/sessions/<int:pk>/", organiser.session_edit, name="session_edit"),
    path("orga/<slug:slug>/programme/sessions/<int:pk>/delete/", organiser.session_delete, name="session_delete"),
    path("orga/<slug:slug>/programme/coaches/", organiser.coaches, name="organiser_coaches"),
    path("orga/<slug:slug>/programme/coaches/<int:pk>/", organiser.coach_edit, name="coach_edit"),
    path("orga/<slug:slug>/programme/coaches/<int:pk>/invite/", organiser.coach_invite, name="coach_invite"),
    path("orga/<slug:slug>/programme/coaches/<int:pk>/delete/", organiser.coach_delete, name="coach_delete"),
    path("orga/<slug:slug>/sessions/<int:pk>/attendance/", attendance.roll_call, name="roll_call"),
    path("orga/<slug:slug>/sessions/<int:pk>/attendance/import/", attendance.import_report, name="import_report"),
    path("orga/<slug:slug>/attendance.csv", attendance.export_csv, name="attendance_csv"),
    path("orga/<slug:slug>/attendance.xlsx", attendance.export_xlsx, name="attendance_xlsx"),
]
