from django.urls import path

from .views import organiser, reviewer, setup

app_name = "reviews"
urlpatterns = [
    # Reviewers
    path("review/invitations/<str:token>/", reviewer.accept, name="accept"),
    path("review/<slug:slug>/", reviewer.queue, name="queue"),
    path("review/<slug:slug>/next/", reviewer.next_unscored, name="next"),
    path("review/<slug:slug>/conflicts/", reviewer.conflicts, name="conflicts"),
    path("review/<slug:slug>/conflicts/<int:pk>/withdraw/", reviewer.withdraw_conflict, name="withdraw_conflict"),
    path("review/<slug:slug>/my-reviews.csv", reviewer.export, name="reviewer_export"),
    path("review/<slug:slug>/<int:application>/", reviewer.score, name="score"),
    path("review/<slug:slug>/<int:application>/save/", reviewer.autosave, name="autosave"),
    path("review/<slug:slug>/<int:application>/submit/", reviewer.submit, name="submit"),
    path("review/<slug:slug>/<int:application>/conflict/", reviewer.declare_application_conflict, name="declare"),
    # Organisers
    path("orga/<slug:slug>/reviews/", organiser.board, name="board"),
    path("orga/<slug:slug>/reviews/assign/", organiser.run, name="run"),
    path("orga/<slug:slug>/reviews/remind/", organiser.remind, name="remind"),
    path("orga/<slug:slug>/reviews/export.<str:fmt>", organiser.export, name="export"),
    path("orga/<slug:slug>/reviews/applications/<int:application>/", organiser.application, name="application"),
    path("orga/<slug:slug>/reviews/applications/<int:application>/add/", organiser.add_reviewer, name="add"),
    path("orga/<slug:slug>/reviews/applications/<int:application>/third/", organiser.third, name="third"),
    path("orga/<slug:slug>/reviews/assignments/<int:pk>/remove/", organiser.remove, name="remove"),
    path("orga/<slug:slug>/reviews/settings/", setup.settings_page, name="settings"),
    path("orga/<slug:slug>/reviews/rubric/", setup.rubric, name="rubric"),
    path("orga/<slug:slug>/reviews/rubric/new/", setup.criterion, name="criterion_new"),
    path("orga/<slug:slug>/reviews/rubric/default/", setup.default_rubric, name="default_rubric"),
    path("orga/<slug:slug>/reviews/rubric/<int:pk>/", setup.criterion, name="criterion"),
    path("orga/<slug:slug>/reviews/rubric/<int:pk>/delete/", setup.delete_criterion, name="delete_criterion"),
    path("orga/<slug:slug>/reviews/reviewers/", setup.reviewers, name="reviewers"),
]
