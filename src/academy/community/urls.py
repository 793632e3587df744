from django.urls import path

from .views import organiser, participant

app_name = "community"

me = "me/editions/<slug:slug>/"
prefix = "orga/<slug:slug>/"
urlpatterns = [
    path(f"{me}group/", participant.my_group, name="my_group"),
    path(f"{me}directory/", participant.directory_list, name="directory"),
    path(f"{me}directory/me/", participant.directory_entry, name="directory_entry"),
    path(f"{me}directory/withdraw/", participant.directory_withdraw, name="directory_withdraw"),
    path("me/alumni/", participant.alumni_page, name="alumni"),
    path("me/alumni/<slug:slug>/", participant.followup, name="followup"),
    path(f"{prefix}groups/", organiser.group_list, name="groups"),
    path(f"{prefix}groups/<int:pk>/move/", organiser.group_move, name="group_move"),
    path(f"{prefix}groups/publish/", organiser.group_publish, name="group_publish"),
    path(f"{prefix}alumni/", organiser.alumni_totals, name="organiser_alumni"),
    path(f"{prefix}alumni.csv", organiser.alumni_export, name="alumni_csv"),
]
