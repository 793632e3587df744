"""Compose reaches the people an edition has: applicants by where their application stands (registered by the
applications app) and the selection's outcome (registered by the selection app), each listing only the
edition's active people, with each group's size shown in the form."""

import pytest

from academy.accounts.models import Role
from academy.applications.models import Application, Status
from academy.mail import groups
from academy.mail.models import OutboxMessage
from tests import factories

pytestmark = pytest.mark.django_db

PEOPLE = [  # (e-mail, status, eligible)
    ("draft@example.org", Status.DRAFT, None),
    ("eligible@example.org", Status.SUBMITTED, True),
    ("ineligible@example.org", Status.SUBMITTED, False),
    ("withdrawn@example.org", Status.WITHDRAWN, True),
    ("offered@example.org", Status.OFFERED, True),
    ("confirmed1@example.org", Status.CONFIRMED, True),
    ("confirmed2@example.org", Status.CONFIRMED, True),
    ("waitlisted@example.org", Status.WAITLISTED, True),
    ("notselected@example.org", Status.NOT_SELECTED, True),
    ("declined@example.org", Status.DECLINED, True),
    ("expired@example.org", Status.EXPIRED, True),
]
EXPECTED = {
    "applicants_draft": ["draft"],
    "applicants_submitted": [
        "confirmed1", "confirmed2", "declined", "eligible", "expired", "ineligible", "notselected", "offered",
        "waitlisted",
    ],
    "applicants_eligible": [
        "confirmed1", "confirmed2", "declined", "eligible", "expired", "notselected", "offered", "waitlisted"
    ],
    "applicants_ineligible": ["ineligible"],
    "applicants_withdrawn": ["withdrawn"],
    "offered": ["offered"],
    "confirmed": ["confirmed1", "confirmed2"],
    "waitlist": ["waitlisted"],
    "not_selected": ["notselected"],
    "declined": ["declined", "expired"],
}  # fmt: skip


def apply(edition, email, status, eligible, **person):
    user = factories.user(email, full_name=email.split("@")[0].title(), **person)
    return Application.objects.create(edition=edition, applicant=user, status=status, is_eligible=eligible)


@pytest.fixture
def cohort(edition):
    for email, status, eligible in PEOPLE:
        apply(edition, email, status, eligible)
    apply(edition, "gone@example.org", Status.CONFIRMED, True, is_active=False)  # an erased account
    other = factories.edition()
    for email, status, eligible in PEOPLE:
        apply(other, "other-" + email, status, eligible)
    return edition


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_group_lists_exactly_the_editions_active_people_in_it(cohort, key):
    found = [email.split("@")[0] for email, _user, _name in groups.recipients(key, cohort)]
    assert found == EXPECTED[key]
    assert groups.size(key, cohort) == len(EXPECTED[key])


def test_the_compose_form_offers_every_group_with_its_size(client, cohort):
    client.force_login(factories.with_role(Role.ORGANISER, cohort, "olga@example.org"))
    page = client.get(f"/orga/{cohort.slug}/mail/compose/").content.decode()
    for text in (
        "Confirmed participants (2)",
        "Waitlist (1)",
        "Offered a seat, no answer yet (1)",
        "Not selected (1)",
        "Eligible applicants (8)",
        "Applicants with a draft not submitted yet (1)",
        "Organisers of this edition (1)",
    ):
        assert text in page, text


def test_writing_to_the_confirmed_participants_drafts_one_mail_to_each_of_them_only(client, cohort):
    client.force_login(factories.with_role(Role.ORGANISER, cohort, "olga@example.org"))
    response = client.post(
        f"/orga/{cohort.slug}/mail/compose/", {"group": "confirmed", "subject": "See you", "body": "Dear {name}"}
    )
    assert response.status_code == 302
    drafts = OutboxMessage.objects.filter(edition=cohort, purpose="message")
    assert sorted(drafts.values_list("to_email", flat=True)) == ["confirmed1@example.org", "confirmed2@example.org"]
    assert drafts.get(to_email="confirmed1@example.org").body == "Dear Confirmed1"
