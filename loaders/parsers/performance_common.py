"""Shared pieces of the project performance parsers (绩效自评表, 绩效目标表, 自评情况汇总表).

These tables are drawn with merged cells, and the text extraction shifts, merges and cuts cells: an
indicator line may lose its 一级 or 二级 cell, print a level in the wrong column, or carry an extra
empty cell. Columns are therefore found by meaning (header keywords), and an indicator line is aligned
to them by its content: the level cells (known 一级/二级 vocabulary), at most one 三级指标 text, then the
value cells in header order, where 分值/得分 must be numbers. The alignment tried first is the header's
own; then the line shifted left or right by up to three cells; then with one spurious empty or
duplicated cell dropped. A line no alignment fits is quarantined by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Final

from loaders.amounts import DASH_CHARS, DASHES
from loaders.errors import ParseError
from loaders.indicators import QUANTITY, parse_indicator

_NUMBER = re.compile(r"^[-−]?\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"^[-−]?\d+(?:\.\d+)?\s*[%％]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[。；;]$")  # a text that ends a sentence (a goal, an analysis)
_WEIGHT_SUFFIX = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")

# 一级指标 and 二级指标 vocabulary (财政部 项目支出绩效指标体系 and its regional variants).
LEVEL1 = re.compile(r"^(?:产出|效益|满意度|过程|决策|管理|项目管理)指标$")
LEVEL2 = re.compile(
    r"^(?:(?:数量|质量|时效)指标"
    r"|(?:经济|社会|生态环境|生态)成本(?:指标)?"
    r"|(?:经济|社会|生态)效益(?:指标)?"
    r"|可持续(?:发展)?(?:影响)?指标"
    r"|服务对象满意度(?:指标)?)$"
)
# Names that are a 一级指标 in one framework and a 二级指标 in another: the column decides.
LEVEL_AMBIGUOUS = frozenset({"成本指标"})
INDICATOR_LABELS = frozenset({"绩效指标", "年度绩效指标", "项目绩效指标"})
FUND_MANAGEMENT_LABEL = "资金管理情况"


@lru_cache(maxsize=1 << 16)  # called for every cell by every header test: a hot spot
def compact(text: str) -> str:
    """Whitespace removed and full-width forms folded (for matching labels, not for storing)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def non_empty(cells: Sequence[str]) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(cells) if c]


def is_dash(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and (text in DASHES or set(text) <= DASH_CHARS)


@lru_cache(maxsize=1 << 14)  # every cell of every cut and placement of an indicator line read untabbed
def is_number(cell: str) -> bool:
    return bool(_NUMBER.match(compact(cell)))


@lru_cache(maxsize=1 << 14)  # every value cell of every alignment tried on an indicator line
def is_number_or_blank(cell: str) -> bool:
    return not cell or is_dash(cell) or is_number(cell)


@lru_cache(maxsize=1 << 14)  # (as is_number)
def is_percent(cell: str) -> bool:
    return bool(_PERCENT.match(cell.strip()))


@lru_cache(maxsize=1 << 14)  # every level cell of every alignment tried on an indicator line
def is_noise(cell: str) -> bool:
    """Extraction noise: no Chinese character and not a value (`, –,`, `, 143473`, `> 11.4₹4=`)."""
    if not cell or _CJK.search(cell):
        return False
    value = parse_indicator(cell)
    return not (value.kind == QUANTITY and (value.unit is not None or value.unit_printed is None))


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Number:
    """A printed score, weight or rate: exact value (None when blank or a dash), text, last-digit unit."""

    value: Decimal | None
    printed: str
    rounding_unit: Decimal

    def __init__(self, value: Decimal | None, printed: str, rounding_unit: Decimal) -> None:
        self.value = value
        self.printed = printed
        self.rounding_unit = rounding_unit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Number) and (self.value, self.printed, self.rounding_unit) == (
            other.value,
            other.printed,
            other.rounding_unit,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.printed, self.rounding_unit))


BLANK_NUMBER = Number(None, "", Decimal(0))


def parse_number(cell: str) -> Number:
    """`9.73` → 9.73; blank or a dash (not applicable) → None. Raises ParseError otherwise."""
    parsed = _parse_number(cell)
    if isinstance(parsed, str):
        raise ParseError(parsed)
    return parsed


@lru_cache(maxsize=1 << 14)  # every score, weight and rate cell; Number is immutable
def _parse_number(cell: str) -> Number | str:
    """The Number of a cell, or the reason it is not one."""
    printed = cell.strip()
    if not printed:
        return BLANK_NUMBER
    if is_dash(printed):
        return Number(None, printed, Decimal(0))
    text = compact(printed).replace("−", "-")
    if not _NUMBER.match(text):
        return f"not a number: {printed!r}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Number(Decimal(text), printed, Decimal(1).scaleb(-decimals))


def parse_rate(cell: str, percent_header: bool = False) -> Number:
    """A printed rate as a fraction 0–1: `97.32%` → 0.9732, `0.951` → 0.951; `100` under a `执行率 %`
    header, or any bare number above 1, is a percentage. Raises ParseError on a non-number."""
    printed = cell.strip()
    text = compact(printed)
    percent = text.endswith("%")
    number = parse_number(text.rstrip("%"))
    if number.value is None:
        return Number(None, printed, Decimal(0))
    if percent or percent_header or number.value > 1:
        return Number(number.value / 100, printed, number.rounding_unit / 100)
    return Number(number.value, printed, number.rounding_unit)


_GRADES = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "差": "差", "较差": "差"}


def grade_of(cell: str) -> str | None:
    return _GRADES.get(compact(cell))


def name_key(name: str) -> str:
    """A project name for matching across tables: no spaces, half-width brackets and punctuation."""
    text = compact(name).replace("“", "").replace("”", "").replace('"', "")
    return text


_CODE_PREFIX = re.compile(r"^(?P<code>\d{2,12})\s*[-－—]\s*(?P<name>.+)$")


def split_code(text: str | None) -> tuple[str | None, str | None]:
    """`019001-汾阳市政府采购中心` → (`汾阳市政府采购中心`, `019001`)."""
    if not text:
        return None, None
    match = _CODE_PREFIX.match(text)
    if match:
        return match.group("name").strip(), match.group("code")
    return text, None


# --- project information lines (项目名称 / 主管部门 / 实施单位 / 联系电话) --------------------------

# The labels of a project information line (compacted, without a trailing colon) and the field each names.
INFO_LABELS: dict[str, str] = {
    "项目名称": "project_name",
    "主管部门": "supervising_department",
    "主管部门及代码": "supervising_department",
    "实施单位": "implementing_unit",
    "项目实施单位": "implementing_unit",
    "预算单位": "implementing_unit",
    "项目单位": "implementing_unit",
    "联系电话": "contact_phone",
}


def info_label(cell: str) -> str | None:
    return INFO_LABELS.get(compact(cell).rstrip(":："))


def parse_info_line(cells: Sequence[str]) -> dict[str, str] | None:
    """Label/value pairs of a project information line; None when the line is not one."""
    cells_ = non_empty(cells)
    if not cells_ or info_label(cells_[0][1]) is None:
        return None
    found: dict[str, str] = {}
    current: str | None = None
    for _, cell in cells_:
        label = info_label(cell)
        if label is not None:
            current = label
            found.setdefault(label, "")
        elif current is not None and not found[current]:
            found[current] = cell
        else:
            raise ParseError(f"unexpected cell {cell!r} in a project information line")
    return found


# --- levels and indicator lines --------------------------------------------------------------------


# What a cell's text says of its level besides 1 and 2 (_named_level).
_NO_LEVEL: Final = 0
_COLUMN_DECIDES: Final = 3


def printed_weight(level: str) -> Decimal | None:
    """The weight a 一级指标 prints after its name (`成本指标(20分)` → 20), or None."""
    found = _WEIGHT_SUFFIX.search(level)
    return Decimal(found.group(1)) if found else None


def without_weight(cell: str) -> str:
    """A level's name without the weight printed after it (`成本指标(20分)` → `成本指标`)."""
    return _WEIGHT_SUFFIX.sub("", cell)


def level_of(cell: str, column: int, level1_column: int | None) -> int | None:
    """1 or 2 when the cell is a 一级/二级指标 name; None otherwise. A name with a weight `(20分)` is a
    一级指标; `成本指标` is 一级 in the 一级 column and 二级 elsewhere."""
    level = _named_level(cell)
    if level == _COLUMN_DECIDES:
        return 1 if level1_column is not None and column <= level1_column else 2
    return None if level == _NO_LEVEL else level


@lru_cache(maxsize=1 << 14)  # every cell left of the values, on each alignment tried
def _named_level(cell: str) -> int:
    """What the cell's text alone says of its level: 1, 2, _COLUMN_DECIDES (LEVEL_AMBIGUOUS) or
    _NO_LEVEL; the part of level_of that does not depend on the column, so it is derived once."""
    text = compact(cell)
    weighted = bool(_WEIGHT_SUFFIX.search(text))
    base = without_weight(text)
    if weighted and base.endswith("指标"):
        return 1
    if LEVEL1.match(base):
        return 1
    if LEVEL2.match(base):
        return 2
    if base in LEVEL_AMBIGUOUS:
        return _COLUMN_DECIDES
    return _NO_LEVEL


INDICATOR_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("level1", re.compile(r"一级指标")),
    ("level2", re.compile(r"二级指标")),
    ("level3", re.compile(r"三级指标")),
    ("description", re.compile(r"指标描述|指标内容")),
    ("basis", re.compile(r"确定依据|指标依据")),
    ("adjusted", re.compile(r"调整后")),
    ("actual", re.compile(r"实际完成|实际值|完成值")),
    ("target", re.compile(r"指标值|目标值")),
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分")),
    ("deviation_rate", re.compile(r"偏差[度率]")),
    ("deviation", re.compile(r"偏差原因|原因分析|改进措施")),
)
LEVEL_KEYS = ("level1", "level2", "level3")
NUMERIC_KEYS = frozenset({"weight", "score"})


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class IndicatorColumns:
    """Where the header puts each column; value keys in printed order from the first value column."""

    positions: dict[str, int]
    labels: frozenset[str]
    # Derived once (every indicator line is aligned against them, up to 7 times each).
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    first: int = field(init=False, repr=False, compare=False)
    # (its hash: it keys the memoised readings of every indicator line read under it)
    hashed: int = field(init=False, repr=False, compare=False)

    def __init__(self, positions: dict[str, int], labels: frozenset[str]) -> None:
        self.positions = positions
        self.labels = labels
        keys = sorted((k for k in positions if k not in LEVEL_KEYS), key=lambda k: positions[k])
        self.keys = tuple(keys)
        self.first = min(positions[k] for k in keys)
        self.hashed = hash((frozenset(positions.items()), labels))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndicatorColumns) and (self.positions, self.labels) == (other.positions, other.labels)

    def __hash__(self) -> int:
        return self.hashed

    @property
    def value_keys(self) -> list[str]:
        return list(self.keys)

    @property
    def has_level3(self) -> bool:
        return "level3" in self.positions


@lru_cache(maxsize=1 << 12)  # the same header cells in every table
def _keywords_in(cell: str) -> tuple[str, ...]:
    """The column keys a header cell names: several level names when cells were merged
    (`二级指标 三级指标`), else the first matching value column."""
    text = compact(cell)
    levels = sorted(
        (match.start(), key)
        for key, pattern in INDICATOR_KEYWORDS
        if key in LEVEL_KEYS
        for match in [pattern.search(text)]
        if match
    )
    if levels:
        return tuple(key for _, key in levels)
    return next(((key,) for key, pattern in INDICATOR_KEYWORDS if pattern.search(text)), ())


def indicator_header(cells: Sequence[str]) -> IndicatorColumns | None:
    """The columns of an indicator header line (一级指标 | 二级指标 | 三级指标 | …), or None."""
    if not any("一级指标" in compact(c) or "二级指标" in compact(c) for c in cells):
        return None
    positions: dict[str, int] = {}
    labels = set(INDICATOR_LABELS)
    spill: list[str] = []
    for i, cell in enumerate(cells):
        if not cell:
            if spill:
                positions.setdefault(spill.pop(0), i)
            continue
        spill = []
        keys = _keywords_in(cell)
        if not keys:
            labels.add(compact(cell))
            continue
        positions.setdefault(keys[0], i)
        spill = [k for k in keys[1:] if k not in positions]
    if not any(k in positions for k in ("target", "actual", "score")):
        return None
    return IndicatorColumns(positions, frozenset(labels))


@dataclass  # __init__ written out: compiled (loaders/native.py)
class AlignedRow:
    levels: list[tuple[int, str]]  # (level, printed text) in printed order
    level3: str | None
    values: dict[str, str]
    noise: list[str] = field(default_factory=list)
    alignment: str = "header"

    def __init__(
        self,
        levels: list[tuple[int, str]],
        level3: str | None,
        values: dict[str, str],
        noise: list[str] | None = None,
        alignment: str = "header",
    ) -> None:
        self.levels = levels
        self.level3 = level3
        self.values = values
        self.noise = [] if noise is None else noise
        self.alignment = alignment

    @property
    def has_values(self) -> bool:
        return any(self.values.values())


def _value_ok(key: str, cell: str) -> bool:
    if key in NUMERIC_KEYS:
        return is_number_or_blank(cell)
    if key == "deviation_rate":
        return not cell or is_dash(cell) or is_percent(cell) or is_number(cell)
    return True


def _try_alignment(cells: Sequence[str], columns: IndicatorColumns, start: int) -> AlignedRow | None:
    keys = columns.keys
    shift = start - columns.first
    block = list(cells[start:])
    if any(block[len(keys) :]):
        return None
    values = {key: (block[i] if i < len(block) else "") for i, key in enumerate(keys)}
    if not all(_value_ok(k, v) for k, v in values.items()):
        return None
    # A bare number under 偏差原因 next to an empty 得分 is the score pushed one cell right.
    if values.get("deviation") and is_number(values["deviation"]) and "score" in values and not values["score"]:
        return None
    levels: list[tuple[int, str]] = []
    level3: str | None = None
    noise: list[str] = []
    level1_column = columns.positions.get("level1")
    for position, cell in non_empty(cells[:start]):
        if compact(cell) in columns.labels:
            continue
        if is_noise(cell) and position - shift <= (level1_column or 0):
            noise.append(cell)
            continue
        level = level_of(cell, position - shift, level1_column)
        if level is not None:
            if level3 is not None or (levels and levels[-1][0] > level):
                return None
            levels.append((level, cell))
            continue
        if level3 is not None or not columns.has_level3 or is_number(cell) or is_percent(cell):
            return None
        level3 = cell
    alignment = "header" if shift == 0 else f"shift {shift:+d}"
    return AlignedRow(levels, level3, values, noise, alignment)


def _align(cells: Sequence[str], columns: IndicatorColumns) -> AlignedRow | None:
    first = columns.first
    for delta in (0, -1, 1, -2, 2, -3, 3):
        start = first + delta
        if 0 <= start <= len(cells):
            aligned = _try_alignment(cells, columns, start)
            if aligned is not None:
                return aligned
    return None


def align_indicator_row(cells: Sequence[str], columns: IndicatorColumns) -> AlignedRow | None:
    """Fit an indicator line to the header's columns (see the module docstring); None when nothing fits."""
    aligned = _align(cells, columns)
    if aligned is not None:
        return aligned
    empties = [i for i in reversed(range(len(cells))) if not cells[i]]
    repeats = [i for i in range(1, len(cells)) if cells[i] and cells[i] == cells[i - 1]]
    for i in empties + repeats:
        repaired = list(cells[:i]) + list(cells[i + 1 :])
        aligned = _align(repaired, columns)
        if aligned is not None:
            what = "empty" if not cells[i] else "repeated"
            aligned.alignment += f", {what} cell {i} dropped"
            return aligned
    return None


def level_only(cells: Sequence[str], columns: IndicatorColumns) -> list[tuple[int, str]] | None:
    """A line that only names levels (a 二级指标 with no indicator under it): its levels, else None."""
    levels = []
    for position, cell in non_empty(cells):
        if compact(cell) in columns.labels:
            continue
        level = level_of(cell, position, columns.positions.get("level1"))
        if level is None:
            return None
        levels.append((level, cell))
    return levels or None


@dataclass
class LevelCarry:
    """The 一级/二级指标 in force: merged cells print a level once for the lines below it."""

    level1: str | None = None
    level2: str | None = None

    def apply(self, levels: list[tuple[int, str]]) -> tuple[str, str]:
        printed1 = next((text for level, text in levels if level == 1), "")
        printed2 = next((text for level, text in levels if level == 2), "")
        if printed1:
            self.level1 = without_weight(compact(printed1)) or printed1
            self.level2 = None
        if printed2:
            self.level2 = compact(printed2)
        return printed1, printed2
