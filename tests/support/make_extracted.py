"""Make the extraction-tool fixtures: every sample document printed as a real PDF, then its text
extracted by real PDF text-extraction tools (tests/fixtures/extracted/<tool>/<sample name>.txt).

Run by hand, not by CI (CI needs none of these tools):

    apt-get install chromium fonts-noto-cjk poppler-utils
    .venv/bin/pip install pdfplumber pymupdf        # into the venv only, not requirements.txt
    .venv/bin/python -m tests.support.make_extracted [--printing=NAME ...] [SAMPLE_NAME ...]

How a sample becomes a PDF: its narrative lines become paragraphs; each block of consecutive
tab-separated lines becomes a bordered HTML table with one <td> per tab cell (empty cells kept as
empty <td>), at a fixed table width so that long cells wrap inside their cell as a PDF's would; the
page is A4 with a page number printed in the footer of every page, so tables break over pages with a
page number between their rows. Headless Chromium prints it (`--print-to-pdf`, without its dated
header), and the text is extracted by:

- `pdftotext-layout`: poppler's `pdftotext -layout` (columns aligned with spaces);
- `pdftotext`: plain `pdftotext` (poppler's reading order: a table's cells column by column);
- `pdfplumber`: pdfplumber's `page.extract_text()`;
- `pymupdf`: PyMuPDF's `page.get_text()` (one text block per line: a table's cells one per line).

The same documents are also printed in other ways (PRINTINGS: cells aligned to the top or the bottom of
their row instead of its middle, narrower columns with a larger font), each extracted by the same tools
into tests/fixtures/extracted/printings/<printing>/<tool>/: where a wrapped cell's lines sit against the
row's other cells is what differs most between real PDFs.

Only the first three project performance tables of a document are printed, each whole (`shortened`),
and only the pages the tests use are extracted: the cover (the document's metadata) and every page that
draws table borders (narrative-only pages are left out). Pages are joined with a form feed opening the
next page's first line (as pdftotext does). Trailing spaces are stripped from every line
(pdftotext -layout pads lines; the loaders strip them anyway) so that the fixtures stay small. The
output is deterministic for a given version of the tools (the PDF's creation date never reaches the
text).
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "documents"
OUT = ROOT / "tests" / "fixtures" / "extracted"

STYLE = """
@page { size: A4; margin: 18mm 15mm 20mm 15mm;
        @bottom-center { content: "- " counter(page) " -"; font: 9pt "Noto Sans CJK SC"; } }
body { font: 10.5pt "Noto Sans CJK SC", sans-serif; line-height: 1.5; }
p { margin: 0 0 4pt 0; }
table { width: 180mm; border-collapse: collapse; margin: 6pt 0 10pt 0; font-size: 8.5pt; line-height: 1.3; }
td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: middle; }
"""


def blocks(lines: list[str]) -> Iterator[tuple[str, list[str]]]:
    """The document as ("p", [line]) paragraphs and ("table", [tab lines]) blocks, in order."""
    table: list[str] = []
    for line in lines:
        if "\t" in line:
            table.append(line)
            continue
        if table:
            yield "table", table
            table = []
        if line.strip():
            yield "p", [line]
    if table:
        yield "table", table


def table_html(rows: list[str]) -> str:
    width = max(len(row.split("\t")) for row in rows)
    out = ["<table>"]
    for row in rows:
        cells = row.split("\t")
        cells += [""] * (width - len(cells))
        out.append("<tr>" + "".join(f"<td>{html.escape(cell.strip())}</td>" for cell in cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def document_html(text: str, style: str = STYLE) -> str:
    body = []
    for kind, lines in blocks(text.split("\n")):
        body.append(table_html(lines) if kind == "table" else f"<p>{html.escape(lines[0].strip())}</p>")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        + style
        + "</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def print_pdf(page: Path, pdf: Path) -> None:
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


PERFORMANCE_TABLES = 3  # project performance tables kept per document (whole: their tests compare facts)


def shortened(text: str) -> str:
    """The document without its project performance tables after the first few, to keep the fixtures
    small: each dropped table runs from its title to the next title of another family (or the end),
    so every table kept is printed whole."""
    from loaders.tables import classify_title

    performance = ("performance_summary", "performance_self_evaluation", "performance_target")
    kept: list[str] = []
    seen, dropping = 0, False
    for line in text.split("\n"):
        family = classify_title(line)
        if family in performance[1:]:
            seen += 1
            dropping = seen > PERFORMANCE_TABLES
        elif family is not None and family not in performance:
            dropping = False
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


def kept_pages(pdf: Path) -> list[int]:
    """The pages the tests use (0-based): the cover, and every page that draws table borders (pages of
    narrative only are left out to keep the fixtures small)."""
    import pymupdf

    with pymupdf.open(pdf) as document:
        return [n for n, page in enumerate(document) if n == 0 or page.get_drawings()]


def pdftotext(pdf: Path, pages: list[int], *options: str) -> str:
    texts = []
    for n in pages:
        command = ["pdftotext", "-enc", "UTF-8", "-f", str(n + 1), "-l", str(n + 1), *options, str(pdf), "-"]
        texts.append(subprocess.run(command, check=True, capture_output=True, text=True).stdout.rstrip("\f"))
    return "\f".join(texts)


def pdfplumber_text(pdf: Path, pages: list[int]) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\n\f".join(document.pages[n].extract_text() or "" for n in pages)


def pymupdf_text(pdf: Path, pages: list[int]) -> str:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return "\n\f".join(document[n].get_text() for n in pages)


TOOLS: dict[str, Callable[[Path, list[int]], str]] = {
    "pdftotext-layout": lambda pdf, pages: pdftotext(pdf, pages, "-layout"),
    "pdftotext": lambda pdf, pages: pdftotext(pdf, pages),
    "pdfplumber": pdfplumber_text,
    "pymupdf": pymupdf_text,
}


def tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


# Other printings of the same documents (tests/fixtures/extracted/printings/<printing>/<tool>/): real PDFs
# differ in how a cell's lines sit against the row's other cells and in how narrow the columns are, and
# each difference moves wrapped names to other lines.
PRINTINGS: dict[str, Callable[[str], str]] = {
    "middle": lambda style: style,  # the default (tests/fixtures/extracted/<tool>/)
    "top": lambda style: style.replace("vertical-align: middle", "vertical-align: top"),
    "bottom": lambda style: style.replace("vertical-align: middle", "vertical-align: bottom"),
    "narrow": lambda style: style.replace("width: 180mm", "width: 160mm").replace("font-size: 8.5pt", "font-size: 9pt"),
}


def out_dir(printing: str) -> Path:
    return OUT if printing == "middle" else OUT / "printings" / printing


def make(name: str, work: Path, printing: str = "middle") -> None:
    page = work / f"{name}.html"
    pdf = work / f"{name}.pdf"
    text = shortened((SAMPLES / name).read_text(encoding="utf-8"))
    page.write_text(document_html(text, PRINTINGS[printing](STYLE)), encoding="utf-8")
    print_pdf(page, pdf)
    pages = kept_pages(pdf)
    for tool, extract in TOOLS.items():
        target = out_dir(printing) / tool / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(tidy(extract(pdf, pages)), encoding="utf-8")
        print(f"{tool}/{name}: {target.stat().st_size} bytes")


def main(argv: list[str]) -> None:
    printings = [a.removeprefix("--printing=") for a in argv if a.startswith("--printing=")] or list(PRINTINGS)
    names = [a for a in argv if not a.startswith("--")] or sorted(p.name for p in SAMPLES.glob("*.txt"))
    with tempfile.TemporaryDirectory() as work:
        for printing in printings:
            for name in names:
                make(name, Path(work), printing)


if __name__ == "__main__":
    main(sys.argv[1:])
