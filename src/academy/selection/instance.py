"""The selection problem as plain data: an instance to solve and the result of solving it.

No database here: the selection runs build an `Instance` from an edition, and anyone can rebuild one
from an exported run (`academy select --instance FILE.json --json`) to check it with another solver.

Instance (JSON)::

    {"min_size": 25, "max_size": 40,
     "rules": [RULE, ...],
     "candidates": [{"id": 17, "score": 0.84, "country": "DE", "organisation": "org-12",
                     "dimensions": {"experience": "under-3", "ecosystems": ["digital", "health"]},
                     "lock": null}, ...]}

A candidate's `id` is a string or an integer, unique in the instance; `score` its normalised
review score (may be negative); `country` and `organisation` may be null (then no cap applies to
them); a dimension's value is a string or a list of strings; `lock` is "in" (must be selected),
"out" (must not be selected) or null.

Rules (each a JSON object; `"rule"` names its kind):

- ``{"rule": "country_cap", "limit": 3, "per_value": {"DE": 4}}``: at most `limit` selected per
  country; `per_value` (optional) sets another limit for named countries.
- ``{"rule": "organisation_cap", "limit": 1, "per_value": {...}}``: the same per organisation
  (`per_value` keys are JSON texts: an organisation given as a number is named by its digits).
- ``{"rule": "dimension_min", "dimension": "experience", "value": "under-3", "count": 12}``: at
  least 12 selected have that value (a candidate whose value is a list has it if the list holds it).
  With ``"share": 0.3`` instead of `count`: at least 30% of the selected cohort (count ≥ 0.3 × size).
- ``{"rule": "dimension_max", ...}``: the same fields, at most.
- ``{"rule": "coverage", "dimension": "ecosystems", "at_least": 12}``: the selected cohort
  together covers at least 12 distinct values of the dimension.

Every rule may carry ``"soft": true`` and a ``"penalty"`` (a positive number, default 1): a soft
rule may be broken. By default a broken soft rule costs `penalty` points of total score; in the
lexicographic mode the solver first breaks as little penalty as possible, then maximises score.

Result (JSON)::

    {"status": "optimal" | "infeasible" | "time_limit", "objective": 31.7 | null,
     "selected": [ids], "waitlist": [ids in order],
     "rules": [{"rule": "country_cap", "index": 0, "subject": "DE", "value": 3, "limit": 3,
                "binding": true, "met": true, "soft": false}, ...],
     "broken": [indexes of the soft rules broken], "seed": 0, "lexicographic": false, "seconds": 0.21,
     "relaxation": null | {"clashing": ["the minimum of experience = under-3", ...],
                           "changes": [{"rule": "dimension_min", "index": 2, "subject": "under-3",
                                        "from": 12, "to": 9, "message": "lower the minimum of ..."}],
                           "total": 3, "proven": true}}

`rules` has one entry per rule and subject (caps: per country or organisation present in the
cohort; `subject` is the dimension for coverage, its value for minima and maxima): `value` is the
rule's measure in the selected cohort (how many selected, or values covered), `limit` the bound it
was held to (for a share: share × cohort size, and `share` is given too), `binding` whether the
cohort sits exactly at that bound (one more, or one fewer, would break it), `met` whether it holds
(false only for a broken soft rule). `relaxation` is given when the status is "infeasible";
"time_limit" means the time ran out: the cohort is the best found, not proven best (or none).
"""

import math
from dataclasses import asdict, dataclass, field

from academy.core.errors import Refused

KINDS = {
    "country_cap": {"limit", "per_value"},
    "organisation_cap": {"limit", "per_value"},
    "dimension_min": {"dimension", "value", "count", "share"},
    "dimension_max": {"dimension", "value", "count", "share"},
    "coverage": {"dimension", "at_least"},
}
COMMON = {"rule", "soft", "penalty"}
CANDIDATE_KEYS = {"id", "score", "country", "organisation", "dimensions", "lock"}
INSTANCE_KEYS = {"min_size", "max_size", "rules", "candidates"}
STATUSES = ("optimal", "infeasible", "time_limit")


class InstanceError(Refused, ValueError):
    """An instance that cannot be solved as written; `messages` says every problem found."""

    status = 422

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class Rule:
    rule: str
    limit: int | None = None
    per_value: dict = field(default_factory=dict)
    dimension: str | None = None
    value: str | None = None
    count: int | None = None
    share: float | None = None
    at_least: int | None = None
    soft: bool = False
    penalty: float = 1.0

    @property
    def is_cap(self):
        return self.rule in ("country_cap", "organisation_cap")

    @property
    def is_upper(self):
        """True for rules that say "at most" (adding someone can break them)."""
        return self.is_cap or self.rule == "dimension_max"

    def to_json(self):
        data = {"rule": self.rule}
        for key in sorted(KINDS[self.rule]):
            value = getattr(self, key)
            if value is not None and value != {}:
                data[key] = dict(value) if key == "per_value" else value
        if self.soft:
            data["soft"] = True
            data["penalty"] = self.penalty
        return data


@dataclass(frozen=True)
class Candidate:
    id: int | str
    score: float
    country: str | None = None
    organisation: str | int | None = None
    dimensions: dict = field(default_factory=dict)
    lock: str | None = None

    def values(self, dimension):
        """The candidate's values of a dimension, as a tuple (empty when untagged)."""
        value = self.dimensions.get(dimension)
        if value is None:
            return ()
        return tuple(value) if isinstance(value, list | tuple) else (value,)

    def to_json(self):
        return {
            "id": self.id,
            "score": self.score,
            "country": self.country,
            "organisation": self.organisation,
            "dimensions": {k: list(v) if isinstance(v, list | tuple) else v for k, v in self.dimensions.items()},
            "lock": self.lock,
        }


@dataclass(frozen=True)
class Instance:
    min_size: int
    max_size: int
    rules: tuple[Rule, ...]
    candidates: tuple[Candidate, ...]

    @classmethod
    def from_json(cls, data):
        """Build and validate an instance; raise InstanceError listing every problem."""
        errors = []
        if not isinstance(data, dict):
            raise InstanceError(["the instance must be a JSON object"])
        errors += [f"unknown field “{key}” in the instance" for key in sorted(set(data) - INSTANCE_KEYS)]
        sizes = {key: _integer(data, key, errors, "the instance") for key in ("min_size", "max_size")}
        if None not in sizes.values() and sizes["min_size"] > sizes["max_size"]:
            errors.append(f"min_size ({sizes['min_size']}) is above max_size ({sizes['max_size']})")
        rules = [_rule(item, f"rules[{i}]", errors) for i, item in enumerate(_list(data, "rules", errors))]
        raw = _list(data, "candidates", errors)
        candidates = [_candidate(item, f"candidates[{i}]", errors) for i, item in enumerate(raw)]
        seen = set()
        for i, candidate in enumerate(candidates):
            if candidate is None:
                continue
            key = (type(candidate.id).__name__, candidate.id)
            if key in seen:
                errors.append(f"candidates[{i}]: the id {candidate.id!r} is used twice")
            seen.add(key)
        if errors:
            raise InstanceError(errors)
        return cls(sizes["min_size"], sizes["max_size"], tuple(rules), tuple(candidates))

    def to_json(self):
        return {
            "min_size": self.min_size,
            "max_size": self.max_size,
            "rules": [rule.to_json() for rule in self.rules],
            "candidates": [candidate.to_json() for candidate in self.candidates],
        }


@dataclass(frozen=True)
class RuleReport:
    rule: str
    index: int
    subject: str | int | None
    value: int
    limit: float
    binding: bool
    met: bool
    soft: bool = False
    share: float | None = None

    def to_json(self):
        data = asdict(self)
        if self.share is None:
            del data["share"]
        return data


@dataclass
class Result:
    status: str
    objective: float | None
    selected: list
    waitlist: list
    rules: list[RuleReport]
    broken: list[int] = field(default_factory=list)
    seed: int = 0
    lexicographic: bool = False
    seconds: float = 0.0
    relaxation: dict | None = None

    def to_json(self):
        data = asdict(self)
        data["rules"] = [report.to_json() for report in self.rules]
        return data

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        data["rules"] = [RuleReport(**report) for report in data.get("rules", [])]
        return cls(**data)


def _integer(data, key, errors, where, *, required=True, minimum=0):
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(f"{where}: {key} must be a whole number (got {value!r})")
        return None
    if value < minimum:
        errors.append(f"{where}: {key} must be at least {minimum} (got {value})")
        return None
    return value


def _text(data, key, errors, where):
    value = data.get(key)
    if not isinstance(value, str) or not value:
        errors.append(f"{where}: {key} must be a non-empty text (got {value!r})")
        return None
    return value


def _list(data, key, errors):
    value = data.get(key, [])
    if not isinstance(value, list):
        errors.append(f"{key} must be a list")
        return []
    return value


def _rule(item, where, errors):
    if not isinstance(item, dict):
        errors.append(f"{where}: a rule must be a JSON object")
        return None
    kind = item.get("rule")
    if kind not in KINDS:
        errors.append(f"{where}: unknown rule kind {kind!r}; known kinds are {', '.join(sorted(KINDS))}")
        return None
    before = len(errors)
    errors += [f"{where}: unknown field “{key}” for a {kind} rule" for key in sorted(set(item) - KINDS[kind] - COMMON)]
    fields = {"rule": kind}
    if kind in ("country_cap", "organisation_cap"):
        fields["limit"] = _integer(item, "limit", errors, where)
        per_value = item.get("per_value", {})
        if not isinstance(per_value, dict):
            errors.append(f"{where}: per_value must map a value to a limit")
            per_value = {}
        for value, limit in per_value.items():
            _integer({value: limit}, value, errors, f"{where}: per_value")
        fields["per_value"] = dict(per_value)
    elif kind == "coverage":
        fields["dimension"] = _text(item, "dimension", errors, where)
        fields["at_least"] = _integer(item, "at_least", errors, where)
    else:
        fields["dimension"] = _text(item, "dimension", errors, where)
        fields["value"] = _text(item, "value", errors, where)
        if ("count" in item) == ("share" in item):
            errors.append(f"{where}: give either a count or a share, not both or neither")
        elif "count" in item:
            fields["count"] = _integer(item, "count", errors, where)
        else:
            share = item["share"]
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
                errors.append(f"{where}: share must be a number between 0 and 1 (got {share!r})")
            else:
                fields["share"] = float(share)
    soft = item.get("soft", False)
    if not isinstance(soft, bool):
        errors.append(f"{where}: soft must be true or false")
    if "penalty" in item:
        penalty = item["penalty"]
        if not soft:
            errors.append(f'{where}: a penalty applies only to a soft rule (add "soft": true)')
        elif isinstance(penalty, bool) or not isinstance(penalty, int | float) or not 0 < penalty < math.inf:
            errors.append(f"{where}: penalty must be a positive number (got {penalty!r})")
        else:
            fields["penalty"] = float(penalty)
    fields["soft"] = soft is True
    return Rule(**fields) if len(errors) == before else None


def _candidate(item, where, errors):
    if not isinstance(item, dict):
        errors.append(f"{where}: a candidate must be a JSON object")
        return None
    before = len(errors)
    errors += [f"{where}: unknown field “{key}”" for key in sorted(set(item) - CANDIDATE_KEYS)]
    ident = item.get("id")
    if isinstance(ident, bool) or not isinstance(ident, int | str) or ident == "":
        errors.append(f"{where}: id must be a text or a whole number (got {ident!r})")
    score = item.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        errors.append(f"{where}: score must be a finite number (got {score!r})")
    for key in ("country", "organisation"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            errors.append(f"{where}: {key} must be a text, a number or null (got {value!r})")
    dimensions = item.get("dimensions", {})
    if not isinstance(dimensions, dict):
        errors.append(f"{where}: dimensions must map a dimension to a value or a list of values")
        dimensions = {}
    for name, value in dimensions.items():
        values = value if isinstance(value, list) else [value]
        if value is not None and not all(isinstance(v, str) for v in values):
            errors.append(f"{where}: the {name} dimension must be a text or a list of texts (got {value!r})")
    lock = item.get("lock")
    if lock not in ("in", "out", None):
        errors.append(f'{where}: lock must be "in", "out" or null (got {lock!r})')
    if len(errors) > before:
        return None
    dims = {k: tuple(v) if isinstance(v, list) else v for k, v in dimensions.items() if v is not None}
    return Candidate(ident, float(score), item.get("country"), item.get("organisation"), dims, lock)
