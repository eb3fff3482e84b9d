"""Reading a document's extracted text: encoding, identity, lines and cells."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.errors import DocumentError

# Encodings tried in order. GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8-sig", "gb18030")

_MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,40}>|\$[^$\n]{0,40}\$")


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number, text, and tab-separated cells."""

    no: int
    text: str

    @property
    def cells(self) -> list[str]:
        return [clean_cell(c) for c in self.text.split("\t")]

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


@lru_cache(maxsize=1 << 16)  # a hot spot: every cell of every tabular line, often the same text
def clean_cell(cell: str) -> str:
    """Strip stray markup, normalise width and whitespace of one cell."""
    cell = _MARKUP.sub("", cell)
    return " ".join(cell.split())


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
        source_file,
        line_no,
    )


def _first_bad_utf8_offset(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def parse_document(data: bytes, source_file: str) -> SourceDocument:
    """Decode bytes into a document; raises DocumentError when it cannot be read."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("binary file, not extracted text", source_file, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("invalid UTF-16 text", source_file, 1) from exc
    else:
        text = decode(data, source_file)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), start=1))
    if not any(line.text.strip() for line in lines):
        raise DocumentError("empty document", source_file, 0)
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument(source_file, digest[:16], digest, lines)


def read_document(path: Path, source_file: str | None = None) -> SourceDocument:
    return parse_document(path.read_bytes(), source_file or path.name)
