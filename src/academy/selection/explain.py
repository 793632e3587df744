"""Why each candidate is in or out of a solved cohort.

For every candidate not selected, a cheap check against the cohort first: a cap or maximum they
belong to that the cohort fills (they could only enter by replacing someone it counts, and the ones
it counts score higher); otherwise a minimum or a coverage that the cohort meets exactly and that
they do not help (the lower scores kept are kept for that rule); otherwise their score is below the
cut-off (the lowest score selected that no lock imposed). Then, for the `resolve` best-scoring of
them, an exact answer: the program solved again with that candidate forced in, reporting the total
score given up (and any seats or soft rules lost). Re-solving every one of 5,000 would take minutes;
the ones near the cut-off are those people ask about, and the rest keep the cheap answer.
"""

from dataclasses import asdict, dataclass, field

from .program import Model, micro
from .rules import compile_rules, covered, describe, row_values
from .solver import stages

DEFAULT_RESOLVE = 10


@dataclass
class Explanation:
    id: object
    status: str  # selected, locked_in, locked_out, rule, cutoff, tie, no_cohort
    message: str
    rules: list = field(default_factory=list)  # [{"index", "rule", "subject"}] the rules that keep them out
    score_given_up: float | None = None  # from the re-solve with them forced in (None when not re-solved)

    def to_json(self):
        return asdict(self)


def explain(instance, result, *, resolve=DEFAULT_RESOLVE, time_limit=30.0):
    """{candidate id: Explanation} for a Result of `solve` on this instance."""
    compiled = compile_rules(instance)
    candidates = instance.candidates
    position = {c.id: i for i, c in enumerate(candidates)}
    chosen = [position[i] for i in result.selected]
    if not chosen and result.status != "optimal" or result.status == "infeasible":
        text = "no cohort was chosen: the rules cannot all hold" if result.status == "infeasible" else "no cohort yet"
        return {c.id: Explanation(c.id, "no_cohort", text) for c in candidates}
    chosen_set = set(chosen)
    free = [i for i in chosen if candidates[i].lock != "in"] or chosen
    cutoff = min((candidates[i].score for i in free), default=None)  # None: the rules let no one in
    out = {}
    for i, candidate in enumerate(candidates):
        if i in chosen_set:
            locked = candidate.lock == "in"
            out[candidate.id] = Explanation(
                candidate.id, "locked_in" if locked else "selected", "selected (locked in)" if locked else "selected"
            )
        elif candidate.lock == "out":
            out[candidate.id] = Explanation(candidate.id, "locked_out", "not selected: locked out")
    checker = _Checker(compiled, chosen, cutoff, result.seed)
    pending = sorted(
        (i for i in range(len(candidates)) if candidates[i].id not in out), key=lambda i: -candidates[i].score
    )
    for k, i in enumerate(pending):
        explanation = checker.explain(i)
        if k < resolve:
            _resolve(compiled, i, chosen, result, explanation, time_limit)
        out[candidates[i].id] = explanation
    return out


class _Checker:
    def __init__(self, compiled, chosen, cutoff, seed):
        self.compiled, self.chosen, self.cutoff, self.seed = compiled, chosen, cutoff, seed
        self.size = len(chosen)
        self.values = row_values(compiled, chosen)
        self.tight_minimums = [
            r for r, row in enumerate(compiled.rows) if not row.upper and row.tight(self.values[r], self.size)
        ]
        in_cohort = set(chosen)
        self.tight_covers = []
        for cover in compiled.covers:
            holders = [[i for i in members if i in in_cohort] for members in cover.groups.values()]
            if covered(cover, chosen) == cover.at_least and any(len(h) == 1 for h in holders):
                self.tight_covers.append(cover)

    def explain(self, i):
        compiled, candidate = self.compiled, self.compiled.candidates[i]
        rules = []
        for r in compiled.member_rows[i]:
            row = compiled.rows[r]
            if row.upper and not row.holds(self.values[r] + 1, self.size):
                members = [j for j in self.chosen if r in compiled.member_rows[j]]
                higher = sum(1 for j in members if compiled.candidates[j].score > candidate.score)
                what = describe(compiled, row.rule, row.subject)
                if not members:
                    text = f"{what} leaves no room"
                elif higher == len(members):
                    text = f"{what} reached by {_count(len(members))} applicants with higher scores"
                else:
                    text = f"{what} reached by {_count(len(members))} selected applicants ({higher} with higher scores)"
                rules.append((row.rule, row.subject, text))
        if rules:
            return self._explanation(candidate, "rule", rules)
        if self.cutoff is None:
            return Explanation(candidate.id, "rule", "not selected: the hard rules let no one be selected")
        if micro(candidate.score) > micro(self.cutoff):
            mine = set(compiled.member_rows[i])
            for r in self.tight_minimums:
                if r not in mine:
                    row = compiled.rows[r]
                    rules.append((row.rule, row.subject, f"{describe(compiled, row.rule)} keeps lower scores in"))
            for cover in self.tight_covers:
                rules.append((cover.rule, None, f"{describe(compiled, cover.rule)} keeps lower scores in"))
            if rules:
                return self._explanation(candidate, "rule", rules)
        if micro(candidate.score) == micro(self.cutoff):
            text = f"score {candidate.score:g} ties with the cut-off; the order of seed {self.seed} put others first"
            return Explanation(candidate.id, "tie", f"not selected: {text}")
        text = f"score {candidate.score:g} is below the cut-off of {self.cutoff:g} (the lowest score selected)"
        return Explanation(candidate.id, "cutoff", f"not selected: {text}")

    def _explanation(self, candidate, status, rules):
        kinds = self.compiled.instance.rules
        listed = [{"index": r, "rule": kinds[r].rule, "subject": s} for r, s, _ in rules]
        return Explanation(candidate.id, status, "not selected: " + "; ".join(t for _, _, t in rules), listed)


def _count(k):
    return ["no", "one", "two", "three", "four", "five"][k] if k <= 5 else str(k)


def _resolve(compiled, i, chosen, result, explanation, time_limit):
    """Solve again with candidate i forced in; record the score given up in the explanation."""
    instance = compiled.instance
    # Most often the cohort keeps its size with them in: try that first, skipping the seat-count stage.
    seats = len(chosen)
    model = Model(compiled, fixed={i: 1}, size=(seats, seats), time_limit=time_limit)
    objectives = stages(model, result.lexicographic)[1:]
    if model.maximise(objectives[0]) is None:
        model = Model(compiled, fixed={i: 1}, time_limit=time_limit)
        objectives = stages(model, result.lexicographic)
        if model.maximise(objectives[0]) is None:
            explanation.message += "; they cannot be selected without breaking a hard rule"
            return
    for costs in objectives[1:]:
        model.maximise(costs)
    forced = model.selected()
    given_up = round(result.objective - sum(instance.candidates[j].score for j in forced), 6)
    explanation.score_given_up = given_up
    notes = [f"selecting them would give up {given_up:g} of total score"]
    if len(forced) < len(chosen):
        notes.append(f"leave {len(chosen) - len(forced)} seat(s) empty")
    newly_broken = sorted(set(model.broken()) - set(result.broken))
    if newly_broken:
        notes.append("break the soft rule(s) " + ", ".join(describe(compiled, r) for r in newly_broken))
    explanation.message += "; " + " and ".join(notes)
