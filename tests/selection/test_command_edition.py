"""`academy select <edition>`: the edition's current rules solved from the database, printed as the audit
export, re-solvable without the database to the same result; --store records it as a run."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from academy.selection.models import SelectionRules, SelectionRun
from tests.selection import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    made = builders.small_edition()
    SelectionRules.objects.create(
        edition=made,
        rules=[
            {"rule": "country_cap", "limit": 2},
            {"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "count": 1},
        ],
    )
    return made


def run(*args):
    out = io.StringIO()
    call_command("select", *args, stdout=out)
    return out.getvalue()


def comparable(result):
    return {key: value for key, value in result.items() if key != "seconds"}


def test_an_edition_is_solved_and_printed_as_instance_and_result_without_storing(edition):
    printed = json.loads(run(edition.slug, "--seed", "5", "--json"))
    assert set(printed) == {"instance", "result"}
    instance, result = printed["instance"], printed["result"]
    assert set(instance) == {"min_size", "max_size", "rules", "candidates"}
    assert (instance["min_size"], instance["max_size"], len(instance["candidates"])) == (2, 4, 6)
    assert set(instance["candidates"][0]) == {"id", "score", "country", "organisation", "dimensions", "lock"}
    assert (result["status"], result["seed"]) == ("optimal", 5)
    assert {"rule", "value", "limit", "binding"} <= set(result["rules"][0])
    assert len(result["selected"]) == 4 and len(result["waitlist"]) == 2
    assert not SelectionRun.objects.exists()


def test_the_printed_export_re_solves_without_the_database_to_the_same_result(edition, tmp_path):
    exported = run(edition.slug, "--seed", "8", "--json")
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    again = json.loads(run("--instance", str(path), "--json"))
    first = json.loads(exported)
    assert again["instance"] == first["instance"]
    assert comparable(again["result"]) == comparable(first["result"])


def test_store_records_a_run_with_the_same_result(edition):
    printed = json.loads(run(edition.slug, "--seed", "8", "--json", "--store"))
    stored = SelectionRun.objects.get()
    assert (stored.number, stored.state, stored.seed, stored.adopted_at) == (1, "done", 8, None)
    assert printed == {"instance": stored.instance, "result": stored.result}


def test_without_json_a_summary_is_printed_with_the_seed(edition):
    text = run(edition.slug, "--seed", "3")
    assert f"{edition.name}: 6 candidates" in text
    assert "Status: optimal (seed 3" in text and "Selected 4" in text


def test_an_unknown_edition_or_an_edition_with_an_instance_file_is_refused(edition, tmp_path):
    with pytest.raises(CommandError, match="No edition has the slug 'nope'"):
        run("nope", "--json")
    with pytest.raises(CommandError, match="either an edition or --instance"):
        run(edition.slug, "--instance", str(tmp_path / "x.json"))
