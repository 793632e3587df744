"""One heading style, sentence case, on every page: the project's templates and the sign-in pages that
django-allauth draws alike."""

import pathlib
import re

import pytest
from django.conf import settings

from academy.accounts.templatetags.headings import sentence_case
from tests import factories

HEADING = re.compile(r"<(h[1-6]|caption|legend|summary)\b[^>]*>(.*?)</\1>", re.S)
TRANSLATED = re.compile(r"""\{% (?:translate|trans) ["']([^"']+)["']""")
TITLE_WORD = re.compile(r"\s[A-Z][a-z]+\b")
PROPER = {"Booster", "Academy", "Cluster", "Europe", "Brussels", "European", "Commission"}


def _title_words(text):
    return [w.strip() for w in TITLE_WORD.findall(text) if w.strip() not in PROPER]


def test_sentence_case_lowers_title_words_but_keeps_the_first_word_acronyms_and_i():
    assert sentence_case("Verify Your Email Address") == "Verify your email address"
    assert sentence_case("  Sign In ") == "Sign in"
    assert sentence_case("Download the PDF I sent") == "Download the PDF I sent"


def test_no_project_template_has_a_title_case_heading():
    offenders = []
    for path in pathlib.Path(settings.BASE_DIR, "src", "academy").rglob("templates/**/*.html"):
        for _tag, inner in HEADING.findall(path.read_text()):
            offenders += [(path.name, text) for text in TRANSLATED.findall(inner) if _title_words(text)]
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Sign up"),
        ("/accounts/password/reset/", "Password reset"),
        ("/accounts/confirm-email/", "Verify your email address"),
    ],
)
def test_the_account_pages_read_in_sentence_case(client, path, heading):
    page = client.get(path).content.decode()
    assert re.search(rf"<h1>\s*{heading}\s*</h1>", page), page[page.find("<main") :][:600]
    title = re.search(r"<title>\s*(.*?)\s*·", page, re.S).group(1)
    assert title and not _title_words(title), title


@pytest.mark.django_db
def test_the_signed_in_account_pages_read_in_sentence_case(client):
    client.force_login(factories.user())
    page = client.get("/accounts/password/change/").content.decode()
    assert re.search(r"<h1>\s*Change password\s*</h1>", page)
