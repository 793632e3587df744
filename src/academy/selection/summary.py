"""What the run pages show, computed from a run's stored instance and result (no solver, no queries):
the cohort's mix against the applicant pool, the rules table in words, the diversity figures, and the
comparison of two runs."""

from collections import Counter
from dataclasses import dataclass, field

from django_countries import countries as country_names

from .instance import Instance
from .rules import compile_rules, describe

MIXES = [
    ("country", "Country"),
    ("experience", "Experience"),
    ("background", "Background"),
    ("ecosystems", "Ecosystems"),
]


def values_of(candidate, key):
    """A candidate's values for a mix: its country, or its values of a dimension (a list for multiple choice)."""
    if key == "country":
        return [candidate["country"]] if candidate.get("country") else []
    value = (candidate.get("dimensions") or {}).get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


@dataclass
class Mix:
    key: str
    title: str
    rows: list = field(default_factory=list)  # (label, cohort count, cohort %, pool count, pool %)

    @property
    def chart(self):
        return {
            "id": f"mix-{self.key}",
            "title": self.title,
            "labels": [row[0] for row in self.rows],
            "cohort": [row[2] for row in self.rows],
            "pool": [row[4] for row in self.rows],
        }


def mixes(instance, selected):
    """The cohort's mix against the pool for country, experience, background and ecosystems (those present).

    Shares are of people (for ecosystems a person may count in several, so they add up past 100%)."""
    candidates = instance["candidates"]
    chosen = set(map(_key, selected))
    cohort = [c for c in candidates if _key(c["id"]) in chosen]
    out = []
    for key, title in MIXES:
        in_pool = Counter(v for c in candidates for v in values_of(c, key))
        if not in_pool:
            continue
        in_cohort = Counter(v for c in cohort for v in values_of(c, key))
        rows = []
        for value, pool_count in sorted(in_pool.items(), key=lambda item: (-item[1], str(item[0]))):
            label = f"{country_names.name(value) or value} ({value})" if key == "country" else str(value)
            rows.append(
                (
                    label,
                    in_cohort[value],
                    _pct(in_cohort[value], len(cohort)),
                    pool_count,
                    _pct(pool_count, len(candidates)),
                )
            )
        out.append(Mix(key, title, rows))
    return out


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _key(ident):
    return str(ident)


def rule_rows(instance, result):
    """The result's rules table in words: dicts with text, value, limit, binding, met, soft, at_limit.

    A cap has one entry per country or organisation in the result; here it is one row: its value is the
    most selected from one country (organisation), `at_limit` names the countries at the limit (for
    organisations, how many are)."""
    compiled = compile_rules(Instance.from_json({**instance, "candidates": []}))
    rows, caps = [], {}
    for report in result.get("rules", []):
        if report["rule"] in ("country_cap", "organisation_cap"):
            caps.setdefault(report["index"], []).append(report)
            continue
        rows.append(report | {"text": describe(compiled, report["index"]), "at_limit": ""})
    for index, reports in caps.items():
        rule = compiled.instance.rules[index]
        binding = sorted(str(r["subject"]) for r in reports if r["binding"])
        if rule.rule == "country_cap":
            at_limit = ", ".join(binding)
        else:
            at_limit = f"{len(binding)} organisations" if len(binding) != 1 else "1 organisation"
        rows.append(
            {
                "rule": rule.rule,
                "index": index,
                "text": describe(compiled, index),
                "value": max(r["value"] for r in reports),
                "limit": max(r["limit"] for r in reports),
                "binding": bool(binding),
                "met": all(r["met"] for r in reports),
                "soft": rule.soft,
                "at_limit": at_limit if binding else "",
            }
        )
    return sorted(rows, key=lambda row: row["index"])


def diversity(instance, selected):
    """Figures to compare cohorts by: size, countries, distinct values of each dimension."""
    chosen = set(map(_key, selected))
    cohort = [c for c in instance["candidates"] if _key(c["id"]) in chosen]
    figures = {
        "size": len(cohort),
        "score": round(sum(c["score"] for c in cohort), 6),
        "countries": len({c["country"] for c in cohort if c.get("country")}),
        "organisations": len({c["organisation"] for c in cohort if c.get("organisation") is not None}),
    }
    for key, _title in MIXES[1:]:
        figures[key] = len({v for c in cohort for v in values_of(c, key)})
    return figures


@dataclass
class Comparison:
    a: object
    b: object
    only_a: list
    only_b: list
    both: int
    figures: list  # (label, value in a, value in b)


FIGURE_LABELS = [
    ("size", "People selected"),
    ("score", "Total normalised score"),
    ("countries", "Countries"),
    ("organisations", "Organisations"),
    ("experience", "Experience bands"),
    ("background", "Backgrounds"),
    ("ecosystems", "Ecosystems covered"),
]


def compare(a, b):
    """Two finished runs side by side: who is in one and not the other, and each cohort's figures."""
    selected_a = [_key(i) for i in (a.result or {}).get("selected", [])]
    selected_b = [_key(i) for i in (b.result or {}).get("selected", [])]
    fig_a, fig_b = (
        diversity(a.instance or {"candidates": []}, selected_a),
        diversity(b.instance or {"candidates": []}, selected_b),
    )
    set_b, set_a = set(selected_b), set(selected_a)
    score_a, score_b = scores(a.instance or {"candidates": []}), scores(b.instance or {"candidates": []})
    return Comparison(
        a,
        b,
        only_a=sorted((i for i in selected_a if i not in set_b), key=lambda i: -score_a[i]),
        only_b=sorted((i for i in selected_b if i not in set_a), key=lambda i: -score_b[i]),
        both=len(set_a & set_b),
        figures=[(label, fig_a[key], fig_b[key]) for key, label in FIGURE_LABELS],
    )


def scores(instance):
    """{candidate id as text: score} of an instance."""
    return {_key(c["id"]): c["score"] for c in instance["candidates"]}
