"""Document metadata: department, region, province, fiscal year, stage and unit."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loaders.document import SourceDocument
from loaders.errors import DocumentError
from loaders.regions import region_of

FINAL, BUDGET, PERFORMANCE = "final", "budget", "performance"

_LABELLED_DEPARTMENT = re.compile(
    r"^\s*(?:部门名称|单位名称|部门（单位）|部门\(单位\)|预算单位|编制单位|编制部门|填报单位|部门|单位)\s*[:：]"
    r"\s*(?P<name>[^\t:：]{2,60}?)\s*$"
)
# A document title naming the department: `XX局2023年度部门决算`, `XX中心部门预算`.
_TITLED_DEPARTMENT = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fff（）()]{4,40}?)\s*(?:20\d{2}\s*年度?)?\s*(?:部门|单位)(?:决算|预算)"
)
_CODED_DEPARTMENT = re.compile(r"^\s*\d{3,12}\s+(?P<name>[\u4e00-\u9fff（）()]{4,60})\s*$")
_YEAR = re.compile(r"(?P<year>20\d{2})\s*年")
_BUDGET_YEAR = re.compile(r"预算年度\s*[:：]\s*(?P<year>20\d{2})")
_UNIT = re.compile(r"单位\s*[:：]?\s*(?P<unit>万元|元)(?![\u4e00-\u9fff])")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_DEPARTMENT_SUFFIX = re.compile(r"(局|委员会|委|中心|办公室|院|所|站|队|馆|会|部|厅|处|社|室|团|校)$")


@dataclass(frozen=True)
class DocumentMeta:
    department_name: str | None
    region_name: str | None
    province: str | None
    fiscal_year: int | None
    stage: str
    unit: str


def _head(doc: SourceDocument, count: int) -> list[str]:
    """The first `count` non-blank lines, stripped (read up to them only, not the whole document)."""
    head: list[str] = []
    for line in doc.lines:
        if len(head) >= count:
            break
        text = line.text.strip()
        if text:
            head.append(text)
    return head


def detect_stage(doc: SourceDocument) -> str:
    """决算 / 预算 / 绩效自评, from the document's opening lines, then its body."""
    head = " ".join(_head(doc, 12))
    if "决算" in head:
        return FINAL
    if "绩效自评" in head or "自评表" in head:
        return PERFORMANCE
    if "预算" in head:
        return BUDGET
    text = doc.text
    if re.search(r"公开\s*0?\d+\s*表|决算表", text):
        return FINAL
    if "部门预算" in text or "预算表" in text:
        return BUDGET
    if "自评" in text:
        return PERFORMANCE
    raise DocumentError(
        "not a budget disclosure: no 决算, 预算 or 绩效自评 title found", source_file=doc.source_file, line_no=1
    )


def _names_a_department(name: str) -> bool:
    """A labelled value that can be a department's name: not a unit (万元), and in Chinese (a value
    such as `$H\\pi$` is OCR markup, and the label a 单位: before a table's unit)."""
    return not name.startswith(("万元", "元")) and _IDEOGRAPH.search(name) is not None


def labelled_department(text: str) -> str | None:
    """The department a line names after its label (`部门：XX局`), if it does."""
    match = _LABELLED_DEPARTMENT.match(text) if ":" in text or "：" in text else None
    return match.group("name") if match and _names_a_department(match.group("name")) else None


def detect_department(doc: SourceDocument) -> str | None:
    labelled: Counter[str] = Counter()
    coded: Counter[str] = Counter()
    for line in doc.lines:
        text = line.text
        has_colon = ":" in text or "：" in text
        if "\t" in text:
            if not has_colon:
                continue  # no label (every table row): nothing to split
            # `编制单位：XX局 | | 单位：万元`: a label in the first cell of a tab line.
            first = next((cell for cell in text.split("\t") if cell.strip()), "")
            if (name := labelled_department(first)) is not None:
                labelled[name] += 1
            continue
        # The regexes only on lines that can match (most cannot): a label ends in a colon, and a coded
        # name starts with a digit, after any spaces.
        if has_colon and (name := labelled_department(text)) is not None:
            labelled[name] += 1
            continue
        match = _CODED_DEPARTMENT.match(text) if text[:1].isdecimal() or text[:1].isspace() else None
        if match and _DEPARTMENT_SUFFIX.search(match.group("name")):
            coded[match.group("name")] += 1
    for found in (labelled, coded):
        if found:
            return found.most_common(1)[0][0]
    for text in _head(doc, 10):
        match = _TITLED_DEPARTMENT.match(text)
        if match and _DEPARTMENT_SUFFIX.search(match.group("name")):
            return match.group("name")
    for text in _head(doc, 10):
        if _DEPARTMENT_SUFFIX.search(text) and "表" not in text and not _YEAR.search(text):
            return text
    return None


def detect_year(doc: SourceDocument) -> int | None:
    for text in _head(doc, 20):
        match = _BUDGET_YEAR.search(text) or _YEAR.search(text)
        if match:
            return int(match.group("year"))
    match = _BUDGET_YEAR.search(doc.text)
    return int(match.group("year")) if match else None


def detect_unit(doc: SourceDocument) -> str:
    units = Counter(m.group("unit") for m in _UNIT.finditer(doc.text))
    return units.most_common(1)[0][0] if units else "万元"


def detect_meta(doc: SourceDocument) -> DocumentMeta:
    department = detect_department(doc)
    region = region_of(department or "", doc.text)
    return DocumentMeta(
        department_name=department,
        region_name=region.region_name,
        province=region.province,
        fiscal_year=detect_year(doc),
        stage=detect_stage(doc),
        unit=detect_unit(doc),
    )
