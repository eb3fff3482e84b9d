"""Reading a document's extracted text: encoding, identity, lines and cells."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.errors import DocumentError

# Encodings tried in order. GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8-sig", "gb18030")
PDF_MAGIC = b"%PDF-"

_MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,40}>|\$[^$\n]{0,40}\$")
# Kangxi radicals, CJK radicals and compatibility ideographs: some PDFs map their glyphs to these code
# points (⾏政 for 行政), which look the same but compare different. Each becomes its unified ideograph.
_RADICAL_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF))
_RADICAL = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _RADICAL_RANGES) + "]")


# Radicals with the ideograph a simplified-Chinese font draws them for, where Unicode does not decompose
# them (CJK radicals) or decomposes them to the traditional variant (Kangxi ⼾ is 戶 in NFKC, but the
# font's glyph is 户: 财政专⼾ is 财政专户).
_RADICAL_IDEOGRAPHS = (
    "⺟母⺠民⺰纟⻄西⻅见⻆角⻈讠⻉贝⻋车⻐钅⻓长⻔门⻘青⻙韦⻚页⻛风"
    "⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻬齐⻮齿⻰龙⻳龟"
    "⼾户⾭青⿈黄"
)


def _radical_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, last in _RADICAL_RANGES:
        for code in range(first, last + 1):
            unified = unicodedata.normalize("NFKC", chr(code))
            if len(unified) == 1 and unified != chr(code):
                table[code] = unified
    table.update((ord(r), i) for r, i in zip(_RADICAL_IDEOGRAPHS[::2], _RADICAL_IDEOGRAPHS[1::2], strict=True))
    return table


_UNIFIED = _radical_table()


def unify_ideographs(text: str) -> str:
    """The text with every radical or compatibility ideograph as its unified ideograph (⾏ → 行)."""
    return text.translate(_UNIFIED) if _RADICAL.search(text) else text


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Line:
    """One line of a document: its 1-based number, text, and tab-separated cells."""

    no: int
    text: str

    def __init__(self, no: int, text: str) -> None:
        self.no = no
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Line) and (self.no, self.text) == (other.no, other.text)

    def __hash__(self) -> int:
        return hash((self.no, self.text))

    @property
    def cells(self) -> list[str]:
        return list(line_cells(self.text))

    @property
    def is_tabular(self) -> bool:
        return "\t" in self.text


@dataclass(frozen=True)
class SourceDocument:
    source_file: str
    document_id: str
    sha256: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# A space printed between two Chinese characters (justified labels `合 计`, a name wrapped in its cell),
# or between one and an ASCII bracket (`因公出国 (境)费`, `政府办公厅 (室)及相关机构事务`, which the same
# document prints without it in its other tables): typesetting, not part of the name; extraction tools
# keep or drop it at will (a tool drops it where the cell wraps after the character).
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}()])\s+(?=[{_CJK}()])")


# A space between a Chinese character and an ASCII bracket alone (`产出指标 (30分)`): typesetting in a
# printed text too, where the spaces between Chinese characters may be the text's own.
_BRACKET_SPACE = re.compile(rf"(?<=[{_CJK}])\s+(?=\()|(?<=\))\s+(?=[{_CJK}])")


def text_spacing(text: str) -> str:
    """A printed text (an indicator's level, 指标值, 偏差原因 …) as stored: without a space between a
    Chinese character and an ASCII bracket (`产出指标 (30分)` is 产出指标(30分); sample 000 prints both),
    which a PDF tool keeps or drops where a cell wraps; its other spaces as printed."""
    return _BRACKET_SPACE.sub("", text) if " " in text else text


@lru_cache(maxsize=1 << 14)
def name_text(name: str) -> str:
    """A printed name (subject, line, item) as it is compared and stored: without the spaces between its
    Chinese characters (`合 计` is 合计; `文化旅游体育与 传媒支出`, a name wrapped in its cell, is one word)
    and around an ASCII bracket among them (`因公出国 (境)费` is 因公出国(境)费). A space next to a Latin
    letter or a digit stays (`PPP 项目`, `2023 年`)."""
    return _CJK_SPACE.sub("", name) if " " in name else name


def strip_markup(text: str) -> str:
    """The text without stray markup (`<u> </u>`, `$…$`), its spacing as printed."""
    if "<" in text or "$" in text:  # the only characters markup starts with: most cells skip the regex
        return _MARKUP.sub("", text)
    return text


@lru_cache(maxsize=1 << 16)  # a hot spot: every cell of every tabular line, often the same text
def clean_cell(cell: str) -> str:
    """Strip stray markup, normalise width and whitespace of one cell."""
    return " ".join(strip_markup(cell).split())


@lru_cache(maxsize=1 << 14)  # every parser reads a line's cells, most of them more than once
def line_cells(text: str) -> tuple[str, ...]:
    """The cleaned tab-separated cells of a line's text."""
    return tuple([clean_cell(c) for c in text.split("\t")])


def document_id_for(data: bytes) -> str:
    """A stable id from the file content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def decode(data: bytes, source_file: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Find the first line that is not valid UTF-8, to point at it.
    line_no = data[: _first_bad_utf8_offset(data)].count(b"\n") + 1
    raise DocumentError(
        "cannot decode text as UTF-8 or GB18030 (wrong encoding or not a text file)",
        source_file=source_file,
        line_no=line_no,
    )


def _first_bad_utf8_offset(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def parse_document(data: bytes, source_file: str) -> SourceDocument:
    """Decode bytes into a document (a PDF's text: loaders.pdf); raises DocumentError when it cannot be
    read. The document's id is the hash of the file's bytes."""
    if is_pdf(data):
        from loaders.pdf import pdf_text  # imported only for PDFs: a text corpus's workers skip it

        return _document(pdf_text(data, source_file), data, source_file)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("binary file, not extracted text", source_file=source_file, line_no=1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("invalid UTF-16 text", source_file=source_file, line_no=1) from exc
    else:
        text = decode(data, source_file)
    return _document(text, data, source_file)


def _document(text: str, data: bytes, source_file: str) -> SourceDocument:
    text = unify_ideographs(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), start=1))
    if not any(line.text.strip() for line in lines):
        raise DocumentError("empty document", source_file=source_file)
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument(source_file, digest[:16], digest, lines)


def read_document(path: Path, source_file: str | None = None) -> SourceDocument:
    return parse_document(path.read_bytes(), source_file or path.name)
