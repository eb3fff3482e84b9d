"""Region and province of a department, from its name and a gazetteer of China's
administrative divisions (data/admin_divisions.csv: adcode, name, province, city;
derived from the MIT-licensed `cpca` package's adcodes table)."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).parent / "data" / "admin_divisions.csv"


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    province: str
    city: str


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[Division, ...]]:
    by_name: dict[str, list[Division]] = {}
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            division = Division(row["adcode"], row["name"], row["province"], row["city"])
            by_name.setdefault(division.name, []).append(division)
    return {name: tuple(found) for name, found in by_name.items()}


@lru_cache(maxsize=1)
def _max_name_length() -> int:
    return max(len(name) for name in _divisions())


def _place_chain(name: str) -> list[tuple[Division, ...]]:
    """The administrative names a department name starts with, longest match first:
    淄博市张店区行政审批服务局 → [淄博市], [张店区]."""
    divisions = _divisions()
    chain: list[tuple[Division, ...]] = []
    rest = name
    while rest:
        for size in range(min(_max_name_length(), len(rest)), 1, -1):
            found = divisions.get(rest[:size])
            if found:
                chain.append(found)
                rest = rest[size:]
                break
        else:
            break
    return chain


@dataclass(frozen=True)
class Region:
    region_name: str | None
    province: str | None


def region_of(department_name: str, document_text: str = "") -> Region:
    """The place a department belongs to (the most specific division its name starts
    with) and that place's province. Where the name is ambiguous (朝阳区 is in Beijing and
    Changchun), a parent earlier in the name or the province the document mentions most
    decides; otherwise province is None."""
    chain = _place_chain(department_name)
    if not chain:
        return Region(None, None)
    candidates = chain[-1]
    parents = {d.name for level in chain[:-1] for d in level}
    if parents:
        narrowed = [d for d in candidates if d.province in parents or d.city in parents]
        candidates = tuple(narrowed) or candidates
    provinces = sorted({d.province for d in candidates})
    if len(provinces) > 1 and document_text:
        mentions = Counter({p: document_text.count(p) for p in provinces})
        (best, count), *rest = mentions.most_common()
        provinces = [best] if count and all(c < count for _, c in rest) else provinces
    return Region(candidates[0].name, provinces[0] if len(provinces) == 1 else None)
