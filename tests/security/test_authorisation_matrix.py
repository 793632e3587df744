"""Who may open which URL: one line per URL name of the project, checked for every role.

A new view needs one line in RULES (the test names the line to add when it is missing):
``"app:name": rule(WHO, pk="object")`` where WHO is one of the presets below (or a set of roles from
tests/security/world.py) and each URL argument the defaults in matrix.ARGUMENTS do not cover names the
world's object that fills it (see world.build_edition: "session", "hand_in", "survey", ...)."""

import pytest

from . import matrix
from . import world as w
from .matrix import rule

PUBLIC = w.ROLES
SIGNED_IN = set(w.ROLES) - {w.ANON}
ORGANISERS = {w.ORGANISER, w.ADMIN}  # of edition A; a platform admin may open every edition
REVIEWERS = {w.REVIEWER, w.CONFLICTED, w.ADMIN}  # the reviewer area, each seeing only their own
ASSIGNED_REVIEWER = {w.REVIEWER}  # the application assigned to them, free of conflicts
COACHES = {w.COACH, w.ORGANISER, w.ADMIN}
PARTICIPANT_OWN = {w.PARTICIPANT}  # a confirmed participant's own pages
COHORT_AND_TEAM = {w.PARTICIPANT, w.COACH, w.ORGANISER, w.ADMIN}
APPLICANT_OWN = {w.APPLICANT} | ORGANISERS  # the applicant's files: them and the edition's organisers
HAS_APPLICATION = {w.APPLICANT, w.OTHER_APPLICANT, w.PARTICIPANT}  # acts on one's own application
NOBODY = set()

RULES = {
    # editions, accounts, registry, ops
    "editions:home": rule(PUBLIC),
    "editions:call": rule(PUBLIC),
    "editions:edit_texts": rule(ORGANISERS),
    "accounts:me": rule(SIGNED_IN),
    "registry:eligible_countries": rule(ORGANISERS),
    "registry:remove_eligible_country": rule(ORGANISERS, pk="country"),
    "ops:healthz": rule(PUBLIC),
    # applying
    "applications:apply": rule(SIGNED_IN),
    "applications:start": rule(SIGNED_IN),
    "applications:autosave": rule(HAS_APPLICATION),
    "applications:withdraw": rule(HAS_APPLICATION),
    "applications:undo_withdrawal": rule(HAS_APPLICATION),
    "applications:mine": rule(SIGNED_IN),
    "applications:receipt": rule(APPLICANT_OWN, pk="application"),
    "applications:file": rule(APPLICANT_OWN, pk="application", key="file_key"),
    "applications:form_builder": rule(ORGANISERS),
    "applications:question_add": rule(ORGANISERS),
    "applications:install_standard": rule(ORGANISERS),
    "applications:question_edit": rule(ORGANISERS, pk="question"),
    "applications:question_delete": rule(ORGANISERS, pk="question"),
    "applications:question_move": rule(ORGANISERS, pk="question"),
    "applications:overrides": rule(ORGANISERS),
    "applications:revoke_override": rule(ORGANISERS, pk="override"),
    "screening:list": rule(ORGANISERS),
    "screening:export_csv": rule(ORGANISERS),
    "screening:export_xlsx": rule(ORGANISERS),
    "screening:detail": rule(ORGANISERS, pk="application"),
    # review
    "reviews:accept": rule(SIGNED_IN, post={w.REVIEWER}, token="invitation", credential=True),
    "reviews:queue": rule(REVIEWERS),
    "reviews:next": rule(REVIEWERS),
    "reviews:conflicts": rule(REVIEWERS),
    "reviews:withdraw_conflict": rule({w.CONFLICTED}, pk="conflict"),
    "reviews:reviewer_export": rule(REVIEWERS),
    "reviews:score": rule(ASSIGNED_REVIEWER),
    "reviews:autosave": rule(ASSIGNED_REVIEWER),
    "reviews:submit": rule(ASSIGNED_REVIEWER),
    "reviews:declare": rule({w.REVIEWER, w.CONFLICTED}),
    "reviews:board": rule(ORGANISERS),
    "reviews:run": rule(ORGANISERS),
    "reviews:remind": rule(ORGANISERS),
    "reviews:export": rule(ORGANISERS),
    "reviews:application": rule(ORGANISERS),
    "reviews:add": rule(ORGANISERS),
    "reviews:third": rule(ORGANISERS),
    "reviews:remove": rule(ORGANISERS, pk="review_assignment"),
    "reviews:settings": rule(ORGANISERS),
    "reviews:rubric": rule(ORGANISERS),
    "reviews:criterion_new": rule(ORGANISERS),
    "reviews:default_rubric": rule(ORGANISERS),
    "reviews:criterion": rule(ORGANISERS, pk="criterion"),
    "reviews:delete_criterion": rule(ORGANISERS, pk="criterion"),
    "reviews:reviewers": rule(ORGANISERS),
    # mail
    "mail:outbox": rule(ORGANISERS),
    "mail:outbox_action": rule(ORGANISERS),
    "mail:message": rule(ORGANISERS, pk="message"),
    "mail:batch": rule(ORGANISERS, pk="batch"),
    "mail:batch_progress": rule(ORGANISERS, pk="batch"),
    "mail:log": rule(ORGANISERS),
    "mail:templates": rule(ORGANISERS),
    "mail:template_edit": rule(ORGANISERS),
    "mail:compose": rule(ORGANISERS),
    "mail:my_mail": rule(SIGNED_IN),
    # programme
    "programme:timetable": rule(PUBLIC),
    "programme:ics": rule(PUBLIC),
    "programme:json": rule(PUBLIC),
    "programme:personal_ics": rule(PUBLIC, token="calendar", credential=True),
    "programme:calendar_address": rule(COHORT_AND_TEAM),
    "programme:coaches": rule(PUBLIC),
    "programme:coach_photo": rule(PUBLIC, pk="coach"),
    "programme:my_attendance": rule(PARTICIPANT_OWN),
    "programme:my_sessions": rule({w.COACH}),
    "programme:organiser_programme": rule(ORGANISERS),
    "programme:session_create": rule(ORGANISERS),
    "programme:session_edit": rule(ORGANISERS, pk="session"),
    "programme:session_delete": rule(ORGANISERS, pk="session"),
    "programme:organiser_coaches": rule(ORGANISERS),
    "programme:coach_edit": rule(ORGANISERS, pk="coach"),
    "programme:coach_invite": rule(ORGANISERS, pk="coach"),
    "programme:coach_delete": rule(ORGANISERS, pk="coach"),
    "programme:roll_call": rule(COACHES, pk="session"),
    "programme:import_report": rule(COACHES, pk="session"),
    "programme:attendance_csv": rule(ORGANISERS),
    "programme:attendance_xlsx": rule(ORGANISERS),
    # participation
    "participation:homework_list": rule(PARTICIPANT_OWN),
    "participation:homework_detail": rule(PARTICIPANT_OWN, pk="homework"),
    "participation:hand_in_file": rule(PARTICIPANT_OWN, pk="hand_in"),
    "participation:attachment_file": rule(COHORT_AND_TEAM, pk="attachment"),
    "participation:info_pack": rule(PARTICIPANT_OWN),
    "participation:info_pack_pdf": rule(PARTICIPANT_OWN),
    "participation:my_needs": rule(PARTICIPANT_OWN),
    "participation:survey_list": rule(PARTICIPANT_OWN),
    "participation:survey_answer": rule(PARTICIPANT_OWN, pk="survey"),
    "participation:review_list": rule(COACHES),
    "participation:hand_in_review": rule(COACHES, pk="hand_in"),
    "participation:hand_in_download": rule(COACHES, pk="hand_in"),
    "participation:organiser_homework": rule(ORGANISERS),
    "participation:assignment_create": rule(ORGANISERS),
    "participation:assignment_edit": rule(ORGANISERS, pk="homework"),
    "participation:assignment_delete": rule(ORGANISERS, pk="homework"),
    "participation:homework_remind": rule(ORGANISERS, pk="homework"),
    "participation:attachment_add": rule(ORGANISERS, pk="homework"),
    "participation:attachment_delete": rule(ORGANISERS, pk="attachment"),
    "participation:homework_csv": rule(ORGANISERS),
    "participation:homework_xlsx": rule(ORGANISERS),
    "participation:organiser_info_pack": rule(ORGANISERS),
    "participation:organiser_info_pack_pdf": rule(ORGANISERS),
    "participation:info_pack_send": rule(ORGANISERS),
    "participation:needs_summary": rule(ORGANISERS),
    "participation:organiser_surveys": rule(ORGANISERS),
    "participation:survey_edit": rule(ORGANISERS, pk="survey"),
    "participation:question_add": rule(ORGANISERS, pk="survey"),
    "participation:question_edit": rule(ORGANISERS, pk="survey"),
    "participation:question_delete": rule(ORGANISERS, pk="survey"),
    "participation:survey_open": rule(ORGANISERS, pk="survey"),
    "participation:survey_close": rule(ORGANISERS, pk="survey"),
    "participation:survey_results": rule(ORGANISERS, pk="survey"),
    "participation:survey_export": rule(ORGANISERS, pk="survey"),
    "participation:survey_remind": rule(ORGANISERS, pk="survey"),
    # selection: runs and offers are the organisers'; the offer page is the applicant's own
    "selection:overview": rule(ORGANISERS),
    "selection:rules": rule(ORGANISERS),
    "selection:locks": rule(ORGANISERS),
    "selection:start": rule(ORGANISERS),
    "selection:run": rule(ORGANISERS, number="selection_run"),
    "selection:progress": rule(ORGANISERS, number="selection_run"),
    "selection:export": rule(ORGANISERS, number="selection_run"),
    "selection:adopt": rule(ORGANISERS, number="selection_run"),
    "selection:compare": rule(ORGANISERS),
    "selection:offer": rule({w.APPLICANT}, pk="application"),
    "selection:offer_list": rule(ORGANISERS),
    "selection:offer_csv": rule(ORGANISERS),
    "selection:offer_xlsx": rule(ORGANISERS),
    "selection:offer_expire": rule(ORGANISERS),
    "editions:clone": rule(ORGANISERS),
    "reports:dashboard": rule(ORGANISERS),
    # community: the group and the alumni follow-up are the participant's; the directory is the cohort's and its team's
    "community:my_group": rule(PARTICIPANT_OWN),
    "community:directory": rule(COHORT_AND_TEAM),
    "community:directory_entry": rule(PARTICIPANT_OWN),
    "community:directory_withdraw": rule(PARTICIPANT_OWN),
    "community:alumni": rule(SIGNED_IN),
    "community:followup": rule(PARTICIPANT_OWN),
    "community:groups": rule(ORGANISERS),
    "community:group_move": rule(ORGANISERS, pk="participant_application"),
    "community:group_publish": rule(ORGANISERS),
    "community:organiser_alumni": rule(ORGANISERS),
    "community:alumni_csv": rule(ORGANISERS),
    # completion: the organisers' tools, the participant's own certificate, a public verification page
    "completion:overview": rule(ORGANISERS),
    "completion:rule_save": rule(ORGANISERS),
    "completion:exception_grant": rule(ORGANISERS, pk="participant_application"),
    "completion:exception_revoke": rule(ORGANISERS, pk="participant_application"),
    "completion:export_csv": rule(ORGANISERS),
    "completion:issue": rule(ORGANISERS),
    "completion:run": rule(ORGANISERS, pk="issue_run"),
    "completion:run_progress": rule(ORGANISERS, pk="issue_run"),
    "completion:certificate_revoke": rule(ORGANISERS, pk="certificate"),
    "completion:certificate_pdf": rule(ORGANISERS, pk="certificate"),
    "completion:my_certificate": rule(PARTICIPANT_OWN),
    "completion:my_certificate_pdf": rule(PARTICIPANT_OWN),
    "completion:verify": rule(PUBLIC, code="certificate_code", credential=True),
    # privacy: one's own data and account; the edition's privacy pages are the organisers'
    "privacy:my_data": rule(SIGNED_IN),
    "privacy:my_data_download": rule(SIGNED_IN),
    "privacy:delete": rule(SIGNED_IN),
    "privacy:notice": rule(PUBLIC),
    "privacy:overview": rule(ORGANISERS),
    "privacy:write_notice": rule(ORGANISERS),
    "privacy:access_log": rule(ORGANISERS),
    "privacy:access_log_csv": rule(ORGANISERS),
    # the API: a bearer token per role instead of a session
    "api:api-root": rule(NOBODY),  # ninja answers 404: the schema is the entry point
    "api:openapi-json": rule(PUBLIC),
    "api:list_editions": rule(SIGNED_IN),
    "api:list_applications": rule(ORGANISERS),
    "api:edition_reviews": rule(ORGANISERS),
    "api:edition_selection": rule(ORGANISERS),
    "api:edition_completion": rule(ORGANISERS),
    "api:programme": rule(SIGNED_IN),  # the timetable for any token; video links only for the cohort and team
    "api:homework": rule(COACHES),
}


@pytest.fixture
def world(world, monkeypatch):
    """The module's world (tests/security/conftest.py); PDFs are tested in tests/participation."""
    monkeypatch.setattr("academy.participation.info.info_pack_pdf", lambda pack: w.PDF)
    return world


def test_every_url_has_a_rule():
    urls = matrix.project_urls()
    missing = [matrix.rule_line(url) for name, url in sorted(urls.items()) if name not in RULES]
    assert not missing, "URLs without a line in RULES (tests/security/test_authorisation_matrix.py):\n" + "\n".join(
        missing
    )
    assert set(RULES) <= set(urls), f"RULES names URLs that no longer exist: {sorted(set(RULES) - set(urls))}"


# One test per app (the part of the URL name before the colon), so that parallel runs share the work;
# together they ask every URL in RULES, and test_every_url_has_a_rule the URLs that have no line yet.
APPS = sorted({name.split(":")[0] for name in RULES})


@pytest.mark.slow
@pytest.mark.parametrize("app", APPS)
def test_every_url_answers_each_role_as_the_rules_say(world, app):
    problems = matrix.run(world, RULES, only={name for name in RULES if name.split(":")[0] == app})
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", "/admin/accounts/apitoken/"])
def test_the_back_office_is_for_platform_admins_only(world, path):
    """Django's admin is outside the matrix (its URLs are Django's); its door is checked here."""
    grid = matrix.Matrix(world, RULES)
    for role in w.ROLES:
        response = grid.client(role).get(path)
        if role == w.ADMIN:
            assert response.status_code == 200, role
        else:
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), role
