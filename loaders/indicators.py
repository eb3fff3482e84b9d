"""Performance indicator values as printed (年度指标值 / 实际完成值) → operator, number, unit, kind.

Pure: one printed cell in, one IndicatorValue out; the printed text is always kept by the caller.

Kinds:
- `quantity`: an optional comparison operator, a number and a unit (`≥95%`, `≤0.97万元`, `=130000元`,
  `≪800 元/人`, `大于90%`, `6200`, `12万件次`). Money units (元, 万元, 亿元, optionally per year) also
  give `value_wan`, the value converted exactly to 万元.
- `qualitative`: text without a leading number (`提高`, `达成预期指标`, `文字描述:优化`, `按合同支付`).
- `deadline`: a date or time limit (`12月31日前`, `2023 年底前`, `合同签订后10个工作日内`, `一小时内`).
- `empty`: nothing printed.

Operators are written `>=`, `<=`, `=`, `>`, `<`. OCR misreadings are mapped to what they stand for
(`≪` → `<=`, a `↑` misread from 个 is not taken as a unit: unit NULL, `unit_printed` keeps it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

QUANTITY, QUALITATIVE, DEADLINE, EMPTY = "quantity", "qualitative", "deadline", "empty"

# Printed operator → normalised operator. Longest first when matching.
OPERATORS: dict[str, str] = {
    "大于或等于": ">=",
    "大于等于": ">=",
    "小于或等于": "<=",
    "小于等于": "<=",
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "不大于": "<=",
    "不多于": "<=",
    "控制在": "<=",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "等于": "=",
    "达到": ">=",
    ">=": ">=",
    "<=": "<=",
    "≥": ">=",
    "≧": ">=",
    "⩾": ">=",
    "≤": "<=",
    "≦": "<=",
    "⩽": "<=",
    "≪": "<=",  # OCR of ≤ (a "much less than" is never meant in a target)
    "≫": ">=",
    "=": "=",
    ">": ">",
    "<": "<",
}
_OPERATOR = re.compile("^(" + "|".join(re.escape(k) for k in sorted(OPERATORS, key=len, reverse=True)) + ")")
_NUMBER = re.compile(r"^(?P<sign>[-−])?(?P<int>\d+)(?:\.(?P<frac>\d+))?")
_QUALITATIVE_PREFIX = re.compile(r"^文字描述\s*[:：]\s*")
_DEADLINE = re.compile(
    r"(\d{4}\s*年\s*(底|末|年底|前)|年底前|月底前|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(前|之前|以前)?$"
    r"|(前|之前|以前|以内|内)$)"
)
_TIME_WORD = re.compile(r"年|月|日|天|小时|工作日|分钟|周")
_SQUARE_METRE = re.compile(r"m\s*[²2]|㎡|平方米")
# A unit is CJK text, latin letters, %, and separators like `/`; anything else is extraction noise.
_UNIT = re.compile(r"^[\u4e00-\u9fffA-Za-z%‰/·()（）+\-]+$")
_UNIT_ALIASES = {"百分比": "%", "％": "%", "百分点": "%"}
# Units that are money amounts, and how many 万元 one unit is worth.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
    "元/年": Decimal("0.0001"),
    "万元/年": Decimal(1),
}


@dataclass(frozen=True)
class IndicatorValue:
    kind: str
    operator: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    unit_printed: str | None = None
    value_wan: Decimal | None = None
    qualitative_text: str | None = None

    @property
    def is_qualitative(self) -> bool:
        return self.kind == QUALITATIVE


def _normalise(text: str) -> str:
    text = _SQUARE_METRE.sub("平方米", text)
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def _unit(printed: str) -> str | None:
    unit = _UNIT_ALIASES.get(printed, printed)
    if not unit:
        return None
    return unit if _UNIT.match(unit) else None


@lru_cache(maxsize=1 << 14)  # pure, and the same values (100%, ≥95%, 按时完成) are printed everywhere
def parse_indicator(text: str) -> IndicatorValue:
    """Parse one printed indicator value. Never raises: what is not a quantity is qualitative."""
    printed = " ".join(text.split())
    if not printed:
        return IndicatorValue(EMPTY)
    qualitative = _QUALITATIVE_PREFIX.match(printed)
    if qualitative:
        return IndicatorValue(QUALITATIVE, qualitative_text=printed[qualitative.end() :].strip() or None)
    compact = _normalise(printed)
    if _DEADLINE.search(compact) and _TIME_WORD.search(compact):
        return IndicatorValue(DEADLINE, qualitative_text=printed)
    operator = None
    rest = compact
    match = _OPERATOR.match(rest)
    if match:
        operator = OPERATORS[match.group(1)]
        rest = rest[match.end() :]
    number = _NUMBER.match(rest)
    if not number:
        return IndicatorValue(QUALITATIVE, qualitative_text=printed)
    value = Decimal(number.group(0).replace("−", "-"))
    unit_printed = rest[number.end() :]
    unit = _unit(unit_printed)
    factor = MONEY_UNITS.get(unit or "")
    return IndicatorValue(
        QUANTITY,
        operator=operator,
        value=value,
        unit=unit,
        unit_printed=unit_printed or None,
        value_wan=value * factor if factor is not None else None,
    )
