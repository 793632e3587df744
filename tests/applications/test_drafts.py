"""Drafts: saved field by field (autosave) or all at once, refused values not stored, and a stale tab
never overwrites a newer save silently."""

import pytest

from academy.applications import services
from academy.applications.models import Application

from .helpers import COMPLETE, post_data

pytestmark = pytest.mark.django_db


def test_a_saved_answer_raises_the_revision_and_remembers_when(application):
    result = services.save_draft(application, {"motivation": "Peer learning"}, based_on_revision=0)
    assert result.ok and result.saved == ["motivation"] and result.revision == 1
    stored = Application.objects.get(pk=application.pk)
    assert stored.answers == {"motivation": "Peer learning"}
    assert stored.field_revisions["motivation"]["rev"] == 1


def test_saving_the_same_value_again_changes_nothing(application):
    services.save_draft(application, {"motivation": "Same"}, based_on_revision=0)
    result = services.save_draft(application, {"motivation": "Same"}, based_on_revision=0)
    assert result.saved == [] and Application.objects.get(pk=application.pk).revision == 1


def test_a_refused_value_is_reported_and_not_stored(application):
    services.save_draft(application, {"motivation": "Kept"}, based_on_revision=0)
    result = services.save_draft(
        application, {"motivation": "x" * 2001, "background": "Astrology"}, based_on_revision=1
    )
    assert "under 2000 characters" in result.errors["motivation"]
    assert "not one of the options" in result.errors["background"]
    stored = Application.objects.get(pk=application.pk)
    assert stored.answers == {"motivation": "Kept"} and stored.revision == 1


def test_an_unknown_question_key_is_refused(application):
    result = services.save_draft(application, {"salary": "1"}, based_on_revision=0)
    assert result.errors == {"salary": "This question is not on the form."}


def test_a_stale_tab_cannot_overwrite_a_newer_save_of_the_same_answer(application):
    tab_a_seen = tab_b_seen = 0  # both tabs opened the empty draft
    b = services.save_draft(application, {"motivation": "Written in tab B"}, based_on_revision=tab_b_seen)
    assert b.ok
    a = services.save_draft(application, {"motivation": "Older text from tab A"}, based_on_revision=tab_a_seen)
    assert "changed in another tab or window at 10:30 CEST" in a.conflicts["motivation"]
    assert "reload to see the latest version" in a.conflicts["motivation"]
    assert Application.objects.get(pk=application.pk).answers["motivation"] == "Written in tab B"


def test_a_stale_tab_may_still_save_answers_nobody_else_changed(application):
    services.save_draft(application, {"motivation": "From tab B"}, based_on_revision=0)
    a = services.save_draft(application, {"expectations": "From tab A"}, based_on_revision={"expectations": 0})
    assert a.ok and a.saved == ["expectations"]
    assert Application.objects.get(pk=application.pk).answers == {
        "motivation": "From tab B",
        "expectations": "From tab A",
    }


def test_one_tab_typing_on_keeps_saving_its_own_answer(application):
    first = services.save_draft(application, {"motivation": "Draft 1"}, based_on_revision=0)
    second = services.save_draft(application, {"motivation": "Draft 2"}, based_on_revision=first.seen)
    assert second.ok and Application.objects.get(pk=application.pk).answers["motivation"] == "Draft 2"


def test_clearing_an_answer_removes_it(application):
    services.save_draft(application, {"motivation": "Something"}, based_on_revision=0)
    services.save_draft(application, {"motivation": ""}, based_on_revision=1)
    assert "motivation" not in Application.objects.get(pk=application.pk).answers


def test_autosave_answers_with_the_time_in_the_edition_zone_the_new_revision_and_the_progress(client, application):
    client.force_login(application.applicant)
    response = client.post(
        f"/editions/{application.edition.slug}/apply/save/motivation/",
        {"q-motivation": "Peer learning", "seen-motivation": "0", "application": application.pk},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saved at 10:30" in page and "CEST" in page
    assert 'id="seen-motivation" value="1" hx-swap-oob="true"' in page
    assert "1 of 9 required answers" in page
    assert Application.objects.get(pk=application.pk).answers == {"motivation": "Peer learning"}


def test_autosave_of_a_ticked_box_and_a_multiple_choice(client, application):
    client.force_login(application.applicant)
    url = f"/editions/{application.edition.slug}/apply/save/"
    client.post(url + "commit_camera/", {"q-commit_camera": "on", "q-commit_camera-present": "1"})
    client.post(url + "ecosystems/", {"q-ecosystems": ["Health", "Digital"], "q-ecosystems-present": "1"})
    assert Application.objects.get(pk=application.pk).answers == {
        "commit_camera": True,
        "ecosystems": ["Digital", "Health"],
    }
    client.post(url + "commit_camera/", {"q-commit_camera-present": "1", "seen-commit_camera": "1"})
    assert "commit_camera" not in Application.objects.get(pk=application.pk).answers


def test_autosave_reports_a_refused_value_next_to_the_field(client, application):
    client.force_login(application.applicant)
    response = client.post(
        f"/editions/{application.edition.slug}/apply/save/background/", {"q-background": "<b>Astrology</b>"}
    )
    page = response.content.decode()
    assert "Not saved." in page and "&lt;b&gt;Astrology&lt;/b&gt;" in page and "<b>Astrology" not in page
    assert Application.objects.get(pk=application.pk).answers == {}


def test_autosave_in_a_stale_tab_says_so_and_keeps_the_newer_text(client, application):
    services.save_draft(application, {"motivation": "Newer, from the other tab"}, based_on_revision=0)
    client.force_login(application.applicant)
    response = client.post(
        f"/editions/{application.edition.slug}/apply/save/motivation/",
        {"q-motivation": "Older", "seen-motivation": "0"},
    )
    assert "changed in another tab or window" in response.content.decode()
    assert Application.objects.get(pk=application.pk).answers["motivation"] == "Newer, from the other tab"


def test_the_save_button_saves_every_answer_without_javascript(client, application):
    client.force_login(application.applicant)
    response = client.post(f"/editions/{application.edition.slug}/apply/", post_data(application=application))
    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.answers["ecosystems"] == COMPLETE["ecosystems"] and stored.answers["privacy"]["version"] == "2022-1"
    assert stored.status == "draft"


def test_the_save_button_in_a_stale_tab_keeps_what_was_typed_and_marks_the_conflict(client, application):
    services.save_draft(application, {"motivation": "Newer"}, based_on_revision=0)
    client.force_login(application.applicant)
    data = post_data({"motivation": "Typed in the old tab", "expectations": "New too"}, application=application)
    data["seen-motivation"] = data["seen-expectations"] = "0"
    response = client.post(f"/editions/{application.edition.slug}/apply/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Typed in the old tab</textarea>" in page and "changed in another tab or window" in page
    assert 'href="#id-motivation"' in page  # the summary links to the field
    stored = Application.objects.get(pk=application.pk)
    assert stored.answers == {"motivation": "Newer", "expectations": "New too"}


def test_the_form_shows_answers_escaped(client, application):
    services.save_draft(application, {"motivation": "<script>alert('x')</script>"}, based_on_revision=0)
    client.force_login(application.applicant)
    page = client.get(f"/editions/{application.edition.slug}/apply/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "<script>alert" not in page
