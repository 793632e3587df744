import io
import json

import pytest
from django.core.management import CommandError, call_command

from academy.selection.instance import Instance
from academy.selection.solver import solve

from .test_solver import people

ROWS = [(f"de{i}", 5.0 - i, "DE", f"o{i}", {"experience": "senior"}, None) for i in range(4)]
ROWS += [
    ("fr", 1.0, "FR", "o9", {"experience": "junior"}, None),
    ("it", 0.5, "IT", "o8", {"experience": "junior"}, None),
]
INSTANCE = {
    "min_size": 2,
    "max_size": 4,
    "rules": [
        {"rule": "country_cap", "limit": 2},
        {"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 1},
    ],
    "candidates": people(*ROWS),
}


def run(*args):
    out = io.StringIO()
    call_command("select", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_an_exported_instance_is_solved_without_the_database_and_printed_as_json(tmp_path):
    printed = json.loads(run("--instance", write(tmp_path, INSTANCE), "--json", "--seed", "7"))
    assert printed["instance"] == INSTANCE
    result = printed["result"]
    assert (result["status"], result["seed"], result["selected"]) == ("optimal", 7, ["de0", "de1", "fr", "it"])
    assert result["objective"] == 10.5
    assert result["waitlist"] == ["de2", "de3"]
    assert {"rule", "value", "limit", "binding"} <= set(result["rules"][0])


def test_a_whole_export_is_re_solved_with_its_recorded_seed_and_gives_the_same_cohort(tmp_path):
    tied = {**INSTANCE, "candidates": people(*[(f"p{i}", 1.0, "DE", None, {}, None) for i in range(6)]), "rules": []}
    exported = {"instance": tied, "result": solve(Instance.from_json(tied), seed=12345).to_json()}
    path = write(tmp_path, exported)
    printed = json.loads(run("--instance", path, "--json"))
    assert printed["result"]["seed"] == 12345
    assert printed["result"]["selected"] == exported["result"]["selected"]
    assert "Same cohort as the recorded run." in run("--instance", path)


def test_an_infeasible_instance_prints_the_smallest_relaxation(tmp_path):
    data = {
        **INSTANCE,
        "rules": [
            *INSTANCE["rules"],
            {"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 3},
        ],
    }
    text = run("--instance", write(tmp_path, data))
    assert "Status: infeasible" in text
    assert "lower the minimum of experience = junior from 3 to 2" in text


def test_a_bad_instance_file_is_refused_in_plain_words(tmp_path):
    with pytest.raises(CommandError, match=r"instance.json is not valid JSON: Expecting"):
        run("--instance", write(tmp_path, "{"), "--json")
    bad = {**INSTANCE, "rules": [{"rule": "dimension_min", "dimension": "experience", "value": "junior", "share": 2}]}
    with pytest.raises(CommandError, match=r"share must be a number between 0 and 1 \(got 2\)"):
        run("--instance", write(tmp_path, bad))
    with pytest.raises(CommandError, match="does not exist"):
        run("--instance", str(tmp_path / "missing.json"))


def test_without_an_edition_or_an_instance_the_command_says_what_to_give():
    with pytest.raises(CommandError, match="Give an edition"):
        run()
