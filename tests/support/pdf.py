"""A document's text printed as a real PDF, as a department's Excel or WPS export prints it: each block of
tab lines a table with ruled borders (one cell a tab cell, empty cells kept, long cells wrapping inside
their cell), every other line a paragraph wrapping at the page's width, A4 pages. Every page prints a
running header and its page number (`- 3 -`), and a standard table (one with a 栏次 row under a clean
header) prints its header rows again at the top of each page it runs onto (Excel's print titles) and,
ruled, merges its header cells over the empty ones after them. Printed by reportlab with Adobe's STSong
font (not embedded: every PDF reader has it), so the tests need no font file; deterministic
(`invariant`: no date or random id in the file).

STSong prints the GBK repertoire: the few characters of the samples outside it (`²`, `≪`, `₹`) are
replaced by `〓` (`printable`) before printing, and the tests compare the PDF with that same text.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from tests.support.make_extracted import blocks

FONT = "STSong-Light"
PLACEHOLDER = "〓"  # GB 2312's mark for a character it cannot print
RUNNING_HEADER = "某某单位部门预决算信息公开"
WATERMARK = "某某单位部门决算公开件"


def printable(text: str) -> str:
    """The text with every character STSong cannot print (outside GBK) replaced by 〓."""
    out = []
    for ch in text:
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            ch = PLACEHOLDER
        out.append(ch)
    return "".join(out)


RULES = ("grid", "open", "inner", "columns", "zebra", "none")


def print_pdf(text: str, rules: str = "grid", watermark: float | None = None, boxed: bool = False) -> bytes:
    """The text as a PDF (text must be `printable`), its tables ruled (`grid`), ruled but open at their
    sides (`open`: no rule left of the first column nor right of the last, as WPS and Excel often print
    them), with the rules inside them only (`inner`: none around them), ruled between columns only
    (`columns`: a box and column rules, no rule between rows), without rules but their rows shaded in
    turn (`zebra`: each row's background a box) or printed without any rule (`none`, as a scan's OCR
    text layer gives them). `watermark`: every page also prints WATERMARK in large light grey letters
    across its middle, turned by that many degrees, under its text and tables. `boxed`: the unit line
    right above a table (`单位：万元`) and the note right under it (`注：…`) are printed as its first and
    last rows, one cell spanning its width, as Excel exports often print them (the unit row is
    repeated atop each page with the header). A row too tall for an A4 page (a long analysis text) is
    printed on taller pages instead, as reportlab cannot break a row."""
    from reportlab.platypus.doctemplate import LayoutError

    if rules not in RULES:
        raise ValueError(f"rules must be one of {RULES}, not {rules!r}")
    try:
        return _print(text, 1, rules, watermark, boxed)
    except LayoutError:
        return _print(text, 3, rules, watermark, boxed)


def header_rows(lines: list[str]) -> int:
    """How many rows a table repeats atop each page: its header through its 栏次 row, when that row is
    among its first five and no header row above it prints a digit (the samples' stray marks)."""
    for i, line in enumerate(lines[:5]):
        if "".join(line.split("\t")[0].split()) == "栏次":
            return 0 if any(ch.isdigit() for row in lines[:i] for ch in row) else i + 1
    return 0


def header_spans(header: list[str], width: int) -> list[tuple[Any, ...]]:
    """A standard table's header cells (its `header_rows` lines) merged as Excel prints them: a header
    cell followed by empty cells spans them (`收 入` over 项目 | 行次 | 金额, `栏 次` over two columns)."""
    spans: list[tuple[Any, ...]] = []
    for i, line in enumerate(header):
        cells = [cell.strip() for cell in line.split("\t")]
        cells += [""] * (width - len(cells))
        j = 0
        while j < width:
            k = j + 1
            while cells[j] and k < width and not cells[k]:
                k += 1
            if k - j > 1:
                spans.append(("SPAN", (j, i), (k - 1, i)))
            j = k
    return spans


def boxed_blocks(text: str) -> list[tuple[str, list[str], int]]:
    """The document's blocks (`make_extracted.blocks`), each with which of its lines are rows spanning
    it: its first (1), its last (2), both (3) or none (0). A table takes in the unit line right above
    it and the 注 line right under it, padded with tabs to its width."""
    out: list[tuple[str, list[str], int]] = []
    found = list(blocks(text.split("\n")))
    n = 0
    while n < len(found):
        kind, lines = found[n]
        if kind == "table":
            width = max(len(line.split("\t")) for line in lines)
            spanned = 0
            if out and out[-1][0] == "p" and out[-1][1][0].strip().startswith(("单位", "金额单位")):
                lines = [out.pop()[1][0].strip() + "\t" * (width - 1), *lines]
                spanned += 1
            if n + 1 < len(found) and found[n + 1][0] == "p" and found[n + 1][1][0].strip().startswith("注"):
                lines = [*lines, found[n + 1][1][0].strip() + "\t" * (width - 1)]
                spanned += 2
                n += 1
            out.append((kind, lines, spanned))
        else:
            out.append((kind, lines, 0))
        n += 1
    return out


def _print(text: str, height: int, rules: str, watermark: float | None, boxed: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    paragraph = ParagraphStyle("p", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    story = []
    printed = boxed_blocks(text) if boxed else [(kind, lines, 0) for kind, lines in blocks(text.split("\n"))]
    for kind, lines, spanned in printed:
        if kind == "p":
            story.append(Paragraph(escape(lines[0].strip()), paragraph))
            continue
        width = max(len(line.split("\t")) for line in lines)
        rows = [[Paragraph(escape(c.strip()), cell) for c in line.split("\t")] for line in lines]
        rows = [row + [Paragraph("", cell)] * (width - len(row)) for row in rows]
        widths = [180 * mm / width] * width
        head = header_rows(lines)
        table = Table(rows, colWidths=widths, spaceBefore=6, spaceAfter=6, repeatRows=head)
        drawn: list[tuple[Any, ...]] = []
        if rules == "grid":
            drawn = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
        elif rules == "zebra":
            drawn = [("ROWBACKGROUNDS", (0, 0), (-1, -1), [(0.9, 0.9, 0.9), (1, 1, 1)])]
        elif rules == "open":
            drawn = [("INNERGRID", (0, 0), (-1, -1), 0.5, "black")]
            drawn += [("LINEABOVE", (0, 0), (-1, 0), 0.5, "black"), ("LINEBELOW", (0, -1), (-1, -1), 0.5, "black")]
        elif rules == "inner":
            drawn = [("INNERGRID", (0, 0), (-1, -1), 0.5, "black")]
        elif rules == "columns":
            drawn = [("BOX", (0, 0), (-1, -1), 0.5, "black")]
            drawn += [("LINEAFTER", (n, 0), (n, -1), 0.5, "black") for n in range(width - 1)]
        spans = header_spans(lines[:head], width) if rules in ("grid", "open", "inner") else []
        spans += [("SPAN", (0, 0), (-1, 0))] if spanned & 1 else []
        spans += [("SPAN", (0, -1), (-1, -1))] if spanned & 2 else []
        table.setStyle(TableStyle([*drawn, *spans, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(table)
    out = io.BytesIO()
    page = (A4[0], A4[1] * height)
    margins = {"leftMargin": 15 * mm, "rightMargin": 15 * mm, "topMargin": 18 * mm, "bottomMargin": 20 * mm}

    def furniture(canvas: Any, document: Any) -> None:
        canvas.setFont(FONT, 9)
        canvas.drawString(15 * mm, page[1] - 10 * mm, RUNNING_HEADER)
        canvas.drawCentredString(page[0] / 2, 10 * mm, f"- {document.page} -")
        if watermark is not None:  # drawn before the page's tables and paragraphs
            canvas.saveState()
            canvas.setFillGray(0.85)
            canvas.setFont(FONT, 40)
            canvas.translate(page[0] / 2, page[1] / 2)
            canvas.rotate(watermark)
            canvas.drawCentredString(0, 0, WATERMARK)
            canvas.restoreState()

    template = SimpleDocTemplate(out, pagesize=page, invariant=1, **margins)
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def glyph_pdf(lines: list[tuple[bool, str]]) -> bytes:
    """One A4 page printing each (mapped, text) line, top down: a mapped line in Helvetica (ASCII text),
    any other through a CID font that maps its glyphs to no text (Identity-H, no ToUnicode map: a font
    embedded as a subset without one prints so), each character its code point as the glyph number.
    Written by hand: reportlab writes a ToUnicode map or a known character collection for every font."""
    content = []
    for n, (mapped, text) in enumerate(lines):
        shown = "(" + text + ")" if mapped else "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"
        content.append(f"BT /{'F2' if mapped else 'F1'} 12 Tf 72 {760 - 20 * n} Td {shown} Tj ET")
    stream = "\n".join(content).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Song /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Song /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+Song /Flags 4 /FontBBox [0 -200 1000 800]"
        b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
