"""Names wrapped over several lines: a line of words only, next to a row, holds pieces of its names.

A name too long for its column is cut at the column's width W (in characters): the head keeps W
characters, the tail takes the rest. The row's main line (its code and amounts) holds one of the two
pieces; the other is on a line of its own right after it (the tail) or right before it (the head). When
several names of one row are cut, their pieces share that line, separated by a space.

A words-only line is attached by these rules, for every width W that explains all the table's (or the
document's) words-only lines:

- as tails, to the row right above it, whose name pieces of length W (the heads) receive them;
- as heads, to the row right below it: the line is made of pieces of exactly W characters;
- never to a row not directly next to it (page debris between a page header and a repeated header).

A family with a name catalogue (the economic codes' standard names, `completes`) attaches a line
whatever the width when its pieces complete the names of exactly one neighbour row, exactly one way (a
table whose column groups cut their names at widths of their own); the widths are still chosen without
the catalogue, so that it never changes how the document's other tables are cut. Words-only lines
stacked two deep or more (a cell wrapped over three lines) whose lines next to a row are left unsure are
attached by the catalogue when exactly one split of the stack (the first lines tails of the row above,
the others heads of the row below) completes the names of those rows. A name then left a piece of its
standard name is the family's to report.

A line that fits only one way is attached; one that fits both ways (or neither) is left unattached and
reported: the rows next to it are not rebuilt rather than given a guessed name. A head cut just before a
space shows W − 1 characters on the main line; the space is put back when the pieces are joined.

Real PDF text tools print cells centred on their row instead (loaders.layout.centred). A run of
consecutive lines (no line dropped between them) where the cut width leaves a piece unsure is read in
that form when the family names its main lines' empty name slots (`openings`: a code or 行次 printed
without its name), the run's counts chain and every row's pieces have exactly one accepted reading;
else the width reading stands, with its unsure pieces reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from loaders.document import name_text
from loaders.layout.body import consecutive
from loaders.layout.centred import SEVERAL, Column, chain, reading, spacing_known
from loaders.layout.text import Cell, text_cell
from loaders.layout.tokenizer import Kind, Token

Cells = list[Cell]
Slot = tuple[int, int | None]  # (cell index, token index within the cell; None: the whole cell)
Slots = Callable[[Sequence[Cell]], list[Slot]]
Accept = Callable[[Sequence[Cell], Slot, str], bool]
Openings = Callable[[Sequence[Cell]], list[Column]]  # a main line's empty name slots
UP, DOWN = "tail of the row above", "head of the row below"
# The pieces fit the row, but more than one of its names could take them.
AMBIGUOUS: tuple[tuple[Slot, str], ...] = (((-1, None), ""),)


def slot_text(cells: Sequence[Cell], slot: Slot) -> str:
    cell = cells[slot[0]]
    return cell.text if slot[1] is None else cell.tokens[slot[1]].text


def _is_fragment(cells: Sequence[Cell]) -> bool:
    return bool(cells) and all(cell.is_text for cell in cells)


UNSURE = "a name piece on a line of its own that cannot be told to belong to this row or the next"


@dataclass(frozen=True)
class Unsure:
    """A words-only line that fits none or both of its neighbour rows: those rows are not rebuilt."""

    line_no: int
    text: str
    rows: tuple[int, ...]  # line numbers of the rows next to it
    reason: str = UNSURE
    # A main line whose pieces fit several of its names: the lines they make (the family may settle
    # which by its table's identities).
    readings: tuple[tuple[Cell, ...], ...] = ()


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Attachment:
    """Where a words-only line goes: UP or DOWN, and the text each name slot of that row gets."""

    direction: str
    texts: tuple[tuple[Slot, str], ...]
    spaced: bool = False  # the head was cut right after a space (W − 1 characters shown)

    def __init__(self, direction: str, texts: tuple[tuple[Slot, str], ...], spaced: bool = False) -> None:
        self.direction = direction
        self.texts = texts
        self.spaced = spaced

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Attachment) and (self.direction, self.texts, self.spaced) == (
            other.direction,
            other.texts,
            other.spaced,
        )

    def __hash__(self) -> int:
        return hash((self.direction, self.texts, self.spaced))


def printed_width(cells: Sequence[Cell], slot: Slot) -> int:
    """How many characters a name piece takes on its line."""
    return len(slot_text(cells, slot))


def _tails(
    fragment: str,
    cells: Sequence[Cell],
    slots: list[Slot],
    width: int,
    accept: Accept,
    spaced: bool,
    width_of: Callable[[Sequence[Cell], Slot], int] = printed_width,
) -> tuple[tuple[Slot, str], ...] | None:
    """The fragment as the tails of the row's heads: name pieces of W characters (`spaced`: of W − 1,
    the cut having fallen after a space). With fewer tails than pieces of that length, the pieces that
    take none are whole names themselves; when more than one choice fits, AMBIGUOUS."""
    heads = [s for s in slots if width_of(cells, s) == (width - 1 if spaced else width)]
    if not heads:
        return None
    pieces = fragment.split()
    lead = " " if spaced or fragment.startswith(" ") else ""
    if len(pieces) > len(heads):
        if len(heads) != 1:
            return None
        pieces = [fragment.strip()]
    chosen = [
        combo for combo in combinations(heads, len(pieces)) if _tails_fit(cells, heads, combo, pieces, lead, accept)
    ]
    if len(chosen) > 1:
        return AMBIGUOUS
    return _tail_texts(cells, chosen[0], pieces, lead) if chosen else None


# (`_tails`' helpers: module functions, not closures (loaders/native.py).)
def _tail_texts(
    cells: Sequence[Cell], combo: tuple[Slot, ...], pieces: list[str], lead: str
) -> tuple[tuple[Slot, str], ...]:
    return tuple((s, slot_text(cells, s) + lead + piece) for s, piece in zip(combo, pieces, strict=True))


def _tails_fit(
    cells: Sequence[Cell], heads: list[Slot], combo: tuple[Slot, ...], pieces: list[str], lead: str, accept: Accept
) -> bool:
    others = [s for s in heads if s not in combo]
    return all(accept(cells, s, t) for s, t in _tail_texts(cells, combo, pieces, lead)) and all(
        accept(cells, s, slot_text(cells, s)) for s in others
    )


def _heads(
    fragment: str, cells: Sequence[Cell], slots: list[Slot], width: int, accept: Accept
) -> tuple[tuple[Slot, str], ...] | None:
    """The fragment as heads of exactly W characters, joined to the row's name pieces (its tails)."""
    text = " ".join(fragment.split())
    pieces: list[str] = []
    while text:
        if len(text) < width:
            return None
        pieces.append(text[:width])
        text = text[width:]
        if text and not text.startswith(" "):
            return None
        text = text[1:]
    if not pieces or len(pieces) > len(slots):
        return None

    chosen = [
        list(combo)
        for combo in combinations(slots, len(pieces))
        if _heads_fit(cells, slots, combo, pieces, width, accept)
    ]
    if len(chosen) > 1:
        return AMBIGUOUS
    if not chosen:
        return None
    return tuple((s, p + slot_text(cells, s)) for s, p in zip(chosen[0], pieces, strict=True))


def _heads_fit(
    cells: Sequence[Cell], slots: list[Slot], combo: tuple[Slot, ...], pieces: list[str], width: int, accept: Accept
) -> bool:
    """The heads make accepted names; every other name piece is a whole name, or a head itself."""
    others = [s for s in slots if s not in combo]
    return all(accept(cells, s, p + slot_text(cells, s)) for s, p in zip(combo, pieces, strict=True)) and all(
        accept(cells, s, slot_text(cells, s)) or len(slot_text(cells, s)) in (width, width - 1) for s in others
    )


def _completions(
    fragment: str, cells: Sequence[Cell], slots: list[Slot], completes: Accept, direction: str
) -> tuple[tuple[Slot, str], ...] | None:
    """The fragment's pieces (split at runs of spaces, in order) as the tails (UP) or heads (DOWN) of the row's
    names, each joined name one its catalogue knows and the piece on the row alone not
    (`completes`); AMBIGUOUS when more than one choice of names does, None when none does. A row of
    one name takes the whole fragment (a tool spacing the words of a name: `入安 排的支出`)."""
    pieces = _pieces(fragment, slots)
    if pieces is None:
        return None

    chosen = [
        combo
        for combo in combinations(slots, len(pieces))
        if all(completes(cells, s, _joined(cells, s, p, direction)) for s, p in zip(combo, pieces, strict=True))
    ]
    if len(chosen) > 1:
        return AMBIGUOUS
    if chosen and not all(
        spacing_known(*_in_order(cells, s, p, direction)) for s, p in zip(chosen[0], pieces, strict=True)
    ):
        return AMBIGUOUS  # (the one name it makes, but whether a space stood at the wrap is not printed)
    return (
        tuple((s, _joined(cells, s, p, direction)) for s, p in zip(chosen[0], pieces, strict=True)) if chosen else None
    )


def _pieces(fragment: str, slots: list[Slot]) -> list[str] | None:
    """A words-only line's pieces for a row's names: split at runs of spaces, one a name at most; a row
    of one name takes the line whole (a tool spacing the words of a name: `入安 排的支出`). None when
    there are more pieces than names."""
    pieces = fragment.split()
    if len(pieces) <= len(slots):
        return pieces
    return [fragment.strip()] if len(slots) == 1 else None


def _sandwich_names(
    above: str, below: str, cells: Sequence[Cell], slots: list[Slot], completes: Accept
) -> tuple[tuple[Slot, str], ...] | None:
    """The row's names with the pieces of the line above as heads and of the line below as tails (split at
    runs of spaces, in order; a row of one name takes a line whole), every name given a piece one the
    catalogue knows and the piece on the row alone not (`completes`); None unless exactly one choice of
    names does."""
    heads, tails = _pieces(above, slots), _pieces(below, slots)
    if heads is None or tails is None:
        return None
    found: list[tuple[tuple[Slot, str], ...]] = []
    for head_slots in combinations(slots, len(heads)):
        for tail_slots in combinations(slots, len(tails)):
            head = dict(zip(head_slots, heads, strict=True))
            tail = dict(zip(tail_slots, tails, strict=True))
            named = tuple(
                (slot, head.get(slot, "") + slot_text(cells, slot) + tail.get(slot, ""))
                for slot in slots
                if slot in head or slot in tail
            )
            spaced = all(
                spacing_known(head.get(slot, ""), slot_text(cells, slot), tail.get(slot, "")) for slot in slots
            )
            if all(completes(cells, slot, name) for slot, name in named) and spaced:
                found.append(named)
                if len(found) > 1:
                    return None
    return found[0] if found else None


def _stored(attachment: Attachment) -> tuple[tuple[Slot, str], ...]:
    """The names an attachment makes as they are stored (document.name_text: a space a width gives back
    between two Chinese characters is typesetting, not part of the name)."""
    return tuple((slot, name_text(text)) for slot, text in attachment.texts)


def _joined(cells: Sequence[Cell], slot: Slot, piece: str, direction: str) -> str:
    return "".join(_in_order(cells, slot, piece, direction))


def _in_order(cells: Sequence[Cell], slot: Slot, piece: str, direction: str) -> tuple[str, str]:
    """The row's name and a piece in reading order: a tail after it (UP), a head before it (DOWN)."""
    return (slot_text(cells, slot), piece) if direction == UP else (piece, slot_text(cells, slot))


@dataclass  # __init__ written out: compiled (loaders/native.py)
class Fragments:
    """The words-only lines of a table and the rows next to them."""

    lines: list[Cells]
    raw: dict[int, str]
    is_data: Callable[[Sequence[Cell]], bool]
    slots: Slots
    accept: Accept
    width_of: Callable[[Sequence[Cell], Slot], int] = printed_width  # characters a name piece takes
    openings: Openings | None = None  # a main line's empty name slots; None: the centred form is not read
    # A name catalogue (economic codes' standard names): the joined name is one it knows for the row's
    # code, and the piece on the row alone is not. None: the family has no catalogue.
    completes: Accept | None = None
    # A main line as the family prints it (its names whole, in their places among its numbers): the
    # centred form's readings must give one. None: any line.
    well_formed: Callable[[Sequence[Cell]], bool] | None = None
    # Of several such readings, the one whose line keeps its own identities (合计 = Σ its parts), when
    # exactly one does. None: several readings leave the row unsure.
    prefer: Callable[[Sequence[Cell]], bool] | None = None
    # Keep the lines of a row read several ways (Unsure.readings), for the family to settle.
    keep_readings: bool = False
    # lines emptied between two lines by joining split amounts: the two are next to each other
    emptied: frozenset[int] = frozenset()
    # whether each line is a data row (by is_data): derived once
    rows: list[bool] = field(init=False, repr=False, compare=False)
    # Where each words-only line may go at a width, and the widths that best explain them: worked out once
    # (the best widths weigh every candidate width, then the table's choice and attachment ask again).
    _cuts: dict[tuple[int, int], list[tuple[int, Attachment]]] = field(init=False, repr=False, compare=False)
    _widths: set[int] | None = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        lines: list[Cells],
        raw: dict[int, str],
        is_data: Callable[[Sequence[Cell]], bool],
        slots: Slots,
        accept: Accept,
        width_of: Callable[[Sequence[Cell], Slot], int] = printed_width,
        openings: Openings | None = None,
        completes: Accept | None = None,
        well_formed: Callable[[Sequence[Cell]], bool] | None = None,
        prefer: Callable[[Sequence[Cell]], bool] | None = None,
        keep_readings: bool = False,
        emptied: frozenset[int] = frozenset(),
    ) -> None:
        self.lines = lines
        self.raw = raw
        self.is_data = is_data
        self.slots = slots
        self.accept = accept
        self.width_of = width_of
        self.openings = openings
        self.completes = completes
        self.well_formed = well_formed
        self.prefer = prefer
        self.keep_readings = keep_readings
        self.emptied = emptied
        self.rows = [is_data(line) for line in lines]
        self._cuts = {}
        self._widths = None

    def fragment_indexes(self) -> list[int]:
        return [n for n, line in enumerate(self.lines) if not self.rows[n] and _is_fragment(line)]

    def _neighbour(self, n: int, step: int) -> int | None:
        m = n + step
        if not 0 <= m < len(self.lines) or not self.rows[m]:
            return None
        above, below = (m, n) if step < 0 else (n, m)
        if not consecutive(self.lines[above][0].line_no, self.lines[below][0].line_no, self.emptied):
            return None
        return m

    def _raw(self, n: int) -> str:
        return self.raw.get(self.lines[n][0].line_no, " ".join(c.text for c in self.lines[n]))

    def options(self, n: int, width: int) -> list[tuple[int, Attachment]]:
        """Where the words-only line n may go: the one attachment the catalogue allows, else those the
        cut width allows."""
        known = self._catalogued(n)
        return [known] if known is not None else self.cut_options(n, width)

    def cut_options(self, n: int, width: int) -> list[tuple[int, Attachment]]:
        """Where the words-only line n may go when names are cut at `width` characters (not to be
        changed by the caller: the list is kept)."""
        found = self._cuts.get((n, width))
        if found is None:
            found = self._cuts[(n, width)] = self._cut_options(n, width)
        return found

    def _cut_options(self, n: int, width: int) -> list[tuple[int, Attachment]]:
        raw = self._raw(n)
        found: list[tuple[int, Attachment]] = []
        above = self._neighbour(n, -1)
        below = self._neighbour(n, 1)
        if above is not None:
            texts = _tails(
                raw, self.lines[above], self.slots(self.lines[above]), width, self.accept, False, self.width_of
            )
            if texts is not None:
                found.append((above, Attachment(UP, texts)))
        if below is not None:
            texts = _heads(raw, self.lines[below], self.slots(self.lines[below]), width, self.accept)
            if texts is not None:
                found.append((below, Attachment(DOWN, texts)))
        if not found and above is not None:
            texts = _tails(
                raw, self.lines[above], self.slots(self.lines[above]), width, self.accept, True, self.width_of
            )
            if texts is not None:
                found.append((above, Attachment(UP, texts, spaced=True)))
        # A row printed without any name next to the line (its name set above and below its amounts,
        # centred in a tall cell) may own the words as well: the line fits more than one way.
        for step, direction in ((-1, UP), (1, DOWN)):
            side = self._nameless(n, step)
            if side is not None and found and found[0][0] != side:
                found.append((side, Attachment(direction, AMBIGUOUS)))
        return found

    def _catalogued(self, n: int) -> tuple[int, Attachment] | None:
        """The one attachment the name catalogue allows, whatever the cut width: the line completes the
        names of exactly one of its neighbour rows, exactly one way (a column group's names cut at a
        width of their own, `302 商品和服务支` / `出`)."""
        if self.completes is None:
            return None
        found = []
        for m, direction in ((self._neighbour(n, -1), UP), (self._neighbour(n, 1), DOWN)):
            if m is None:
                continue
            texts = _completions(self._raw(n), self.lines[m], self.slots(self.lines[m]), self.completes, direction)
            if texts == AMBIGUOUS:
                return None
            if texts is not None:
                found.append((m, Attachment(direction, texts)))
        return found[0] if len(found) == 1 else None

    def _nameless(self, n: int, step: int) -> int | None:
        """The line right next to line n when it prints numbers and no words (a row without its name)."""
        m = n + step
        if not 0 <= m < len(self.lines) or not self.lines[m] or not self.lines[n]:
            return None
        if abs(self.lines[m][0].line_no - self.lines[n][0].line_no) != 1 or self.slots(self.lines[m]):
            return None
        return m

    def adjacent(self, n: int) -> bool:
        return self._neighbour(n, -1) is not None or self._neighbour(n, 1) is not None

    def widths(self) -> set[int]:
        """The widths that best explain the words-only lines next to a row (each fits at least one way)."""
        if self._widths is None:
            self._widths = self._best_widths()
        return set(self._widths)

    def _best_widths(self) -> set[int]:
        fragments = [n for n in self.fragment_indexes() if self.adjacent(n)]
        if not fragments:
            return set()
        candidates: set[int] = set()
        for n in fragments:
            raw = self.raw.get(self.lines[n][0].line_no, "").strip()
            candidates.update({len(raw.split(" ")[0]), len(raw)})
            for step in (-1, 1):
                m = self._neighbour(n, step)
                if m is not None:
                    candidates.update(
                        len(slot_text(self.lines[m], s)) + k for s in self.slots(self.lines[m]) for k in (0, 1)
                    )
        # The widths that explain the most of them (a piece no width explains is left unattached), and of
        # those the simplest explanation: fewest heads cut right after a space.
        explained = {w: self.explained(w) for w in candidates if w > 1}
        best = max(explained.values(), default=0)
        if best == 0:
            return set()
        explaining = {w for w, count in explained.items() if count == best}
        cost = {w: sum(a.spaced for n in fragments for _, a in self.cut_options(n, w)) for w in explaining}
        return {w for w in explaining if cost[w] == min(cost.values())}

    def explained(self, width: int) -> int:
        """How many words-only lines next to a row fit at least one way at this width (cut widths only,
        not the catalogue's joins, which fit at every width)."""
        return sum(1 for n in self.fragment_indexes() if self.adjacent(n) and self.cut_options(n, width))

    def choose(self, widths: set[int] | None) -> set[int]:
        """The widths to attach with: the document's (the width most of its tables are cut at) when they
        explain as many of this table's pieces as its own best widths do; else its own."""
        own = self.widths()
        if not widths or not own:
            return own
        counts = {w: self.explained(w) for w in widths}
        best = max(counts.values())
        if best < self.explained(next(iter(own))):
            return own
        return {w for w, count in counts.items() if count == best}

    def resolve(self, width: int) -> dict[int, tuple[int, Attachment] | None]:
        """Each fragment's attachment at one width (None: none or two fit). A name receives at most one
        piece: a fragment whose only fit is certain takes its names first, then the others are looked
        at again without the names already taken."""
        fragments = [n for n in self.fragment_indexes() if self.adjacent(n)]
        options = {n: self.options(n, width) for n in fragments}
        decided: dict[int, tuple[int, Attachment] | None] = {}
        taken: set[tuple[int, Slot]] = set()
        changed = True
        while changed:
            changed = False
            for n in fragments:
                if n in decided:
                    continue
                free = [
                    (m, a)
                    for m, a in options[n]
                    if a.texts == AMBIGUOUS or not any((m, slot) in taken for slot, _ in a.texts)
                ]
                if len(free) == 1 and free[0][1].texts != AMBIGUOUS:
                    decided[n] = free[0]
                    taken.update((free[0][0], slot) for slot, _ in free[0][1].texts)
                    changed = True
                elif not free:
                    decided[n] = None
                    changed = True
        return {n: decided.get(n) for n in fragments}

    def attach(self, widths: Collection[int]) -> tuple[list[Cells], list[Unsure]]:
        """The lines with the fragments attached (fragment lines and page debris dropped); and the
        fragments that could not be attached for sure, with the rows next to them. A run of lines whose
        pieces the cut width leaves unsure is read in the centred form when that reads all of it."""
        out = [list(line) for line in self.lines]
        fragments = set(self.fragment_indexes())
        by_width = [self.resolve(w) for w in widths]
        unsure: list[Unsure] = []
        for run in self.runs(fragments):
            pieces = [n for n in run if n in fragments]
            found = {n: self._decided(by_width, n) for n in pieces if self.adjacent(n)}
            centred = self.centred(run) if None in found.values() else None
            if centred is not None:
                rebuilt, several = centred
                for m, cells in rebuilt.items():
                    out[m] = cells
                unsure.extend(several)
                continue
            stacked = self._stacked(run, fragments, found, out) if None in found.values() else set()
            if None in found.values():
                stacked |= self._sandwiched(run, found, stacked, out)
            for n, decided in found.items():
                if n in stacked:
                    continue
                if decided is None:
                    unsure.append(self._unsure(n))
                    continue
                target, attachment = decided
                for slot, text in attachment.texts:
                    out[target] = _replace(out[target], slot, text)
        return [line for n, line in enumerate(out) if n not in fragments], unsure

    def _decided(
        self, by_width: list[dict[int, tuple[int, Attachment] | None]], n: int
    ) -> tuple[int, Attachment] | None:
        """The attachment every width gives the fragment: the same row and the same text for each of its
        names as stored (whether a head was cut right after a space only tells how a width explains the
        cut: `二、政府性基金` + `预算财政拨款` at 7 characters, `二、政府性基金 ` + `预算财政拨款` at 8). None
        when a width gives none, or the widths disagree."""
        if not by_width:
            return None
        first = by_width[0].get(n)
        for found in by_width[1:]:
            other = found.get(n)
            if first is None or other is None or (other[0], _stored(other[1])) != (first[0], _stored(first[1])):
                return None
        return first

    def _stacked(
        self,
        run: list[int],
        fragments: Collection[int],
        found: dict[int, tuple[int, Attachment] | None],
        out: list[Cells],
    ) -> set[int]:
        """Words-only lines stacked two or more deep between rows (a cell wrapped over three lines: `30310
        个人农业生产` / `补贴 运行维护 软件购置更` / `费 新`), attached by the name catalogue when their pieces
        complete the names of the rows around them exactly one way: the first lines the tails of the row
        above, the others the heads of the row below, each line's pieces going to names that took a piece
        on the line next to it nearer the row. Only stacks whose lines next to a row are all unsure, and
        whose rows nothing else in the run changes. The lines attached (their rows rebuilt in `out`)."""
        if self.completes is None:
            return set()
        stacks: list[list[int]] = []
        for n in run:
            if n in fragments:
                if stacks and stacks[-1][-1] == n - 1:
                    stacks[-1].append(n)
                else:
                    stacks.append([n])
        solved: list[tuple[list[int], dict[int, list[tuple[Slot, str]]]]] = []
        for stack in stacks:
            if len(stack) > 1 and all(found.get(n) is None for n in stack):
                texts = self._stack_texts(stack)
                if texts is not None:
                    solved.append((stack, texts))
        changed = Counter(m for _, texts in solved for m in texts)
        changed.update(decided[0] for decided in found.values() if decided is not None)
        attached: set[int] = set()
        for stack, texts in solved:
            if any(changed[m] > 1 for m in texts):
                continue
            for m, named in texts.items():
                for slot, text in named:
                    out[m] = _replace(out[m], slot, text)
            attached.update(stack)
        return attached

    def _sandwiched(
        self,
        run: list[int],
        found: dict[int, tuple[int, Attachment] | None],
        taken: Collection[int],
        out: list[Cells],
    ) -> set[int]:
        """A row between two unsure words-only lines whose names each takes its pieces from both: the
        line above its heads, the line below its tails (a cell wrapped over three lines, the row's line
        in the middle: `二、政府性基` / `金预算财政拨 2 536.17 二、外交支出 …` / `款`), attached by the name
        catalogue when that completes its names exactly one way, and neither line completes the names of
        the row on its other side. The lines attached (the row rebuilt in `out`)."""
        completes = self.completes
        if completes is None:
            return set()
        targets = {decided[0] for decided in found.values() if decided is not None}
        attached: set[int] = set()
        blocked = set(taken)
        for m in run:
            above, below = m - 1, m + 1
            if not self.rows[m] or m in targets or {above, below} & (attached | blocked):
                continue
            if above not in found or below not in found or found[above] is not None or found[below] is not None:
                continue  # (not in found: no words-only line next to a row)
            if self._neighbour(above, 1) != m or self._neighbour(below, -1) != m:
                continue
            if self._completes_beyond(above, -1) or self._completes_beyond(below, 1):
                continue
            texts = _sandwich_names(
                self._raw(above), self._raw(below), self.lines[m], self.slots(self.lines[m]), completes
            )
            if texts is None:
                continue
            for slot, text in texts:
                out[m] = _replace(out[m], slot, text)
            attached.update({above, below})
        return attached

    def _completes_beyond(self, n: int, step: int) -> bool:
        """The words-only line n completes (or may) the names of the row on the far side of it."""
        completes = self.completes
        m = self._neighbour(n, step)
        if completes is None or m is None:
            return False
        direction = UP if step < 0 else DOWN
        return _completions(self._raw(n), self.lines[m], self.slots(self.lines[m]), completes, direction) is not None

    def _stack_texts(self, stack: list[int]) -> dict[int, list[tuple[Slot, str]]] | None:
        """The one way a stack's pieces complete the catalogue names of its neighbour rows: row → (slot,
        name) list; None when none or several do."""
        completes = self.completes
        if completes is None:
            return None
        above = self._neighbour(stack[0], -1)
        below = self._neighbour(stack[-1], 1)
        pieces = [self._raw(n).split() for n in stack]
        found: list[dict[int, list[tuple[Slot, str]]]] = []
        for j in range(len(stack) + 1):
            tails: list[list[tuple[Slot, str]]] | None = [[]]
            heads: list[list[tuple[Slot, str]]] | None = [[]]
            if j > 0:
                if above is None:
                    continue
                tails = _stack_names(pieces[:j], self.lines[above], self.slots, completes, UP)
            if j < len(stack):
                if below is None:
                    continue
                heads = _stack_names(pieces[j:][::-1], self.lines[below], self.slots, completes, DOWN)
            if tails is None or heads is None:
                return None
            for tail in tails:
                for head in heads:
                    named: dict[int, list[tuple[Slot, str]]] = {}
                    if tail and above is not None:
                        named[above] = tail
                    if head and below is not None:
                        named[below] = head
                    found.append(named)
            if len(found) > 1:
                return None
        return found[0] if found else None

    def _unsure(self, n: int) -> Unsure:
        """The line n left unattached, with the rows next to it: the line each opens, and a line above it
        its cells were printed on (a row joined from its code's line and its 序号 line under it is known
        by its code's line; cells a tool prints on the line below their row belong to the row above)."""
        rows: set[int] = set()
        for m in (n - 1, n + 1):
            if self._neighbour(n, m - n) is not None:
                first = self.lines[m][0].line_no
                rows |= {first} | {cell.line_no for cell in self.lines[m] if cell.line_no < first}
        return Unsure(self.lines[n][0].line_no, " ".join(c.text for c in self.lines[n]), tuple(sorted(rows)))

    def runs(self, fragments: Collection[int]) -> list[list[int]]:
        """Runs of consecutive printed lines (no line dropped between them) made of rows and
        words-only lines only."""
        found: list[list[int]] = []
        for n, line in enumerate(self.lines):
            if not (self.rows[n] or n in fragments):
                continue
            if (
                found
                and found[-1][-1] == n - 1
                and consecutive(self.lines[n - 1][0].line_no, line[0].line_no, self.emptied)
            ):
                found[-1].append(n)
            else:
                found.append([n])
        return found

    def centred(self, run: list[int]) -> tuple[dict[int, Cells], list[Unsure]] | None:
        """The rows of a run with their names rebuilt in the centred form (loaders.layout.centred), when
        the run's counts chain and every row's pieces have at least one reading: the rows read exactly
        one way, and the rows whose pieces fit several of their names (the chain says the pieces are
        theirs, not which name takes which), reported with their pieces. None when a row has no
        reading (the run is not printed in this form) or no row has one reading."""
        first = run[0]
        after_header = first == 0 or self.lines[first][0].line_no - self.lines[first - 1][0].line_no > 1
        heights = chain([self.rows[n] for n in run], after_header)
        if heights is None or self.openings is None:
            return None
        rows = [k for k, n in enumerate(run) if self.rows[n]]
        out: dict[int, Cells] = {}
        several: list[Unsure] = []
        for k, height in zip(rows, heights, strict=True):
            if not height:
                continue
            cells = self.lines[run[k]]
            columns = [Column(i, False, t) for i, t in self.slots(cells)] + self.openings(cells)
            above = [self.lines[run[k - d]] for d in range(1, height + 1)]
            below = [self.lines[run[k + d]] for d in range(1, height + 1)]
            rebuilt, why, lines = reading(
                cells,
                columns,
                above,
                below,
                self._accept_line,
                self.completes is not None,
                self.prefer,
                self.keep_readings,
            )
            if rebuilt is None and why == SEVERAL:
                pieces = " / ".join(" ".join(c.text for c in line) for line in [*above[::-1], *below])
                reason = f"name pieces centred on it: {why}"
                several.append(Unsure(cells[0].line_no, pieces, (cells[0].line_no,), reason, tuple(map(tuple, lines))))
                continue
            if rebuilt is None:
                return None
            out[run[k]] = rebuilt
        return (out, several) if out or not several else None

    def _accept_line(self, cells: Sequence[Cell], slot: Slot, name: str) -> bool:
        return self.accept(cells, slot, name) and (self.well_formed is None or self.well_formed(cells))


STACK_WAYS = 256  # ways of giving a stack's pieces to a row's names tried, at most


def _stack_names(
    lines: list[list[str]], cells: Sequence[Cell], slots: Slots, completes: Accept, direction: str
) -> list[list[tuple[Slot, str]]] | None:
    """Every way the pieces of a row's stacked lines (nearest the row first) complete its names: each
    line's pieces, in order, go to names that took a piece on the line before (the first line's to any
    of the row's names); each name given pieces must complete to one its catalogue knows. None past
    STACK_WAYS ways (not tried: the stack is left unsure)."""
    ways: list[dict[Slot, list[str]]] = []
    order = slots(cells)
    _stack_ways(lines, 0, order, {}, ways)
    if len(ways) > STACK_WAYS:
        return None
    named: list[list[tuple[Slot, str]]] = []
    for way in ways:
        texts = [(slot, _stacked_name(cells, slot, way[slot], direction)) for slot in order if slot in way]
        if all(completes(cells, slot, text) for slot, text in texts):
            if not all(spacing_known(*_stacked_pieces(cells, slot, way[slot], direction)) for slot in way):
                return None  # (whether a space stood at a wrap is not printed: left unsure)
            named.append(texts)
    return named


def _stacked_pieces(cells: Sequence[Cell], slot: Slot, pieces: list[str], direction: str) -> list[str]:
    """A name's pieces in reading order: the row's piece, then its tails (nearest first), or its heads
    (farthest first), then the row's piece."""
    return [slot_text(cells, slot), *pieces] if direction == UP else [*reversed(pieces), slot_text(cells, slot)]


def _stack_ways(
    lines: list[list[str]], i: int, allowed: list[Slot], taken: dict[Slot, list[str]], ways: list[dict[Slot, list[str]]]
) -> None:
    if len(ways) > STACK_WAYS:
        return
    if i == len(lines):
        ways.append({slot: list(pieces) for slot, pieces in taken.items()})
        return
    if len(lines[i]) > len(allowed):
        return
    for combo in combinations(allowed, len(lines[i])):
        for slot, piece in zip(combo, lines[i], strict=True):
            taken.setdefault(slot, []).append(piece)
        _stack_ways(lines, i + 1, list(combo), taken, ways)
        for slot in combo:
            taken[slot].pop()
            if not taken[slot]:
                del taken[slot]


def _stacked_name(cells: Sequence[Cell], slot: Slot, pieces: list[str], direction: str) -> str:
    """A name with its stacked pieces (nearest the row first): tails after it, heads before it."""
    return "".join(_stacked_pieces(cells, slot, pieces, direction))


def _replace(cells: Cells, slot: Slot, text: str) -> Cells:
    index, token = slot
    cell = cells[index]
    if token is None:
        new = text_cell(text, cell.line_no, cell.first)
    else:
        tokens = list(cell.tokens)
        tokens[token] = Token(Kind.TEXT, text, tokens[token].line_no)
        new = Cell(Kind.TEXT, " ".join(t.text for t in tokens), cell.line_no, cell.first, tuple(tokens))
    return [*cells[:index], new, *cells[index + 1 :]]


def whole_cells(cells: Sequence[Cell]) -> list[Slot]:
    """Name slots: every text cell, whole."""
    return [(i, None) for i, cell in enumerate(cells) if cell.is_text]


def always(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    return True
