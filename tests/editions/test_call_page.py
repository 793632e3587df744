import datetime as dt

import pytest
import time_machine

from tests import factories


@pytest.mark.django_db
def test_call_page_shows_the_deadline_as_end_of_day_cet(client):
    edition = factories.edition(deadline=dt.date(2022, 10, 31), objectives="Learn from each other.")
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert "31 October 2022, end of day CET" in page
    assert 'data-local-time="2022-10-31T22:59:59.999999+00:00"' in page
    assert "Learn from each other." in page


@pytest.mark.django_db
def test_home_shows_the_edition_whose_call_is_open(client):
    factories.edition(name="Old edition", deadline=dt.date(2022, 10, 31))
    factories.edition(name="Open edition", deadline=dt.date(2026, 12, 20))
    factories.edition(name="Future edition", deadline=dt.date(2028, 12, 20))
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)):
        page = client.get("/").content.decode()
    assert "<h1>Open edition</h1>" in page


@pytest.mark.django_db
def test_unknown_edition_is_404(client):
    assert client.get("/editions/no-such-edition/").status_code == 404


@pytest.mark.django_db
def test_page_has_landmarks_and_a_skip_link(client, edition):
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert 'href="#main"' in page and '<main id="main"' in page
    assert page.count("<h1>") == 1


@pytest.mark.django_db
def test_the_call_page_links_to_the_programme(client):
    edition = factories.edition()
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert f'<a href="/editions/{edition.slug}/programme/">See the programme of the academy days</a>' in page
