"""Open a PDF into the page model: every page read once, the model built once.

`open_document` sniffs the file (pipeline.reader.sniff), opens it in PDFium (pipeline.reader.
pdfium_file: `encrypted`, `corrupt`, the page count), reads every page's text layer (pdfplumber, or
with triage PDFium where it gives the same words: pipeline.reader.triage), OCRs the pages that are
scans (pipeline.reader.ocr), and only then builds the page model from the pages' readings
(`extractors.layout.build_document`). Every bad input ends in a `DocumentError`
(pipeline.reader.limits); it runs in the calling process, so a run calls it in a worker process
under the time and memory limits (`pipeline.workers.run_isolated`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2

from extractors.layout import build_document
from extractors.page import Document, PageReading

from .limits import DocumentError, Limits, memory_error
from .ocr import ocr_readings, scanned_pages
from .pdfium_file import open_pdfium
from .plumber_words import read_plumber_pages
from .sniff import sniff_file
from .triage import read_triaged_pages

if TYPE_CHECKING:
    from .triage import TriageReport


def open_document(
    path: str | Path, limits: Limits | None = None, triage: bool = False, report: "TriageReport | None" = None
) -> Document:
    """Page model of a PDF, OCR'ing scanned pages; with `triage`, pages that need no pdfplumber
    parse are read through PDFium (pipeline.reader.triage: the same words, checked; `report` says how).

    Raises DocumentError for every bad input, never another exception for a bad file; only a
    missing or unreadable path raises OSError. Runs in the calling process: run it under
    `pipeline.workers.run_isolated` for the time and memory limits.
    """
    limits = limits or Limits()
    path = Path(path)
    sniff_file(path, limits)
    pdf = open_pdfium(path, limits)
    try:
        readings, n_pages, info = read_text_layer(path, pdf if triage else None, report)
        scans = scanned_pages(pdf, readings)
        if scans:
            readings = ocr_readings(pdf, readings, scans, limits, path.name)
        if not any(reading.words for reading in readings):
            raise DocumentError("no_text", no_text_reason(len(readings), n_pages, scans, limits))
        return build_document(readings, n_pages=n_pages, info=info, file_name=path.name)
    except MemoryError:
        raise memory_error() from None
    finally:
        pdf.close()


def read_pages(
    path: Path, pdfium: pypdfium2.PdfDocument | None, report: "TriageReport | None"
) -> tuple[list[PageReading], int, dict]:
    """(reading of every page, pages in the file, PDF metadata) of the text layer: every page parsed
    by pdfplumber, or, given the file opened in PDFium, pages read as triage chooses."""
    with pdfplumber.open(str(path)) as pdf:
        readings = read_triaged_pages(pdf, pdfium, report) if pdfium is not None else read_plumber_pages(pdf)
        info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        return readings, len(pdf.pages), info


def read_text_layer(
    path: Path, pdfium: pypdfium2.PdfDocument | None, report: "TriageReport | None"
) -> tuple[list[PageReading], int, dict]:
    """`read_pages`, with pdfminer's failures turned into DocumentError: a file PDFium opens but
    pdfminer cannot decrypt (an owner password only) is `encrypted`, one it cannot parse `corrupt`."""
    try:
        return read_pages(path, pdfium, report)
    except (DocumentError, MemoryError):
        raise
    except RecursionError:
        raise DocumentError(
            "corrupt", "pdfminer cannot read it (objects nested too deeply or in a cycle): the file is damaged"
        ) from None
    except Exception as e:
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        name = type(inner).__name__
        if "Password" in name or "Encryption" in name:
            raise DocumentError(
                "encrypted",
                f"encrypted with an owner password only: PDFium opens it without "
                f"a password, but pdfminer cannot decrypt it ({name}: {inner}); "
                "decrypt it with `qpdf --decrypt in.pdf out.pdf`",
            ) from None
        raise DocumentError("corrupt", f"pdfminer cannot read it ({name}: {inner}): the file is damaged") from None


def no_text_reason(read: int, n_pages: int, scans: list[PageReading], limits: Limits) -> str:
    """Why a document of `n_pages`, `read` of them read, has no text: blank scans or no text layer."""
    where = "any page" if read == n_pages else f"the {read} requested page(s)"
    if scans:
        return (
            f"OCR ({limits.ocr_lang}, {limits.ocr_dpi} dpi) found no text on the {len(scans)} scanned "
            f"page(s) and there is no text layer on {where}: the scan may be blank, too faint or a picture"
        )
    return (
        f"no text layer on {where} and no images to OCR: the pages are blank or their text is drawn as vector outlines"
    )
