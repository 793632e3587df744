"""Rules turned into counting constraints over candidate positions, and checks of a cohort against them.

Every rule becomes one or more `Row`s ("at most" or "at least" so many of these candidates, where the
bound is a count or a share of the cohort size) or one `Cover` (at least so many values of a
dimension held by someone selected). The solver, the waitlist, promotion, explanations and the
relaxation all read these, so a rule means the same thing everywhere.
"""

from dataclasses import dataclass

from .instance import Instance, RuleReport

EPS = 1e-9


@dataclass(frozen=True)
class Row:
    rule: int  # index of the rule in the instance
    subject: object  # the country, organisation or dimension value counted
    upper: bool  # True: at most; False: at least
    members: tuple  # positions of the candidates counted
    count: int | None = None
    share: float | None = None
    soft: bool = False

    def limit(self, size):
        return self.count if self.share is None else self.share * size

    def holds(self, value, size):
        limit = self.limit(size)
        return value <= limit + EPS if self.upper else value >= limit - EPS

    def tight(self, value, size):
        """The cohort sits at the bound: one more (or one fewer) member would break it."""
        limit = self.limit(size)
        return limit - value < 1 - EPS if self.upper else value - limit < 1 - EPS


@dataclass(frozen=True)
class Cover:
    rule: int
    groups: dict  # value -> positions of the candidates holding it
    at_least: int
    soft: bool = False


@dataclass(frozen=True)
class Compiled:
    instance: Instance
    rows: tuple
    covers: tuple
    member_rows: tuple  # position -> indexes of the rows the candidate is counted in

    @property
    def candidates(self):
        return self.instance.candidates


def compile_rules(instance):
    """The rows and covers of an instance (rows that could never bind are kept for the report)."""
    rows, covers = [], []
    candidates = instance.candidates
    for index, rule in enumerate(instance.rules):
        if rule.is_cap:
            attribute = "country" if rule.rule == "country_cap" else "organisation"
            groups = _groups(candidates, lambda c, a=attribute: () if getattr(c, a) is None else (getattr(c, a),))
            for subject, members in groups.items():
                limit = rule.per_value.get(str(subject), rule.limit)
                rows.append(Row(index, subject, True, members, count=limit, soft=rule.soft))
        elif rule.rule == "coverage":
            groups = _groups(candidates, lambda c, d=rule.dimension: c.values(d))
            covers.append(Cover(index, groups, rule.at_least, soft=rule.soft))
        else:
            members = tuple(i for i, c in enumerate(candidates) if rule.value in c.values(rule.dimension))
            upper = rule.rule == "dimension_max"
            rows.append(Row(index, rule.value, upper, members, count=rule.count, share=rule.share, soft=rule.soft))
    member_rows = [[] for _ in candidates]
    for r, row in enumerate(rows):
        for i in row.members:
            member_rows[i].append(r)
    return Compiled(instance, tuple(rows), tuple(covers), tuple(tuple(m) for m in member_rows))


def _groups(candidates, values_of):
    groups = {}
    for i, candidate in enumerate(candidates):
        for value in values_of(candidate):
            groups.setdefault(value, []).append(i)
    return {value: tuple(members) for value, members in groups.items()}


def row_values(compiled, positions):
    """How many of the given positions each row counts."""
    values = [0] * len(compiled.rows)
    for i in positions:
        for r in compiled.member_rows[i]:
            values[r] += 1
    return values


def covered(cover, positions):
    chosen = set(positions)
    return sum(1 for members in cover.groups.values() if chosen.intersection(members))


def broken_rules(compiled, positions, *, soft=True):
    """Indexes of the rules the cohort breaks (hard ones always, soft ones when `soft`)."""
    positions = list(positions)
    size, values = len(positions), row_values(compiled, positions)
    broken = {row.rule for row, value in zip(compiled.rows, values, strict=True) if not row.holds(value, size)}
    broken |= {cover.rule for cover in compiled.covers if covered(cover, positions) < cover.at_least}
    return sorted(r for r in broken if soft or not compiled.instance.rules[r].soft)


def report(compiled, positions):
    """One RuleReport per rule and subject: caps only for subjects present in the cohort."""
    positions = list(positions)
    size, values = len(positions), row_values(compiled, positions)
    reports = []
    for row, value in zip(compiled.rows, values, strict=True):
        if compiled.instance.rules[row.rule].is_cap and value == 0:
            continue
        limit = row.limit(size)
        reports.append(
            RuleReport(
                compiled.instance.rules[row.rule].rule,
                row.rule,
                row.subject,
                value,
                round(limit, 6),
                row.tight(value, size) and row.holds(value, size),
                row.holds(value, size),
                row.soft,
                row.share,
            )
        )
    for cover in compiled.covers:
        value = covered(cover, positions)
        rule = compiled.instance.rules[cover.rule]
        met = value >= cover.at_least
        reports.append(
            RuleReport(
                rule.rule, cover.rule, rule.dimension, value, cover.at_least, value == cover.at_least, met, cover.soft
            )
        )
    reports.sort(key=lambda r: r.index)
    return reports


class Counter:
    """A growing cohort's row counts, to ask cheaply whether one more candidate fits the hard rules."""

    def __init__(self, compiled, positions=()):
        self.compiled = compiled
        self.values = row_values(compiled, positions)
        self.size = len(positions)
        self.hard_shares = [r for r, row in enumerate(compiled.rows) if not row.soft and row.share is not None]

    def blocking(self, i):
        """The hard rows that adding position i would break: (row index, permanent?).

        A full count cap stays full as the cohort grows (permanent); a share may open up later."""
        size = self.size + 1
        rows, found = self.compiled.rows, []
        mine = set(self.compiled.member_rows[i])
        for r in mine:
            row = rows[r]
            if row.upper and not row.soft and not row.holds(self.values[r] + 1, size):
                found.append((r, row.share is None))
        for r in self.hard_shares:
            row = rows[r]
            if not row.upper and r not in mine and not row.holds(self.values[r], size):
                found.append((r, False))
        return found

    def add(self, i):
        for r in self.compiled.member_rows[i]:
            self.values[r] += 1
        self.size += 1


def share_text(share):
    return f"{share * 100:g}%" if share is not None else ""


def name(compiled, rule_index, subject=None):
    """A rule in words, without its bound: 'the country cap for DE', 'the minimum share of experience = under-3'."""
    rule = compiled.instance.rules[rule_index]
    if rule.is_cap:
        noun = "country" if rule.rule == "country_cap" else "organisation"
        return f"the {noun} cap" + (f" for {subject}" if subject is not None else "")
    if rule.rule == "coverage":
        return f"the coverage of {rule.dimension}"
    word = "minimum" if rule.rule == "dimension_min" else "maximum"
    return f"the {word}{' share' if rule.share is not None else ''} of {rule.dimension} = {rule.value}"


def describe(compiled, rule_index, subject=None):
    """A rule in words with its bound: 'the country cap of 3 for DE', 'the minimum of 30% experience = under-3'."""
    rule = compiled.instance.rules[rule_index]
    if rule.is_cap:
        noun = "country" if rule.rule == "country_cap" else "organisation"
        limit = rule.per_value.get(str(subject), rule.limit) if subject is not None else rule.limit
        return f"the {noun} cap of {limit}" + (f" for {subject}" if subject is not None else "")
    if rule.rule == "coverage":
        return f"the coverage of at least {rule.at_least} {rule.dimension}"
    bound = share_text(rule.share) if rule.share is not None else str(rule.count)
    word = "minimum" if rule.rule == "dimension_min" else "maximum"
    return f"the {word} of {bound} with {rule.dimension} = {rule.value}"
