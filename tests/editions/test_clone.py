"""Next edition: the clone copies the set-up a year later and nothing about people."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from academy.accounts.models import AuditEntry, EditionRole, Role
from academy.applications.models import Application, EligibilityOverride, Question
from academy.community.models import CommunitySettings
from academy.completion.models import CompletionRule
from academy.editions.cloning import CloneError, clone_edition, next_year, parts, suggested
from academy.editions.models import Edition
from academy.mail.models import MailTemplate, OutboxMessage
from academy.participation.models import (
    HandIn,
    HomeworkAssignment,
    InfoPack,
    Survey,
    SurveyQuestion,
    SurveyRespondent,
    SurveyResponse,
)
from academy.privacy.models import RetentionPolicy
from academy.programme.models import Attendance, Coach, Session
from academy.registry.models import EligibleCountry
from academy.reviews.models import Assignment, Criterion, Review, Reviewer, ReviewSetup
from academy.selection.models import Offer, SelectionRules
from tests import factories
from tests.reports import builders

NOW = dt.datetime(2022, 12, 1, 9, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    edition = factories.edition(name="Cluster Booster Academy 2022", slug="cba-2022")
    builders.structure(edition)
    builders.people(edition, 20)
    return edition


@pytest.fixture
def organiser(source):
    return factories.with_role(Role.ORGANISER, source, email="orga@example.org")


def _clone(source, organiser, slug="cba-2023"):
    return clone_edition(source, name="Cluster Booster Academy 2023", slug=slug, by=organiser).target


def _fields(rows, names):
    return sorted(tuple(getattr(row, name) for name in names) for row in rows)


def test_next_year_keeps_day_and_month_and_turns_29_february_into_28():
    assert next_year(dt.date(2022, 10, 31)) == dt.date(2023, 10, 31)
    assert next_year(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert next_year(None) is None


def test_suggested_name_and_short_name_move_the_year_on():
    edition = factories.edition(name="Cluster Booster Academy 2022", slug="cba-2022")
    assert suggested(edition) == {"name": "Cluster Booster Academy 2023", "slug": "cba-2023"}
    other = factories.edition(name="Spring school", slug="spring")
    assert suggested(other) == {"name": "Spring school 2023", "slug": "spring-2023"}


def test_parts_run_in_dependency_order():
    names = [p.name for p in parts()]
    assert names.index("applications.form") > names.index("registry.eligible_countries")
    assert names.index("reviews.rubric") > names.index("applications.form")
    assert names.index("selection.rules") > names.index("reviews.rubric")
    assert names.index("participation.surveys") > names.index("programme.sessions")


def test_edition_fields_are_copied_and_every_date_is_a_year_later(source, organiser):
    target = _clone(source, organiser)
    assert (target.name, target.slug, target.year) == ("Cluster Booster Academy 2023", "cba-2023", 2023)
    for name in ["academy_id", "time_zone", "venue", "city", "contact_email", "summary", "min_participants"]:
        assert getattr(target, name) == getattr(source, name)
    assert target.application_deadline == dt.date(2023, 10, 31)
    assert target.call_opens == source.call_opens.replace(year=2023)
    assert target.in_person_end == source.in_person_end.replace(year=source.in_person_end.year + 1)


def test_structure_is_copied_part_by_part(source, organiser):
    target = _clone(source, organiser)
    q = ["key", "label", "type", "required", "position", "choices", "dimension"]
    assert _fields(Question.objects.filter(edition=target), q) == _fields(Question.objects.filter(edition=source), q)
    c = ["name", "guidance", "weight", "scale_min", "scale_max", "position"]
    assert _fields(Criterion.objects.filter(edition=target), c) == _fields(Criterion.objects.filter(edition=source), c)
    setup = ReviewSetup.objects.get(edition=target)
    assert (setup.reviewers_per_application, setup.blind, setup.max_load) == (3, True, 25)
    rules = SelectionRules.objects.get(edition=target)
    assert rules.rules == source.selection_rules.rules and rules.respond_days == 10
    assert sorted(EligibleCountry.objects.filter(edition=target).values_list("country", "group")) == sorted(
        EligibleCountry.objects.filter(edition=source).values_list("country", "group")
    )
    assert EligibleCountry.objects.filter(edition=target).count() > 20
    template = MailTemplate.objects.get(edition=target)
    assert (template.purpose, template.subject, template.body) == ("receipt", "We have it", "Thanks {{ name }}")
    survey = Survey.objects.get(edition=target)
    assert (survey.title, survey.opens_at, survey.closes_at) == ("Online days", None, None)
    s = ["kind", "label", "choices", "required", "position"]
    assert _fields(SurveyQuestion.objects.filter(survey=survey), s) == _fields(
        SurveyQuestion.objects.filter(survey__edition=source), s
    )
    homework = HomeworkAssignment.objects.get(edition=target)
    assert homework.reviewer is None
    assert homework.due_date == next_year(HomeworkAssignment.objects.get(edition=source).due_date)
    assert InfoPack.objects.get(edition=target).hotels == "Hotel A"


def test_sessions_keep_their_local_times_a_year_later_without_coaches_or_links(source, organiser):
    target = _clone(source, organiser)
    old = list(Session.objects.filter(edition=source).order_by("starts_at"))
    new = list(Session.objects.filter(edition=target).order_by("starts_at"))
    assert [s.title for s in new] == [s.title for s in old] and len(new) == 3
    for before, after in zip(old, new, strict=True):
        b, a = before.starts_at.astimezone(source.zone), after.starts_at.astimezone(target.zone)
        assert a.date() == next_year(b.date()) and a.time() == b.time()
        assert (after.part, after.room, after.kind) == (before.part, before.room, before.kind)
        assert after.video_link == "" and not after.coaches.exists()
        after.full_clean()  # still within the new edition's days


def test_no_personal_data_comes_along(source, organiser):
    target = _clone(source, organiser)
    for model in [Application, EligibilityOverride, Assignment, Reviewer, Coach, OutboxMessage]:
        assert not model.objects.filter(edition=target).exists(), model
    for model, path in [
        (Review, "assignment__edition"),
        (Offer, "application__edition"),
        (Attendance, "session__edition"),
        (HandIn, "assignment__edition"),
        (SurveyResponse, "survey__edition"),
        (SurveyRespondent, "survey__edition"),
    ]:
        assert not model.objects.filter(**{path: target}).exists(), model
    assert list(EditionRole.objects.filter(edition=target).values_list("user__email", "role")) == [
        ("orga@example.org", Role.ORGANISER)
    ]
    assert AuditEntry.objects.filter(action="edition.cloned", edition=target, actor=organiser).exists()


def test_a_taken_short_name_is_refused_with_nothing_written(source, organiser):
    _clone(source, organiser)
    counts = {m: m.objects.count() for m in [Edition, Question, Criterion, Session, Survey, EditionRole, MailTemplate]}
    with pytest.raises(CloneError, match="cba-2023"):
        clone_edition(source, name="Another", slug="cba-2023", by=organiser)
    assert {m: m.objects.count() for m in counts} == counts


def test_a_failing_part_leaves_nothing_behind(source, organiser, monkeypatch):
    from academy.editions import cloning

    parts_before = cloning.parts()

    def broken(source, target, clone):
        raise RuntimeError("disk full")

    monkeypatch.setattr(cloning, "parts", lambda: [*parts_before, cloning.Part("test.broken", broken)])
    with pytest.raises(RuntimeError):
        clone_edition(source, name="X", slug="x-2023", by=organiser)
    assert not Edition.objects.filter(slug="x-2023").exists()
    assert not Question.objects.filter(edition__slug="x-2023").exists()


def test_command_clones_with_defaults_and_refuses_a_taken_slug(source, organiser, capsys):
    call_command("clone-edition", "cba-2022", "--by", "orga@example.org")
    out = capsys.readouterr().out
    assert "Created Cluster Booster Academy 2023 (cba-2023)" in out and "applications.form:" in out
    assert EditionRole.objects.filter(edition__slug="cba-2023", user=organiser, role=Role.ORGANISER).exists()
    with pytest.raises(CommandError, match="already used"):
        call_command("clone-edition", "cba-2022", "--name", "Again", "--slug", "cba-2023")
    assert Edition.objects.filter(name="Again").count() == 0


def test_the_completion_rule_group_size_follow_up_timing_and_retention_carry_over(source, organiser):
    CompletionRule.objects.create(edition=source, day_share=80, camera_share=60, require_homework=False)
    CommunitySettings.objects.create(edition=source, group_size=6, followup_months=9, groups_published_at=NOW)
    RetentionPolicy.objects.create(edition=source, months=24)
    target = _clone(source, organiser)
    rule = CompletionRule.objects.get(edition=target)
    assert (rule.day_share, rule.camera_share, rule.require_homework) == (80, 60, False)
    community = CommunitySettings.objects.get(edition=target)
    assert (community.group_size, community.followup_months, community.groups_published_at) == (6, 9, None)
    assert RetentionPolicy.objects.get(edition=target).months == 24


def test_an_edition_without_those_settings_gives_a_clone_with_the_defaults(source, organiser):
    target = _clone(source, organiser)
    assert not CompletionRule.objects.filter(edition=target).exists()
    assert not CommunitySettings.objects.filter(edition=target).exists()
    assert not RetentionPolicy.objects.filter(edition=target).exists()
