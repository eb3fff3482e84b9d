"""Column assignment by identities: exact, with the rounding tolerance, ambiguity reported."""

from __future__ import annotations

from decimal import Decimal

from loaders.layout.assign import Identity, Row, Term, Value, solve

CENT = Decimal("0.01")


def v(text: str) -> Value:
    return Value(Decimal(text), CENT)


def row_identity(key: str) -> Identity:
    """合计 (column 0) = 基本 (1) + 项目 (2)."""
    return Identity(f"{key} row", (Term(1, key, 0), Term(-1, key, 1), Term(-1, key, 2)))


def children(parent: str, kids: list[str], width: int = 3) -> list[Identity]:
    return [
        Identity(f"{parent} col {c}", (Term(1, parent, c), *(Term(-1, kid, c) for kid in kids))) for c in range(width)
    ]


def test_the_hierarchy_places_rows_that_their_own_identity_cannot():
    # 000's 一般公共预算财政拨款支出表: 20103 = 行政运行 + 政务公开审批 + 事业运行 + 其他 (per column)
    rows = [
        Row("20103", (v("2784.86"), v("1667.58"), v("1117.28")), 3),
        Row("2010301", (v("789.65"), v("789.65")), 3),
        Row("2010306", (v("903.41"), v("903.41")), 3),
        Row("2010350", (v("877.93"), v("877.93")), 3),
        Row("2010399", (v("213.87"), v("213.87")), 3),
    ]
    kids = ["2010301", "2010306", "2010350", "2010399"]
    outcome = solve(rows, [*(row_identity(r.key) for r in rows), *children("20103", kids)])
    assert outcome.placed == {
        "20103": (0, 1, 2),
        "2010301": (0, 1),
        "2010306": (0, 2),
        "2010350": (0, 1),
        "2010399": (0, 2),
    }
    assert not outcome.ambiguous and not outcome.relaxed


def test_columns_that_play_the_same_part_are_ambiguous():
    rows = [Row("2010301", (v("789.65"), v("789.65")), 3)]
    outcome = solve(rows, [row_identity("2010301")])
    assert outcome.placed == {}
    assert outcome.ambiguous == {"2010301": [(0, 1), (0, 2)]}


def test_a_part_printed_in_another_table_tells_them_apart():
    # 支出表 project ≥ the 财政拨款 table's project 903.41
    rows = [Row("2010306", (v("903.41"), v("903.41")), 3)]
    part = Identity("part", (Term(1, "2010306", 2),), Value(Decimal("-903.41"), CENT), at_least=True)
    outcome = solve(rows, [row_identity("2010306"), part])
    assert outcome.placed == {"2010306": (0, 2)}


def test_the_tolerance_is_half_a_unit_of_the_last_digit_per_term():
    # 000's 三公: 合计 1.65 = 1.28 + 0.36 (0.01 off, within 3 × 0.005)
    rows = [Row("三公", (v("1.65"), v("1.28"), v("0.36")), 3)]
    assert solve(rows, [row_identity("三公")]).placed == {"三公": (0, 1, 2)}
    rows = [Row("三公", (v("1.65"), v("1.28"), v("0.35")), 3)]
    outcome = solve(rows, [row_identity("三公")])
    assert outcome.placed == {"三公": (0, 1, 2)}  # printed in full: placed as printed
    assert [i.name for i in outcome.broken] == ["三公 row"]  # and the identity it breaks is reported


def test_a_row_no_placement_fits_is_impossible():
    rows = [Row("201", (v("2784.86"), v("1.00")), 3)]
    outcome = solve(rows, [row_identity("201")])
    assert "201" in outcome.impossible
    assert "no placement of its 2 amounts satisfies 201 row" in outcome.impossible["201"]


def test_more_amounts_than_columns_is_impossible():
    outcome = solve([Row("201", (v("1"), v("1"), v("1"), v("1")), 3)], [])
    assert outcome.impossible == {"201": "4 amounts for 3 amount columns"}


def test_identities_the_printed_values_break_are_set_aside():
    # 004's 05 合计 printed empty: 合计 = Σ 类 cannot hold; the rows are placed by the rest
    rows = [
        Row("total", (), 3),
        Row("201", (v("3241.73"), v("497.53"), v("2744.21")), 3),
        Row("20103", (v("3241.73"), v("497.53"), v("2744.21")), 3),
    ]
    outcome = solve(rows, [*children("total", ["201"]), *children("201", ["20103"])])
    assert outcome.placed == {"total": (), "201": (0, 1, 2), "20103": (0, 1, 2)}
    assert sorted(i.name for i in outcome.broken) == ["total col 0", "total col 1", "total col 2"]


def test_when_nothing_fits_whole_the_rows_are_placed_by_the_identities_that_hold():
    rows = [
        Row("total", (v("100.00"), v("100.00")), 3),
        Row("a", (v("60.00"), v("60.00")), 3),
        Row("b", (v("40.00"), v("40.00")), 3),
    ]
    wrong = Identity("wrong", (Term(1, "a", 0),), Value(Decimal("-1.00"), CENT), group="cross")
    identities = [*(row_identity(k) for k in ("total", "a", "b")), *children("total", ["a", "b"]), wrong]
    outcome = solve(rows, identities)
    assert outcome.relaxed
    assert [i.name for i in outcome.broken] == ["wrong"]
    assert set(outcome.ambiguous) == {"total", "a", "b"}  # basic vs project: still undecided


def test_floating_amounts_are_placed_among_the_others_by_the_identities():
    # pdfplumber, sample 003's 收入总表 合计 row: `707. 31 30. 74` on the row's line, `738.`/`05` and `707.`/`31`
    # wrapped above and below it. Columns: total = current + carryover (0 = 1 + 3), current = 财政拨款 (1 = 2).
    identities = [
        Identity("total", (Term(1, "合计", 0), Term(-1, "合计", 1), Term(-1, "合计", 3))),
        Identity("current", (Term(1, "合计", 1), Term(-1, "合计", 2))),
    ]
    floating = Row("合计", (v("707.31"), v("30.74"), v("738.05"), v("707.31")), 4, floating=2)
    outcome = solve([floating], identities)
    # 707.31 is in columns 1 and 2 whichever of the two is put where: one placement, not two
    assert not outcome.ambiguous and set(outcome.placed) == {"合计"}
    cells = dict(zip(outcome.placed["合计"], floating.values, strict=True))
    assert cells == {0: v("738.05"), 1: v("707.31"), 2: v("707.31"), 3: v("30.74")}
    in_order = Row("合计", (v("707.31"), v("30.74"), v("738.05"), v("707.31")), 4)
    assert len(solve([in_order], identities).broken) == 2  # read in the printed order: both identities break


def test_floating_placements_keep_each_group_in_its_order():
    row = Row("r", (v("1"), v("2"), v("3")), 3, floating=1)
    assert sorted(row.placements()) == [(0, 1, 2), (0, 2, 1), (1, 2, 0)]
