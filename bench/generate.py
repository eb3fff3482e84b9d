"""A synthetic corpus for the benchmark: documents whose facts are varied from the bundled samples.

    python -m bench.generate --out build/bench/docs -n 10000 [--start 0] [--seed 7] [--jobs N]
                             [--renderer layout|sample] [--layouts all|readable|tab,yuan,…]

Document number i (file `gen_{i:06d}.txt`) is a deterministic function of (seed, i): one of the
sample documents (a *template*) with

- its department replaced by another department (财政局, 教育局, …) of another region: any
  county- or prefecture-level division of the loaders' gazetteer;
- its fiscal year shifted;
- every amount the loaders read from a table multiplied by a factor k of 1 or 10 and printed with
  one decimal fewer for 10 (scores, weights, rates, codes, row numbers and counts are left as
  printed);
- rendered in one of the layouts (tab, space, split codes, wrapped names, one cell per line, 元).

Scaling keeps every accounting identity of the template: a sum of printed parts times k is the
printed total times k, and a rounding difference d the sample prints (419.39 printed for 400.00 +
19.40) becomes k·d, which the coarser printing covers (4,193.9 = 4,000.0 + 194.0 within half a unit
of each term's last digit; loaders.render.cells.scaled_decimals). Only a difference the sample
already prints beyond its tolerance stays a printing error (in audit_findings, as in the sample).
Different i give different (template, region, department, year, k), so no two documents share a
content hash (document_id). About one document in ten is written in GB18030 instead of UTF-8.

Renderers (the `Renderer` protocol below):
- `layout` (default): the layout renderer of loaders/render (`CorpusTemplate.render`), document i
  in layout i mod 7 of every layout (`--layouts all`, the default): lines the loaders cannot place
  in a layout are quarantined with their reason, as in a real corpus. `--layouts readable` keeps
  only the layouts in which every sample gives back all its rows and no new quarantine (today: tab
  and 元), `--layouts tab,yuan,…` a list.
- `sample`: edits the sample's own text in place (tab layout only): names and years replaced,
  amounts scaled (decimals as above), thousands
  separators, OCR space (`30. 61`) and unit suffix (`58.39万元`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

from loaders.document import clean_cell
from loaders.pipeline import extract_document
from loaders.regions import GAZETTEER, region_of
from loaders.render.cells import scaled_decimals
from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    ProjectBudgetLineRow,
    StatisticRow,
    SummaryLineRow,
    ThreePublicRow,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_DIR / "documents"

# Department names (the part after the place name); each ends with a suffix the loaders recognise.
DEPARTMENTS = (
    "财政局",
    "教育局",
    "卫生健康委员会",
    "民政局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "水利局",
    "文化和旅游局",
    "市场监督管理局",
    "应急管理局",
    "生态环境局",
    "人力资源和社会保障局",
    "司法局",
    "统计局",
    "审计局",
    "医疗保障局",
    "退役军人事务局",
    "发展和改革委员会",
    "工业和信息化局",
    "商务局",
    "科学技术局",
    "林业局",
    "体育局",
    "档案馆",
    "机关事务服务中心",
    "行政审批服务局",
    "政务服务管理局",
    "大数据中心",
)
YEAR_SHIFTS = (-3, -2, -1, 0, 1, 2)
# Powers of ten only: a factor 10^j printed with j decimals fewer keeps every identity within the
# rounding tolerance (see scaled_decimals); another factor k would turn a printed rounding
# difference r into k·r, a printing error the sample does not have. Not 100: a 万元 table's
# amounts would print as integers, which a layout without tabs cannot always tell from 行次 numbers.
FACTORS = (1, 10)
GB18030_SHARE = 0.1

# Amount fields of the rows that come from table lines: (row type, printed-text fields).
AMOUNT_FIELDS: tuple[tuple[type, tuple[str, ...]], ...] = (
    (FunctionAmountRow, ("amount_printed",)),
    (SummaryLineRow, ("amount_printed",)),
    (EconomicAmountRow, ("amount_printed",)),
    (ThreePublicRow, ("amount_printed",)),
    (
        ProjectBudgetLineRow,
        ("declared_printed", "initial_printed", "full_year_printed", "executed_printed", "balance_printed"),
    ),
)
_MONEY_UNITS = ("万元", "元")

_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=\s*年)")
_BUDGET_YEAR = re.compile(r"(预算年度\s*[:：]\s*)(20[0-4]\d)")
_PRINTED_NUMBER = re.compile(r"(?P<sign>[-−]?)(?P<int>[\d,，]+)(?:(?P<dot>\.\s*)(?P<frac>\d+))?(?P<unit>万元|元)?")


@dataclass(frozen=True)
class Place:
    """A division of the gazetteer: its name, the city it belongs to (None for a prefecture) and province."""

    name: str
    city: str | None
    province: str


@dataclass(frozen=True)
class Template:
    """A sample document prepared for variation."""

    name: str
    lines: tuple[str, ...]
    department: str
    department_core: str
    places: tuple[str, ...]  # the place names the department name starts with (淄博市, 张店区)
    city: str | None  # the parent city the text names, if any (吕梁市 for 汾阳市)
    province: str
    year: int
    # 0-based line index → the (cell index, printed amount) cells to scale on that line
    amount_cells: tuple[tuple[int, tuple[tuple[int, str], ...]], ...]
    rows: tuple[object, ...]  # what the loaders extract from the sample
    data: bytes  # the sample's content


@dataclass(frozen=True)
class Variation:
    index: int
    template: str
    place: Place
    department_core: str
    year_shift: int
    factor: int
    layout: str
    encoding: str


class Renderer(Protocol):
    """Turns a template and a variation into a document's text, in one of its layouts."""

    layouts: tuple[str, ...]

    def render(self, template: Template, variation: Variation) -> str: ...


# --- templates -------------------------------------------------------------------------------


def _amount_lines(rows: Sequence[object]) -> dict[int, Counter[str]]:
    """Printed amounts per line number: within a row type amounts add up (a line printing
    3,610.44 on both sides), across row types the same cell is counted once."""
    per_type: dict[tuple[str, int], Counter[str]] = {}
    for row_type, names in AMOUNT_FIELDS:
        for row in rows:
            if type(row) is not row_type:
                continue
            counter = per_type.setdefault((row_type.__name__, row.line_no), Counter())  # type: ignore[attr-defined]
            for name in names:
                printed = getattr(row, name)
                if printed:
                    counter[printed] += 1
    for row in rows:
        if type(row) is StatisticRow and row.value_unit in _MONEY_UNITS and row.value_printed:
            per_type.setdefault(("statistic", row.line_no), Counter())[row.value_printed] += 1
    lines: dict[int, Counter[str]] = {}
    for (_, line_no), counter in per_type.items():
        merged = lines.setdefault(line_no, Counter())
        for printed, count in counter.items():
            merged[printed] = max(merged[printed], count)
    return lines


def _locate_cells(line: str, wanted: Counter[str]) -> tuple[tuple[int, str], ...]:
    """Cells of a line holding the wanted printed amounts, matched from the right (amounts are
    printed right of codes and names). A further cell printing the same decimal amount is an amount
    column the parser does not emit (`合计 4. 40 4. 40`): it is scaled too."""
    remaining = Counter(wanted)
    found = []
    cells = line.split("\t")
    for i in range(len(cells) - 1, -1, -1):
        printed = clean_cell(cells[i])
        if remaining[printed] > 0 or (printed in wanted and "." in printed):
            remaining[printed] -= 1
            found.append((i, printed))
    return tuple(sorted(found))


def load_template(path: Path) -> Template:
    data = path.read_bytes()
    rows = list(extract_document(path, path.name))
    document = next(r for r in rows if isinstance(r, DocumentRow))
    department, region, province = document.department_name, document.region_name, document.province
    if not (department and region and province and document.fiscal_year):
        raise ValueError(f"{path.name}: department, region, province and year are needed to vary a sample")
    prefix_end = department.index(region) + len(region)
    prefix, core = department[:prefix_end], department[prefix_end:]
    places = tuple(p for p in _split_places(prefix))
    city = _parent_city(places[-1], province)
    lines = tuple(data.decode("utf-8").replace("\r\n", "\n").split("\n"))
    amount_cells = []
    for line_no, wanted in sorted(_amount_lines(rows).items()):
        cells = _locate_cells(lines[line_no - 1], wanted)
        if cells:
            amount_cells.append((line_no - 1, cells))
    return Template(
        name=path.name,
        lines=lines,
        department=department,
        department_core=core,
        places=places,
        city=city if city and city not in places else None,
        province=province,
        year=document.fiscal_year,
        amount_cells=tuple(amount_cells),
        rows=tuple(rows),
        data=data,
    )


def _split_places(prefix: str) -> list[str]:
    divisions = {p.name for p in gazetteer_places()} | {p.city for p in gazetteer_places() if p.city}
    found, rest = [], prefix
    while rest:
        size = next((n for n in range(len(rest), 1, -1) if rest[:n] in divisions), 0)
        if not size:
            break
        found.append(rest[:size])
        rest = rest[size:]
    return found or [prefix]


def _parent_city(name: str, province: str) -> str | None:
    return next((p.city for p in gazetteer_places() if p.name == name and p.province == province and p.city), None)


_PLACES: list[Place] = []


def gazetteer_places() -> list[Place]:
    """Every county- or prefecture-level division of the gazetteer, in adcode order."""
    if not _PLACES:
        with GAZETTEER.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["name"]
                if name in ("市辖区", "县", "省直辖县级行政区划") or name == row["province"]:
                    continue
                if name.endswith(("市", "县", "区", "旗")):
                    _PLACES.append(Place(name, row["city"] or None, row["province"]))
    return _PLACES


def usable_places() -> list[Place]:
    """Places whose departments the loaders attribute to that place and its province."""
    usable = []
    for place in gazetteer_places():
        found = region_of(_department_prefix(place, two_level=False) + "财政局")
        if found.region_name == place.name and found.province == place.province:
            usable.append(place)
    return usable


def _department_prefix(place: Place, two_level: bool) -> str:
    return f"{place.city}{place.name}" if two_level and place.city else place.name


# --- variations ------------------------------------------------------------------------------


def document_name(index: int) -> str:
    """The file name of generated document `index`."""
    return f"gen_{index:06d}.txt"


def document_index(name: str) -> int:
    """The index of a generated document from its file name (or path)."""
    return int(Path(name).stem.removeprefix("gen_"))


def layout_of(index: int, layouts: Sequence[str]) -> str:
    """The layout generated document `index` is rendered in: the layouts in turn."""
    return layouts[index % len(layouts)]


@dataclass(frozen=True)
class Space:
    """All (template, place, department, year shift, factor) combinations, visited in a
    seed-dependent order without repetition: variation i is combination (a·i + b) mod size."""

    templates: tuple[str, ...]
    places: tuple[Place, ...]
    seed: int

    @property
    def radices(self) -> tuple[int, ...]:
        return (len(self.templates), len(self.places), len(DEPARTMENTS), len(YEAR_SHIFTS), len(FACTORS))

    @property
    def size(self) -> int:
        return math.prod(self.radices)

    def _affine(self) -> tuple[int, int]:
        rng = random.Random(self.seed)
        a = rng.randrange(self.size // 3, self.size) | 1
        while math.gcd(a, self.size) != 1:
            a += 2
        return a, rng.randrange(self.size)

    def variation(self, index: int, layouts: Sequence[str]) -> Variation:
        if not 0 <= index < self.size:
            raise ValueError(f"variation {index} outside the space of {self.size}")
        a, b = self._affine()
        code = (a * index + b) % self.size
        digits = []
        for radix in self.radices:
            code, digit = divmod(code, radix)
            digits.append(digit)
        t, p, d, y, k = digits
        draw = int.from_bytes(hashlib.sha256(f"{self.seed}:{index}".encode()).digest()[:8], "big") / 2**64
        return Variation(
            index=index,
            template=self.templates[t],
            place=self.places[p],
            department_core=DEPARTMENTS[d],
            year_shift=YEAR_SHIFTS[y],
            factor=FACTORS[k],
            layout=layout_of(index, layouts),
            encoding="gb18030" if draw < GB18030_SHARE else "utf-8",
        )


# --- rendering -------------------------------------------------------------------------------


def scale_printed(printed: str, factor: int) -> str:
    """A printed amount times an integer, printed the same way (separators, unit; decimals as
    loaders.render.cells.scaled_decimals says: one fewer per power of ten in the factor)."""
    match = _PRINTED_NUMBER.fullmatch(printed)
    if factor == 1 or match is None:
        return printed
    digits = re.sub(r"[,，]", "", match.group("int"))
    frac = match.group("frac") or ""
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits) * factor
    except InvalidOperation:
        return printed
    grouped = "," in match.group("int") or "，" in match.group("int")
    decimals = scaled_decimals(len(frac), factor)
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    if match.group("dot") and match.group("dot") != ".":
        text = text.replace(".", match.group("dot"), 1)
    return f"{match.group('sign')}{text}{match.group('unit') or ''}"


class SampleTextRenderer:
    """Edits the sample's own text: names, years and amounts replaced in place, line for line."""

    layouts: tuple[str, ...] = ("as_printed",)

    def render(self, template: Template, variation: Variation) -> str:
        lines = list(template.lines)
        k = variation.factor
        for index, cells in template.amount_cells:
            parts = lines[index].split("\t")
            for cell, printed in cells:
                parts[cell] = scale_printed(printed, k)
            lines[index] = "\t".join(parts)
        text = "\n".join(lines)
        return _replace_names(_shift_years(text, variation.year_shift), template, variation)


class LayoutRenderer:
    """loaders/render's CorpusTemplate: the sample's facts re-rendered in a layout."""

    def __init__(self, templates: dict[str, Template], layouts: Sequence[str] | None = None, seed: int = 7) -> None:
        from loaders.document import parse_document
        from loaders.render import CorpusTemplate

        self.seed = seed
        self.corpus = {name: CorpusTemplate.of(parse_document(t.data, name), t.rows) for name, t in templates.items()}
        self.layouts = tuple(layouts) if layouts else all_layouts()

    def render(self, template: Template, variation: Variation) -> str:
        from loaders.render import CorpusIdentity

        identity = CorpusIdentity(
            department=_department_prefix(variation.place, len(template.places) > 1) + variation.department_core,
            region=variation.place.name,
            year=template.year + variation.year_shift,
        )
        corpus = self.corpus[template.name]
        return corpus.render(
            variation.layout, self.seed * 1_000_003 + variation.index, identity=identity, scale=variation.factor
        )


def all_layouts() -> tuple[str, ...]:
    from loaders.layouts import Layout

    return tuple(layout.value for layout in Layout)


def readable_layouts(renderer: LayoutRenderer, templates: dict[str, Template]) -> tuple[list[str], list[str]]:
    """(layouts the loaders read back, layouts they do not yet): a layout is readable when, for every
    sample, the extraction of one rendered document has the sample's rows (by type) and no more
    quarantined lines."""
    from loaders.pipeline import document_rows

    readable, skipped = [], []
    for layout in all_layouts():
        ok = True
        for index, template in enumerate(templates.values()):
            variation = Variation(index, template.name, _SELF_TEST_PLACE, "财政局", 0, 3, layout, "utf-8")
            text = renderer.render(template, variation)
            got = Counter(type(r).__name__ for r in document_rows(text.encode(), "check.txt"))
            want = Counter(type(r).__name__ for r in template.rows)
            if got != want:  # rows lost, or lines quarantined that the sample loads
                ok = False
                break
        (readable if ok else skipped).append(layout)
    return readable, skipped


_SELF_TEST_PLACE = Place("潍坊市", None, "山东省")


def _shift_years(text: str, shift: int) -> str:
    if not shift:
        return text
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    return _BUDGET_YEAR.sub(lambda m: m.group(1) + str(int(m.group(2)) + shift), text)


def _replace_names(text: str, template: Template, variation: Variation) -> str:
    place = variation.place
    two_level = len(template.places) > 1
    new_prefix = _department_prefix(place, two_level)
    mapping = {template.department: new_prefix + variation.department_core}
    if two_level and place.city:
        mapping[template.places[0]] = place.city
        mapping[template.places[-1]] = place.name
    else:
        mapping["".join(template.places)] = place.name
        for old in template.places:
            mapping.setdefault(old, place.name)
    if template.city:
        mapping[template.city] = place.city or place.name
    mapping[template.department_core] = variation.department_core
    mapping[template.province] = place.province
    pattern = re.compile("|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


# --- the corpus ------------------------------------------------------------------------------


class Generator:
    def __init__(self, seed: int = 7, samples: Path = SAMPLES, renderer: str = "layout", layouts: str = "all"):
        self.templates = {p.name: load_template(p) for p in sorted(samples.glob("*.txt"))}
        self.skipped_layouts: list[str] = []
        self.renderer: Renderer = self._renderer(renderer, layouts, seed)
        self.space = Space(tuple(self.templates), tuple(usable_places()), seed)

    def _renderer(self, kind: str, layouts: str, seed: int) -> Renderer:
        if kind == "sample" or not layout_renderer_available():
            return SampleTextRenderer()
        if layouts == "all":
            return LayoutRenderer(self.templates, seed=seed)
        if layouts != "readable":
            return LayoutRenderer(self.templates, layouts.split(","), seed=seed)
        renderer = LayoutRenderer(self.templates, seed=seed)
        readable, self.skipped_layouts = readable_layouts(renderer, self.templates)
        if not readable:
            return SampleTextRenderer()
        renderer.layouts = tuple(readable)
        return renderer

    def variation(self, index: int) -> Variation:
        return self.space.variation(index, self.renderer.layouts)

    def document(self, index: int) -> tuple[str, bytes]:
        """(file name, content) of generated document `index`."""
        variation = self.variation(index)
        text = self.renderer.render(self.templates[variation.template], variation)
        return document_name(index), text.encode(variation.encoding)

    def describe(self) -> str:
        kind = "layout renderer (loaders/render)" if isinstance(self.renderer, LayoutRenderer) else "sample text"
        text = f"{kind}, layouts: {', '.join(self.renderer.layouts)}"
        if self.skipped_layouts:
            text += f"; skipped (the samples do not read back whole in them): {', '.join(self.skipped_layouts)}"
        return text


def layout_renderer_available() -> bool:
    try:
        import loaders.render  # noqa: F401
    except ImportError:
        return False
    return True


_WORKER: Generator | None = None


def _worker(options: tuple[int, str, str]) -> Generator:
    global _WORKER
    if _WORKER is None or _WORKER.options != options:
        seed, renderer, layouts = options
        _WORKER = Generator(seed, renderer=renderer, layouts=layouts)
        _WORKER.options = options  # type: ignore[attr-defined]
    return _WORKER


def _write_range(args: tuple[Path, int, int, tuple[int, str, str]]) -> int:
    out, start, stop, options = args
    generator = _worker(options)
    written = 0
    for index in range(start, stop):
        name, data = generator.document(index)
        path = out / name
        if not path.exists() or path.stat().st_size != len(data) or path.read_bytes() != data:
            path.write_bytes(data)
        written += len(data)
    return written


def generate(
    out: Path,
    count: int,
    start: int = 0,
    seed: int = 7,
    jobs: int = 0,
    renderer: str = "layout",
    layouts: str = "all",
) -> tuple[int, str, tuple[str, ...]]:
    """Write documents start … start+count-1 into `out`: (bytes written, how they were rendered, the
    layouts document i is rendered in, in turn)."""
    from loaders.parallel import ordered_map

    options = (seed, renderer, layouts)
    generator = _worker(options)  # before the workers fork: they inherit it
    out.mkdir(parents=True, exist_ok=True)
    step = 50
    ranges = [(out, i, min(i + step, start + count), options) for i in range(start, start + count, step)]
    written = sum(ordered_map(_write_range, ranges, jobs=jobs))
    return written, generator.describe(), generator.renderer.layouts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write gen_NNNNNN.txt into")
    parser.add_argument("-n", "--count", type=int, required=True, help="number of documents")
    parser.add_argument("--start", type=int, default=0, help="number of the first document (default 0)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: all cores)")
    parser.add_argument("--renderer", choices=("layout", "sample"), default="layout")
    parser.add_argument("--layouts", default="all", help="all (default), readable, or a comma list")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    size, how, _ = generate(args.out, args.count, args.start, args.seed, args.jobs, args.renderer, args.layouts)
    seconds = time.perf_counter() - began
    print(f"bench.generate: {args.count} documents, {size / 1e6:.1f} MB in {args.out} ({seconds:.1f} s)")
    print(f"bench.generate: rendered by the {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
