"""Column assignment by accounting identities: a small exact constraint problem per table.

A row printed with its empty cells dropped shows its amounts in column order but not their columns: a
row of `n` amounts under `k` amount columns can sit in any of C(k, n) placements. The table's
identities decide: row identities (合计 = 基本 + 项目 …), the hierarchy (each parent = Σ children, per
column), totals known from other tables, and parts printed in other tables (a 财政拨款 amount is part
of the same subject's amount in the 支出表: not larger). Each identity is a linear equation over cells
(Σ coefficient × cell + constant = 0) that holds within the rounding tolerance: half a unit of the last
printed digit of each printed term. An empty cell counts 0 and brings no tolerance.

`solve` finds, for every row, the placements that belong to at least one assignment satisfying every
identity at once. A row with exactly one such placement is placed; a row with several is ambiguous; when
no assignment satisfies all identities (the printed table breaks one itself), identities whose cells are
all fixed and that fail are set aside (they are the source's own errors, for audit_findings), and when
still nothing fits a group of rows that identities link, only the rows of that group that their own row
identities place unambiguously are placed (the other groups share no row to place with it: they are
solved in full).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import combinations
from typing import Any, Final

Placement = tuple[int, ...]  # the amount columns (0-based, increasing) holding a row's printed values
HALF = Decimal("0.5")
# Search effort per satisfiability check; beyond it the rows still undecided are reported ambiguous.
MAX_STEPS: Final = 200_000


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Value:
    """A printed amount: exact value in 万元 and the unit of its last printed digit."""

    wan: Decimal
    unit: Decimal

    def __init__(self, wan: Decimal, unit: Decimal) -> None:
        self.wan = wan
        self.unit = unit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Value) and (self.wan, self.unit) == (other.wan, other.unit)

    def __hash__(self) -> int:
        return hash((self.wan, self.unit))

    @property
    def tolerance(self) -> Decimal:
        return self.unit * HALF


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Row:
    """A row to place: its printed values in order and the number of amount columns of its table.

    `allowed`, when given, the columns each value may sit in, value by value (None: any amount column).
    `floating`: how many of its last values are amounts whose place among the others is not printed (a
    cell wrapped above and below the line of the row's other amounts: loaders.layout.body.
    join_split_amounts); they keep their order among themselves. A placement then gives each value its
    column, in the values' order (not increasing); placements putting the same values in the same cells
    are one.
    """

    key: str
    values: tuple[Value, ...]
    width: int
    allowed: tuple[frozenset[int], ...] | None = None
    floating: int = 0
    # The decimal places of its values and rounding units (see `_scale`): asked for by every search
    # of a solve, so derived once.
    digits: int = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        key: str,
        values: tuple[Value, ...],
        width: int,
        allowed: tuple[frozenset[int], ...] | None = None,
        floating: int = 0,
    ) -> None:
        self.key = key
        self.values = values
        self.width = width
        self.allowed = allowed
        self.floating = floating
        exponents = [e for v in values for e in (v.wan.as_tuple().exponent, v.unit.as_tuple().exponent)]
        self.digits = max([0, *(-e for e in exponents if isinstance(e, int))])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and (self.key, self.values, self.width, self.allowed, self.floating) == (
            other.key,
            other.values,
            other.width,
            other.allowed,
            other.floating,
        )

    def __hash__(self) -> int:
        return hash((self.key, self.values, self.width, self.allowed, self.floating))

    def placements(self) -> list[Placement]:
        found = list(combinations(range(self.width), len(self.values)))
        if self.floating:
            found = self._interleaved(found)
        if self.allowed is None:
            return found
        return [p for p in found if all(c in ok for c, ok in zip(p, self.allowed, strict=True))]

    def _interleaved(self, subsets: list[Placement]) -> list[Placement]:
        """Each set of columns with the floating values put in each way among the others (each group in
        its order), the same cells filled with the same values once."""
        count = len(self.values)
        found: list[Placement] = []
        seen: set[tuple[tuple[int, Decimal, Decimal], ...]] = set()
        for columns in subsets:
            for spots in combinations(range(count), self.floating):
                placement = (
                    *(c for n, c in enumerate(columns) if n not in spots),
                    *(columns[n] for n in spots),
                )
                cells = tuple(sorted((c, v.wan, v.unit) for c, v in zip(placement, self.values, strict=True)))
                if cells not in seen:
                    seen.add(cells)
                    found.append(placement)
        return found


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Term:
    coefficient: int
    row: str
    column: int

    def __init__(self, coefficient: int, row: str, column: int) -> None:
        self.coefficient = coefficient
        self.row = row
        self.column = column

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and (self.coefficient, self.row, self.column) == (
            other.coefficient,
            other.row,
            other.column,
        )

    def __hash__(self) -> int:
        return hash((self.coefficient, self.row, self.column))


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Identity:
    """Σ coefficient × cell + constant = 0 (within tolerance), or ≥ 0 when `at_least` (a part of a
    whole printed in another table: the whole minus the part is not negative). `name` is for messages."""

    name: str
    terms: tuple[Term, ...]
    constant: Value | None = None
    at_least: bool = False
    group: str = ""  # identities set aside together when they cannot all hold (see solve)
    # The rows of its terms: asked for on every step of solving, so derived once.
    rows: frozenset[str] = field(init=False, repr=False, compare=False)

    def __init__(
        self, name: str, terms: tuple[Term, ...], constant: Value | None = None, at_least: bool = False, group: str = ""
    ) -> None:
        self.name = name
        self.terms = terms
        self.constant = constant
        self.at_least = at_least
        self.group = group
        self.rows = frozenset(term.row for term in terms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Identity) and (self.name, self.terms, self.constant, self.at_least, self.group) == (
            other.name,
            other.terms,
            other.constant,
            other.at_least,
            other.group,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.terms, self.constant, self.at_least, self.group))


@dataclass
class Outcome:
    """What the solver decided."""

    placed: dict[str, Placement] = field(default_factory=dict)
    ambiguous: dict[str, list[Placement]] = field(default_factory=dict)
    impossible: dict[str, str] = field(default_factory=dict)  # row → reason
    broken: list[Identity] = field(default_factory=list)  # identities the printed values break
    relaxed: bool = False  # no assignment satisfied every identity: rows placed by their own identities
    relaxed_rows: set[str] = field(default_factory=set)  # the rows of the groups where none did


def cell_value(row: Row, placement: Placement, column: int) -> Value | None:
    """The value a placement puts in a column (None: the cell is empty)."""
    if column in placement:
        return row.values[placement.index(column)]
    return None


def holds(identity: Identity, rows: dict[str, Row], assignment: dict[str, Placement]) -> bool:
    total = Decimal(0)
    tolerance = Decimal(0)
    for term in identity.terms:
        value = cell_value(rows[term.row], assignment[term.row], term.column)
        if value is not None:
            total += term.coefficient * value.wan
            tolerance += value.tolerance
    return _within(identity, total, tolerance)


def _within(identity: Identity, total: Decimal, tolerance: Decimal) -> bool:
    """The identity holds for its terms' sum and tolerance, once its constant is added."""
    if identity.constant is not None:
        total += identity.constant.wan
        tolerance += identity.constant.tolerance
    if identity.at_least:
        return total >= -tolerance
    return abs(total) <= tolerance


def _holds_alone(identity: Identity, row: Row, placement: Placement, tolerances: Sequence[Decimal]) -> bool:
    """`holds` for an identity of the row's cells only, with its values' tolerances worked out once:
    the same sums, in the same order."""
    total = Decimal(0)
    tolerance = Decimal(0)
    for term in identity.terms:
        if term.column in placement:
            at = placement.index(term.column)
            total += term.coefficient * row.values[at].wan
            tolerance += tolerances[at]
    return _within(identity, total, tolerance)


def solve(rows: Sequence[Row], identities: Iterable[Identity]) -> Outcome:
    """Place every row (see the module docstring)."""
    by_key = {row.key: row for row in rows}
    identities = [i for i in identities if i.rows <= by_key.keys()]
    outcome = Outcome()
    domains: dict[str, list[Placement]] = {}
    own_identities: dict[str, list[Identity]] = {}  # row → the identities of that row alone
    for identity in identities:
        if len(identity.rows) == 1 and identity.constant is None:
            own_identities.setdefault(next(iter(identity.rows)), []).append(identity)
    for row in rows:
        if len(row.values) > row.width:
            outcome.impossible[row.key] = f"{len(row.values)} amounts for {row.width} amount columns"
            continue
        own = own_identities.get(row.key, [])
        placements = row.placements()
        printed = by_key[row.key]  # (the last row of the key, as `holds` reads it)
        tolerances = [value.tolerance for value in printed.values]
        if len(placements) == 1:  # printed in full (or empty): placed as printed, whatever it breaks
            outcome.broken.extend(i for i in own if not _holds_alone(i, printed, placements[0], tolerances))
            domains[row.key] = placements
            continue
        fitting = [p for p in placements if all(_holds_alone(i, printed, p, tolerances) for i in own)]
        if not fitting:
            outcome.impossible[row.key] = _no_fit_reason(row, own)
            continue
        domains[row.key] = fitting
    # The row's own identities placed it; the others (between rows, or against another table's total)
    # are solved together.
    live = [i for i in identities if i.rows <= domains.keys() and (len(i.rows) > 1 or i.constant is not None)]
    # Identities whose cells are all fixed are the printed table's own; a broken one is set aside.
    fixed = {key for key, domain in domains.items() if len(domain) == 1}
    for identity in [i for i in live if i.rows <= fixed]:
        if not holds(identity, by_key, {key: domains[key][0] for key in identity.rows}):
            outcome.broken.append(identity)
            live.remove(identity)
    feasible, infeasible = _backbone(by_key, domains, live)
    if infeasible:
        # Some identities cannot all hold together (a printing error, a line missing): in each group of
        # rows linked by identities that cannot all hold, which of them to set aside is not for the
        # solver to choose — a placement that one choice gives and another denies would be a guess. Its
        # rows are placed by their own row identities only; the identities kept in order are reported as
        # broken for audit. The other groups (sharing no row to place with it) are solved in full.
        outcome.relaxed = True
        outcome.relaxed_rows.update(infeasible)
        suspect = [i for i in live if i.rows & infeasible]
        _consistent(by_key, domains, suspect, outcome.broken)
        feasible.update({key: set(domains[key]) for key in infeasible})
    for key, domain in domains.items():
        options = [p for p in domain if p in feasible.get(key, set(domain))]
        if len(options) == 1:
            outcome.placed[key] = options[0]
        else:
            outcome.ambiguous[key] = options
    return outcome


def _satisfiable(rows: dict[str, Row], domains: dict[str, list[Placement]], identities: list[Identity]) -> bool:
    involved = {key for identity in identities for key in identity.rows}
    sub = {key: domains[key] for key in involved}
    try:
        return _Search.build(rows, sub, identities).find({}) is not None
    except _Budget:
        return False


def _consistent(
    rows: dict[str, Row], domains: dict[str, list[Placement]], identities: list[Identity], broken: list[Identity]
) -> list[Identity]:
    """A maximal set of the identities that can all hold, grown in order by groups (an identity's
    `group`), one by one inside a group that cannot be kept whole; the others go to `broken`."""
    kept: list[Identity] = []
    groups: dict[str, list[Identity]] = {}
    for identity in identities:
        groups.setdefault(identity.group or identity.name, []).append(identity)
    for group in groups.values():
        if _satisfiable(rows, domains, kept + group):
            kept += group
            continue
        for identity in group:
            if _satisfiable(rows, domains, [*kept, identity]):
                kept.append(identity)
            else:
                broken.append(identity)
    return kept


def _no_fit_reason(row: Row, own: list[Identity]) -> str:
    names = ", ".join(sorted({i.name for i in own}))
    return f"no placement of its {len(row.values)} amounts satisfies {names}"


class _Budget(Exception):
    """The search ran out of steps."""


@dataclass  # __init__ written out: compiled (loaders/native.py)
class _Compiled:
    """An identity in integers: for each of its rows, the contribution (sum, tolerance) of every
    placement of that row's domain, with the extremes over the domain, for interval pruning."""

    identity: Identity
    rows: tuple[str, ...]
    contributions: dict[str, dict[Placement, tuple[int, int]]]
    low: dict[str, int]
    high: dict[str, int]
    slack: dict[str, int]
    constant: int
    constant_tolerance: int

    def __init__(
        self,
        identity: Identity,
        rows: tuple[str, ...],
        contributions: dict[str, dict[Placement, tuple[int, int]]],
        low: dict[str, int],
        high: dict[str, int],
        slack: dict[str, int],
        constant: int,
        constant_tolerance: int,
    ) -> None:
        self.identity = identity
        self.rows = rows
        self.contributions = contributions
        self.low = low
        self.high = high
        self.slack = slack
        self.constant = constant
        self.constant_tolerance = constant_tolerance

    def interval(self) -> list[int]:
        """[low, high, tolerance] of the identity's sum with no row of choice assigned."""
        low = high = self.constant
        tolerance = self.constant_tolerance
        for key in self.rows:
            low += self.low[key]
            high += self.high[key]
            tolerance += self.slack[key]
        return [low, high, tolerance]

    def shifts(self, key: str) -> dict[Placement, tuple[int, int]]:
        """How assigning each placement of a row moves the identity's bounds (see `_Search`): from the
        row's extremes to its contribution. The search then updates an identity in constant time."""
        return {
            placement: (
                (total - self.low[key]) - (slack - self.slack[key]),
                (total - self.high[key]) + (slack - self.slack[key]),
            )
            for placement, (total, slack) in self.contributions[key].items()
        }


def _holds_within(interval: list[int], at_least: bool) -> bool:
    """Whether an identity can still hold given its interval [low, high, tolerance] of reachable sums."""
    low, high, tolerance = interval
    if at_least:
        return high + tolerance >= 0
    return low - tolerance <= 0 <= high + tolerance


def _scale(rows: dict[str, Row], identities: list[Identity]) -> int:
    """An integer factor turning every value and half rounding unit into an exact integer."""
    exponents: list[int | str] = []
    for identity in identities:
        if identity.constant is not None:
            exponents += [identity.constant.wan.as_tuple().exponent, identity.constant.unit.as_tuple().exponent]
    digits = max([2, *(r.digits for r in rows.values()), *(-e for e in exponents if isinstance(e, int))])
    return 2 * 10**digits


def _scaled(row: Row, scale: int) -> list[tuple[int, int]]:
    """A row's values and their tolerances as integers (see `_scale`)."""
    return [(int(value.wan * scale), int(value.tolerance * scale)) for value in row.values]


def _compile(
    identity: Identity,
    rows: dict[str, Row],
    domains: dict[str, list[Placement]],
    scale: int,
    scaled: dict[str, list[tuple[int, int]]],
) -> _Compiled:
    """The identity in integers; rows with a single placement are folded into its constant. `scaled`:
    the rows' values in integers, filled as rows are met (shared by the identities of one search)."""
    terms_by_row: dict[str, list[Term]] = {}
    for term in identity.terms:
        terms_by_row.setdefault(term.row, []).append(term)
    constant = int(identity.constant.wan * scale) if identity.constant is not None else 0
    constant_tolerance = int(identity.constant.tolerance * scale) if identity.constant is not None else 0
    contributions: dict[str, dict[Placement, tuple[int, int]]] = {}
    for key in sorted(terms_by_row):
        values = scaled.get(key)
        if values is None:
            values = scaled[key] = _scaled(rows[key], scale)
        terms = terms_by_row[key]
        if len(domains[key]) == 1:
            total, slack = _contribution(terms, values, domains[key][0])
            constant += total
            constant_tolerance += slack
        else:
            contributions[key] = {placement: _contribution(terms, values, placement) for placement in domains[key]}
    return _Compiled(
        identity,
        tuple(contributions),
        contributions,
        {key: min(t for t, _ in c.values()) for key, c in contributions.items()},
        {key: max(t for t, _ in c.values()) for key, c in contributions.items()},
        {key: max(sl for _, sl in c.values()) for key, c in contributions.items()},
        constant,
        constant_tolerance,
    )


def _contribution(terms: list[Term], values: list[tuple[int, int]], placement: Placement) -> tuple[int, int]:
    """A row's terms of an identity under a placement: (Σ coefficient × value, Σ tolerance), in integers.
    (Not a closure in `_compile`: loaders/native.py.)"""
    total = slack = 0
    for term in terms:
        if term.column in placement:
            wan, tolerance = values[placement.index(term.column)]
            total += term.coefficient * wan
            slack += tolerance
    return total, slack


@dataclass
class _Search:
    """Backtracking over the placements of the rows that have a choice, pruning with every identity's
    interval of reachable sums (rows with a single placement are folded into the constants).

    An identity can still hold while low − tolerance ≤ 0 ≤ high + tolerance (an inequality: while
    high + tolerance ≥ 0), over the sums its rows can still reach. Those two bounds of every identity
    are kept up to date as rows are assigned and unassigned, so a check costs the same whatever the
    identity's number of rows; the search visits exactly the assignments a recount per check would, in
    the same order, with the same step count."""

    rows: dict[str, Row]
    domains: dict[str, list[Placement]]
    order: list[str]
    # Identity n's bounds (low − tolerance, high + tolerance) are at offsets 2n, 2n + 1 of `empty` and
    # `bounds`: flat lists of integers, cheaper to update than objects in the inner loop.
    # row → per placement of its domain, how assigning it moves its identities' bounds: a flat list of
    # (identity offset, shift of the lower bound, shift of the upper bound) triples.
    shifts: dict[str, list[list[int]]]
    touching: dict[str, list[int]]  # row → the offsets of the identities it takes part in
    at_least: list[bool]  # by identity offset: an inequality (≥ 0) rather than an equation
    empty: list[int]  # the identities' bounds with no row of choice assigned
    fixed_ok: bool  # the identities with no row left to choose hold
    bounds: list[int] = field(default_factory=list)  # as `empty`, for the rows assigned now
    # The bounds a row's assignment replaced, to put back when it is undone: the very objects, so that
    # undoing allocates no integer (untyped: a typed int would be unboxed and boxed again).
    trail: list[Any] = field(default_factory=list)
    steps: int = 0

    @classmethod
    def build(cls, rows: dict[str, Row], domains: dict[str, list[Placement]], identities: list[Identity]) -> _Search:
        scale = _scale(rows, identities)
        free = {key: domain for key, domain in domains.items() if len(domain) > 1}
        shifts: dict[str, list[list[int]]] = {key: [[] for _ in domain] for key, domain in free.items()}
        touching: dict[str, list[int]] = {key: [] for key in free}
        at_least: list[bool] = []
        empty: list[int] = []
        fixed_ok = True
        scaled: dict[str, list[tuple[int, int]]] = {}
        for identity in identities:
            compiled = _compile(identity, rows, domains, scale, scaled)
            interval = compiled.interval()
            if not compiled.rows:
                fixed_ok = fixed_ok and _holds_within(interval, identity.at_least)
                continue  # nothing to choose: no row's assignment moves it
            offset = len(empty)
            low, high, tolerance = interval
            empty.extend((low - tolerance, high + tolerance))
            at_least.extend((identity.at_least, identity.at_least))
            for key in compiled.rows:
                touching[key].append(offset)
                moves = compiled.shifts(key)
                for n, placement in enumerate(free[key]):
                    shifts[key][n].extend((offset, *moves[placement]))
        return cls(rows, free, _order(free, identities), shifts, touching, at_least, empty, fixed_ok)

    def _assign(self, moves: list[int]) -> None:
        """Shift the bounds of a row's identities as the row is assigned (`moves`: see `shifts`)."""
        bounds = self.bounds
        for n in range(0, len(moves), 3):
            at = moves[n]  # (not `+=`: mypyc compiles an augmented item assignment as generic code)
            bounds[at] = bounds[at] + moves[n + 1]
            bounds[at + 1] = bounds[at + 1] + moves[n + 2]

    def _assign_fits(self, moves: list[int]) -> bool:
        """`_assign`, and whether every identity the row takes part in can still hold (`_fits`) after
        it: a row's moves name exactly the identities it takes part in, so one pass does both."""
        bounds, at_least = self.bounds, self.at_least
        saved: list[Any] = bounds  # the same list, read untyped (see `trail`)
        trail = self.trail
        fits = True
        for n in range(0, len(moves), 3):
            at = moves[n]
            trail.append(saved[at])
            trail.append(saved[at + 1])
            low = bounds[at] + moves[n + 1]
            high = bounds[at + 1] + moves[n + 2]
            bounds[at] = low
            bounds[at + 1] = high
            if high < 0 or (low > 0 and not at_least[at]):
                fits = False
        return fits

    def _restore(self, moves: list[int]) -> None:
        """Undo `_assign_fits`: the row's identities' bounds as they were."""
        bounds: list[Any] = self.bounds
        trail = self.trail
        for n in range(len(moves) - 3, -1, -3):
            at = moves[n]
            bounds[at + 1] = trail.pop()
            bounds[at] = trail.pop()

    def _fits(self, key: str) -> bool:
        """Whether every identity the row takes part in can still hold."""
        bounds, at_least = self.bounds, self.at_least
        return all(bounds[at + 1] >= 0 and (at_least[at] or bounds[at] <= 0) for at in self.touching[key])

    def find(self, pinned: dict[str, Placement]) -> dict[str, Placement] | None:
        """One assignment of the rows with a choice satisfying every identity, with the pinned rows
        fixed, or None."""
        self.steps = 0
        if not self.fixed_ok:
            return None
        self.bounds = list(self.empty)
        self.trail = []
        assignment = {key: placement for key, placement in pinned.items() if key in self.domains}
        for key, placement in assignment.items():
            self._assign(self.shifts[key][self.domains[key].index(placement)])
        if not all(self._fits(key) for key in assignment):
            return None
        return self._extend(0, assignment)

    def _extend(self, depth: int, assignment: dict[str, Placement]) -> dict[str, Placement] | None:
        while depth < len(self.order) and self.order[depth] in assignment:
            depth += 1  # pinned rows are assigned already
        if depth == len(self.order):
            return dict(assignment)
        key = self.order[depth]
        shifts = self.shifts[key]
        for n, placement in enumerate(self.domains[key]):
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise _Budget
            assignment[key] = placement
            if self._assign_fits(shifts[n]):
                found = self._extend(depth + 1, assignment)
                if found is not None:
                    return found
            self._restore(shifts[n])
            del assignment[key]
        return None


def _order(domains: dict[str, list[Placement]], identities: list[Identity]) -> list[str]:
    """Rows in an order that completes identities early: greedily the row that completes the most
    identities, then touches the most rows placed already, smaller domains first (then by key: the
    order is total). Each identity counts its rows placed so far, so a row's score is a sum of counts."""
    remaining = set(domains)
    order: list[str] = []
    sizes: list[int] = []  # by identity: its rows with a choice
    placed: list[int] = []  # by identity: how many of them are placed
    by_row: dict[str, list[int]] = {key: [] for key in domains}
    for identity in identities:
        free = identity.rows & remaining
        for key in free:
            by_row[key].append(len(sizes))
        sizes.append(len(free))
        placed.append(0)
    while remaining:
        best = min(remaining, key=partial(_score, by_row, sizes, placed, domains))
        order.append(best)
        remaining.remove(best)
        for n in by_row[best]:
            placed[n] = placed[n] + 1
    return order


def _score(
    by_row: dict[str, list[int]], sizes: list[int], placed: list[int], domains: dict[str, list[Placement]], key: str
) -> tuple[int, int, int, str]:
    """`_order`'s choice: (− identities the row completes, − rows placed it touches, its domain's size, key)."""
    completes = touches = 0
    for n in by_row[key]:
        done = placed[n]
        completes += sizes[n] - done <= 1  # every other row of it is placed
        touches += done
    return (-completes, -touches, len(domains[key]), key)


def _root(parent: dict[str, str], key: str) -> str:
    """The representative of a row's group (union-find with path halving)."""
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def _components(domains: dict[str, list[Placement]], identities: list[Identity]) -> list[set[str]]:
    """The rows with a choice, in groups that no identity links to each other."""
    free = {key for key, domain in domains.items() if len(domain) > 1}
    parent = {key: key for key in free}
    for identity in identities:
        keys = [key for key in identity.rows if key in free]
        for other in keys[1:]:
            parent[_root(parent, other)] = _root(parent, keys[0])
    groups: dict[str, set[str]] = {}
    for key in free:
        groups.setdefault(_root(parent, key), set()).add(key)
    return list(groups.values())


def _backbone(
    rows: dict[str, Row], domains: dict[str, list[Placement]], identities: list[Identity]
) -> tuple[dict[str, set[Placement]], set[str]]:
    """For every row, the placements that occur in some assignment satisfying every identity of its
    group (the rows that identities link); and the rows of the groups where no assignment does (all of
    them when the identities between fixed rows fail). Rows the search cannot settle within its budget
    keep every placement."""
    feasible: dict[str, set[Placement]] = {key: set(domain) for key, domain in domains.items() if len(domain) == 1}
    fixed = [i for i in identities if not any(len(domains[key]) > 1 for key in i.rows)]
    if fixed and _Search.build(rows, {key: domains[key] for i in fixed for key in i.rows}, fixed).find({}) is None:
        return feasible, {key for key, domain in domains.items() if len(domain) > 1}
    infeasible: set[str] = set()
    for group in _components(domains, identities):
        linked = [i for i in identities if i.rows & group]
        sub = {key: domains[key] for i in linked for key in i.rows} | {key: domains[key] for key in group}
        found = _group_backbone(rows, sub, linked, group)
        if found is None:
            infeasible |= group
        else:
            feasible.update(found)
    return feasible, infeasible


def _group_backbone(
    rows: dict[str, Row], domains: dict[str, list[Placement]], identities: list[Identity], group: set[str]
) -> dict[str, set[Placement]] | None:
    search = _Search.build(rows, domains, identities)
    try:
        first = search.find({})
    except _Budget:
        return {key: set(domains[key]) for key in group}
    if first is None:
        return None
    feasible: dict[str, set[Placement]] = {key: {first[key]} for key in group}
    for key in sorted(group):
        for placement in domains[key]:
            if placement in feasible[key]:
                continue
            try:
                found = search.find({key: placement})
            except _Budget:
                feasible[key].update(domains[key])
                break
            if found is not None:
                for other in group:
                    feasible[other].add(found[other])
    return feasible
