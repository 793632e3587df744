"""Arbitrary path and query values to every API endpoint, with each role's token: a success or a 4xx
with a JSON message, never a server error. Bounded and derandomised."""

import logging
from urllib.parse import quote

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from . import matrix
from . import world as w
from .forms import bounded
from .test_authorisation_matrix import RULES
from .test_fuzz_forms import NASTY

pytestmark = pytest.mark.slow

PARAMETERS = ["status", "eligible", "country", "ecosystem", "experience", "q", "sort", "limit", "offset"]
value = st.one_of(st.sampled_from(NASTY), st.text(max_size=30), st.integers(-(10**20), 10**20).map(str))


def test_no_api_endpoint_answers_arbitrary_input_with_a_server_error(world):
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    grid = matrix.Matrix(world, RULES)
    endpoints = [url for url in grid.urls.values() if url.api and RULES[url.name].allowed != set(w.ROLES)]
    assert len(endpoints) >= 3
    client = grid.client(w.ANON)

    @bounded(60)
    @given(
        url=st.sampled_from(endpoints),
        role=st.sampled_from([w.ORGANISER, w.ADMIN, w.COACH, w.ANON]),
        slug=st.one_of(st.just(world.objects["A"]["edition"]), st.sampled_from(NASTY[:7]), st.text(min_size=1)),
        query=st.dictionaries(st.sampled_from(PARAMETERS), value, max_size=4),
    )
    def call(url, role, slug, query):
        path = "/" + url.route.replace("<slug>", quote(slug, safe="") or "x")
        headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role != w.ANON else {}
        with transaction.atomic():
            response = client.get(path, query, headers=headers)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"GET {path} {query!r:.300} as {role}: {response.status_code}"
        if response.status_code >= 400 and response["Content-Type"] == "application/json; charset=utf-8":
            assert "detail" in response.json(), f"GET {path} as {role}: {response.status_code} without a message"
        elif response.status_code >= 400:  # a slug with a slash, say, matches no API route: Django's 404 page
            assert response.status_code == 404, f"GET {path} as {role}: {response.status_code}"

    call()


def test_a_nul_in_the_address_or_a_filter_is_refused_in_words(world, client):
    """PostgreSQL refuses NUL characters in text: the API answers 404 or 422 before asking it."""
    token = {"Authorization": f"Bearer {world.tokens[w.ORGANISER]}"}
    assert client.get("/api/v1/editions/a%00b/applications/", headers=token).status_code == 404
    response = client.get(
        f"/api/v1/editions/{world.objects['A']['edition']}/applications/", {"q": "a\x00b"}, headers=token
    )
    assert response.status_code == 422 and "NUL" in response.json()["detail"][0]["msg"]
