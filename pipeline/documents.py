"""Open an input file safely: every way a crawled "PDF" can be bad ends in one `DocumentError`.

A crawl brings in scans without a text layer, password-protected files, truncated downloads,
HTML error pages saved as .pdf, empty files and files that make a parser spin or eat memory.
`open_document` turns each of these into a `DocumentError` whose `code` is one of SCHEMA.md's
`error_code` values and whose `message` says what was seen and what to do about it; a file that
opens comes back as the page model (`extractors.page.Document`). `run_isolated` runs such a call
in a child process with a wall-clock timeout and a memory cap, so a pathological file costs one
`timeout` or `too_large` row instead of the whole run. Worker processes are reused between calls
(a fresh process per call would re-import the caller's `__main__`, 1.2 s for a Prefect entry point):

    doc = run_isolated(open_document, path, limits,
                       timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)

(`open_isolated(path, limits)` is that line.)

Decisions worth knowing
- Sniffing happens before any parser sees the file: 0 bytes, or nothing but whitespace/NUL bytes
  (a failed or preallocated download), is `empty`; no `%PDF-` in the first 1 KB is `not_pdf`, with
  a guess at what the file is instead; more than `Limits.max_bytes` is `too_large`.
- PDFium opens the file first (fast, and it decides `encrypted`, `corrupt` and the page count);
  the text layer is then read by `pipeline.pdf.read_document`: pdfplumber, or with triage PDFium
  where it gives the same words (pipeline.triage).
- Encryption with an *empty user password* (an owner password restricting printing or copying)
  is not an error: every viewer opens such a file without asking, PDFium and pdfminer decrypt it
  with the empty password, and its text is read like any other (the permission flags are not
  enforced; we read published reports, we do not redistribute them). Only when a password is
  needed to open the file, the security handler is unsupported, or pdfminer cannot decrypt what
  PDFium could, is it `encrypted`; the message suggests `qpdf --decrypt`.
- A page whose text layer has no words but which shows an image is a scan and is OCR'd
  (tesseract via pytesseract, `Limits.ocr_lang` at `Limits.ocr_dpi`). OCR words go through the same
  `extractors.layout.build_document` as text-layer words, so running headers/footers and columns
  are handled alike; those pages get `text_source = "ocr"` and so does the document. Pages with
  neither words nor images (blank pages, text drawn as vector outlines) are left empty. Every
  tesseract run loads the language model first (~0.16 s), so scanned pages are read
  OCR_BATCH_PAGES at a time in one run over a multi-page TIFF (only that batch's rendered pages
  are held); when such a run fails, its pages are read one by one, so only a page tesseract fails
  on is lost.
- Numbers are read twice. Tesseract reads a page line by line, and in a table row ("2. Tillgäng-
  lighet … 52") it sometimes drops or changes a digit of the score or reads it as letters ("2" at
  confidence 2, "SÅ" for 57, "7155" for 71,5) although the digits are perfectly clear: the line
  recogniser gets the number wrong in its context, and its confidence says so. Each doubtful number
  (low confidence, or a box too wide for its text) and each short low-confidence word is cut out of
  the page (table rules beside it whitened) and read again on its own: at three small sizes, grey
  and binarised (Otsu), once with a digit whitelist and once without (`reread_numbers`; the
  cut-outs of all pages are read together, one tesseract run per pass for the whole document,
  0.1-0.5 s per page). The word is replaced only when most of these readings agree on the same
  number; see OCR_REREAD_VOTES for the stricter cases. Checks downstream (sums, ranges) then see
  OCR'd numbers like any others, but are not what catches OCR errors. Words tesseract does not
  find at all are not recovered.
- If scanned pages cannot be OCR'd (tesseract or its language data missing): a document with no
  text at all is `no_text` naming the packages to install; a document that has text on other pages
  is returned with the scanned pages empty and a warning logged.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
import pickle
import re
import signal
import string
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image, ImageDraw, ImageOps

from extractors.layout import build_document
from extractors.page import Document, Page, Word
from pipeline import pdf as pdf_text

if TYPE_CHECKING:
    from pipeline.triage import TriageReport

log = logging.getLogger(__name__)

ERROR_CODES = ("encrypted", "corrupt", "empty", "not_pdf", "no_text", "too_large", "timeout")

#: The PDF header may follow some junk; Acrobat (and PDFium) look for it in the first 1024 bytes.
HEADER_WINDOW = 1024
#: How much of a non-PDF file is read to say what it is (an HTML <title> is usually in here).
SNIFF_WINDOW = 8192
#: Bytes that make a file "empty": whitespace, and NUL from preallocated downloads that never filled.
BLANK_BYTES = b" \t\r\n\x0b\x0c\x00"
#: "%%EOF" should end a PDF; readers accept it within the last 1024 bytes. Its absence explains a
#: failure to open as a truncated download.
EOF_WINDOW = 1024
#: Render pixels are capped so a page with an absurd MediaBox cannot exhaust memory when OCR'd:
#: 100 Mpx is an A0 sheet at 300 dpi; an A4 page is 8.7 Mpx.
MAX_OCR_PIXELS = 100_000_000
#: Tesseract reports conf -1 for layout rows and 0-100 for words; words below this are dropped.
#: 0 keeps every recognised word: low-confidence words are often right, and dropping one would
#: cut a score or a name in half. Raise it if pictures produce junk words.
MIN_OCR_CONFIDENCE = 0.0
#: Words with no letter or digit below this confidence, or smaller than OCR_SPECK_SIZE times the
#: page's median word height, are specks of scan noise ("-", ":", a 2 px "|"; also a lone "–"
#: dash, read as "—-" at conf 12). Scores ("63,5" read at conf 20-60 on degraded test scans) have
#: digits, so no confidence threshold applies to them.
OCR_SPECK_CONFIDENCE = 50.0
OCR_SPECK_SIZE = 0.25
#: A word (or line box) this many times taller than the page's median word is not text: tesseract
#: reads a column of list numbers as one tall "word" that would swallow the rows beside it.
OCR_MAX_HEIGHT_RATIO = 3.0
#: What tesseract's Swedish model reads a "•" bullet as when it starts a line (seen: « and », at
#: confidence 45-80); such a word becomes "•" whatever its confidence.
OCR_BULLET_MISREADS = {"«", "»", "*", "°", "¢", "©", "®"}
#: Tesseract page segmentation: 4 = "a single column of text of variable sizes". The default 3
#: (automatic blocks) splits the "1." … "8." of a numbered result table into a block of its own
#: and garbles it; columns are split afterwards by extractors.layout anyway, as for text PDFs.
TESSERACT_PSM = 4
#: Scanned pages read in one tesseract run (a multi-page TIFF): each run loads the language model
#: first (~0.16 s). The batch's rendered pages are held together, ~9 MB per A4 page at 300 dpi.
OCR_BATCH_PAGES = 8
#: Second reading of numbers (`reread_numbers`). A word is re-read when it is a number
#: (OCR_NUMBER) read below OCR_REREAD_CONFIDENCE or whose box is wider than OCR_REREAD_WIDE times
#: its height per character (a dropped digit: "2" in the box of "52"), or when it is a short word
#: (at most OCR_REREAD_SHORT characters, a letter or digit among them: not a lone "-" or "«",
#: mostly bullets and specks) read below OCR_REREAD_SHORT_CONFIDENCE (a number read as letters:
#: "SÅ", "DO", "De" for 57, 55, 52, seen at confidence 0-80). Correct numbers on scans of the
#: factory fixtures at 200-300 dpi were read at 89-96 and at most 0.92 x height per character;
#: "35" for 55 was read at 90.
OCR_NUMBER = re.compile(r"[(\[]?[-–+]?[\d.,;:/%–-]*\d[\d.,;:/%–-]*[)\]]?[.,:;]?")
OCR_REREAD_CONFIDENCE = 95.0
OCR_REREAD_WIDE = 1.1
OCR_REREAD_SHORT = 4
OCR_REREAD_SHORT_CONFIDENCE = 90.0
#: Characters of the digit-only readings: digits, decimal and thousands separators, ranges, dates,
#: percentages, "(21)" and footnote marks ("0 *)").
OCR_REREAD_WHITELIST = "0123456789,.-:/%()*"
#: The cut-out word is read at these text heights (px), each grey and binarised. Tesseract reads a
#: lone word best when it is small: at 26-32 px it already misses "55" in Liberation Serif that it
#: reads at 16-24, and at 40 px and more it drops digits of clean numbers.
OCR_REREAD_HEIGHTS = (16, 20, 24)
#: Horizontal margin of the cut-out (x word height), so digits left out of the box are read too
#: ("TÅ" covering only the "71" of "71,5"); it stops half-way to the nearest word beside it.
OCR_REREAD_MARGIN = 1.2
#: Readings needed to change a word. Of the 6 digit-only readings a number needs OCR_REREAD_VOTES
#: and a short word OCR_REREAD_WORD_VOTES, and OCR_REREAD_CONFIRM of the 6 unconstrained readings
#: must read the same number (so "IT" does not become 17). A first reading at OCR_REREAD_SURE or
#: more needs all but one, and is never just extended ("7." at 93 read alone as "17."), unless
#: its box is too wide (above). A change of punctuation only needs every digit-only reading when
#: the first reading was a plausible number read at OCR_REREAD_PUNCTUATION_CONFIDENCE or more: a
#: period and a comma are a few pixels apart at 200 dpi ("4." and "4," split the readings).
OCR_REREAD_VOTES = 4
OCR_REREAD_WORD_VOTES = 3
OCR_REREAD_CONFIRM = 3
OCR_REREAD_SURE = 80.0
OCR_REREAD_PUNCTUATION_CONFIDENCE = 50.0
#: A reading counts only when it overlaps the word's own box by half (not a neighbour read alone).
OCR_REREAD_OVERLAP = 0.5
#: Two doubtful words on one line at most this many times their height apart are also read as one
#: (tesseract splits "71,5" at the comma into "TÅ" and "Be").
OCR_REREAD_JOIN = 0.5
#: A column beside the word that is dark over this share of twice the word's height is a table
#: rule ("|" beside "2.", read as "12."); it and whatever lies beyond it are whitened.
OCR_REREAD_RULE = 0.7
#: At most this many words per page are re-read, the least confident first (12 readings of about
#: 5 ms each per word): a bound for pages of noise.
OCR_REREAD_MAX_WORDS = 150
#: The second readings of a document's pages are made together (two tesseract runs in all) unless
#: their cut-out views reach this many (~17 MB); then those are read before OCR goes on. A view is
#: about 3.4 KB; the test scans have 6-100 per page (6 per doubtful word), a page of noise up to
#: about 1800. Each waiting page's first reading is held too, ~0.15 MB.
OCR_REREAD_MAX_VIEWS = 5000
#: Apt packages named in messages when OCR is unavailable.
TESSERACT_PACKAGE = "tesseract-ocr"


@dataclass
class Limits:
    """Limits for opening one document; the defaults suit 20–40 page reports on a 2-core machine.

    - `max_bytes` (200 MiB): larger files are `too_large` before any parser sees them; a 40-page
      report is a few MB, a 300 dpi scan of one tens of MB.
    - `max_pages` (400): more pages is `too_large` (an annual report or a merged dump, not a report).
    - `timeout_s` (180 s): wall-clock budget of one document when run under `run_isolated`;
      OCR took 1–5 s per A4 page at 300 dpi on the test scans (2 cores), so a long scan may need more.
    - `memory_mb` (3072 MB): address-space cap of the worker process under `run_isolated`; a worker
      with the PDF libraries loaded already maps ~400 MB, so caps below ~600 MB leave no room.
    - `ocr_dpi` (300): render resolution for OCR; tesseract is most accurate at 300 dpi.
    - `ocr_lang` ("swe"): tesseract language(s), e.g. "swe+nor" for Norwegian reports too
      (needs tesseract-ocr-nor).
    """

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 400
    timeout_s: float = 180.0
    memory_mb: int = 3072
    ocr_dpi: int = 300
    ocr_lang: str = "swe"

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "timeout_s", "memory_mb", "ocr_dpi"):
            if not getattr(self, name) > 0:
                raise ValueError(f"Limits.{name} must be positive, got {getattr(self, name)!r}")
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", self.ocr_lang):
            raise ValueError(f"Limits.ocr_lang must look like 'swe' or 'swe+nor', got {self.ocr_lang!r}")


class DocumentError(Exception):
    """A document that cannot be read: `code` is SCHEMA.md's error_code, `message` the reason.

    `cause` is None when the reader decided the code itself; `run_isolated` sets it to the
    exception type ("ValueError", "MemoryError") or signal ("SIGSEGV") a worker failure was mapped
    from, so callers can tell an unexpected failure (worth a bug report) from a bad file.
    """

    def __init__(self, code: str, message: str, cause: str | None = None):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}; expected one of {', '.join(ERROR_CODES)}")
        super().__init__(code, message, cause)
        self.code = code
        self.message = message
        self.cause = cause

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


# --------------------------------------------------------------------------- sniffing

def sniff_file(path: str | Path, limits: Limits | None = None) -> None:
    """Raise DocumentError unless the file is non-empty, starts like a PDF and is within max_bytes.

    Cheap (reads at most a few KB, more only for a file of blanks): it runs before any parser.
    A missing or unreadable file raises OSError: that is the caller's problem, not the document's.
    """
    limits = limits or Limits()
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise DocumentError("empty", "the file is empty (0 bytes): probably a failed download; fetch it again")
    with path.open("rb") as f:
        head = f.read(SNIFF_WINDOW)
        if b"%PDF-" not in head[: HEADER_WINDOW + 5]:
            if not head.strip(BLANK_BYTES) and is_blank_rest(f, limits.max_bytes):
                raise DocumentError("empty", f"the file holds only whitespace or NUL bytes ({size} bytes): "
                                             "probably a failed download; fetch it again")
            raise DocumentError("not_pdf", f"not a PDF (no %PDF- header in the first 1 KB): "
                                           f"the file looks like {describe_content(head)}")
    if size > limits.max_bytes:
        raise DocumentError("too_large", f"the file is {size / 2**20:.1f} MB, over the limit of "
                                         f"{limits.max_bytes / 2**20:.1f} MB (Limits.max_bytes); "
                                         "raise the limit to read it")


def is_blank_rest(f, max_bytes: int) -> bool:
    """Whether the rest of an open binary file (up to max_bytes) is whitespace/NUL only."""
    while f.tell() < max_bytes and (chunk := f.read(2**20)):
        if chunk.strip(BLANK_BYTES):
            return False
    return True


#: Leading magic bytes → what the file is, and a hint.
MAGIC = [
    (b"PK\x03\x04", "a ZIP archive", ""),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls/.ppt)",
     "; convert it to PDF (e.g. LibreOffice) to read it"),
    (b"{\\rtf", "an RTF document", "; convert it to PDF to read it"),
    (b"%!PS", "a PostScript file", "; convert it with ps2pdf to read it"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "; convert it to PDF (img2pdf) to OCR it"),
    (b"\xff\xd8\xff", "a JPEG image", "; convert it to PDF (img2pdf) to OCR it"),
    (b"GIF8", "a GIF image", ""),
    (b"II*\x00", "a TIFF image", "; convert it to PDF (tiff2pdf) to OCR it"),
    (b"MM\x00*", "a TIFF image", "; convert it to PDF (tiff2pdf) to OCR it"),
    (b"\x1f\x8b", "gzip-compressed data",
     "; the server's compressed response was saved without decompressing: gunzip it"),
    (b"Rar!", "a RAR archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
]
TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)


def describe_content(head: bytes) -> str:
    """A short guess at what a non-PDF file is, from its first bytes, with a hint what to do."""
    for magic, what, hint in MAGIC:
        if head.startswith(magic):
            if magic == b"PK\x03\x04":
                office = {b"word/": "a Word document (.docx)", b"ppt/": "a PowerPoint file (.pptx)",
                          b"xl/": "an Excel file (.xlsx)"}
                for marker, name in office.items():
                    if marker in head:
                        return f"{name}; convert it to PDF (e.g. LibreOffice) to read it"
            return what + hint
    text = decode_head(head)
    stripped = text.lstrip()
    lower = stripped[:HEADER_WINDOW].lower()
    if lower.startswith(("<!doctype html", "<html", "<head", "<body")) or (
            lower.startswith(("<?xml", "<!doctype")) and "<html" in lower):
        title = TITLE.search(head)
        titled = f", titled {clip(decode_head(title.group(1)))!r}" if title and title.group(1).strip() else ""
        first_tag = re.match(r"<[^>]{0,40}>", stripped)
        shown = first_tag.group(0) + "…" if first_tag else clip(stripped, 30)
        return (f"an HTML page ({shown}){titled}: probably an error or login page saved "
                "under a .pdf name; fetch the document again from its source")
    if lower.startswith("<?xml") or lower.startswith("<"):
        return f"an XML/markup document ({clip(stripped, 30)})"
    if lower.startswith(("{", "[")):
        return f"JSON or other text ({clip(stripped, 40)})"
    if head and sum(ch in string.printable or ch.isalpha() for ch in text[:512]) >= 0.9 * min(len(text), 512):
        return f"plain text ({clip(stripped, 60)})"
    return f"binary data (starting {head[:8].hex(' ')})"


def decode_head(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start > len(data) - 4:          # a character cut at the end of the window
            return data[: e.start].decode("utf-8")
        return data.decode("latin-1")


def clip(text: str, n: int = 60) -> str:
    """First n characters on one line, with an ellipsis when cut."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= n else one_line[:n].rstrip() + "…"


# --------------------------------------------------------------------------- opening

def open_document(path: str | Path, limits: Limits | None = None, triage: bool = False,
                  report: "TriageReport | None" = None) -> Document:
    """Page model of a PDF, OCR'ing scanned pages; with `triage`, pages that need no pdfplumber
    parse are read through PDFium (pipeline.triage: the same words, checked; `report` says how).

    Raises DocumentError for every bad input (see the module docstring for the decisions), never
    another exception for a bad file; only a missing or unreadable path raises OSError. Runs in
    the calling process: wrap it in `run_isolated` (or call `open_isolated`) for the time and
    memory limits.
    """
    limits = limits or Limits()
    path = Path(path)
    sniff_file(path, limits)
    pdf = open_pdfium(path, limits)
    try:
        doc = read_text_layer(path, pdf if triage else None, report)
        scans = scanned_pages(pdf, doc)
        if scans:
            doc = ocr_pages(pdf, doc, scans, limits)
        if not any(page.lines or page.margin_lines for page in doc.pages):
            raise DocumentError("no_text", no_text_reason(doc, scans, limits))
        return doc
    except MemoryError:
        raise memory_error() from None
    finally:
        pdf.close()


def open_isolated(path: str | Path, limits: Limits | None = None, triage: bool = False) -> Document:
    """`open_document` in a child process under the limits' timeout and memory cap."""
    limits = limits or Limits()
    return run_isolated(open_document, path, limits, triage,
                        timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)


def open_pdfium(path: Path, limits: Limits) -> pypdfium2.PdfDocument:
    """The file opened in PDFium, which decides `encrypted`, `corrupt` and the page count."""
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError("encrypted", "password-protected: a password is needed to open it; get an "
                                             "unprotected copy, or decrypt it with "
                                             "`qpdf --password=… --decrypt in.pdf out.pdf`") from None
        if e.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise DocumentError("encrypted", "encrypted with an unsupported security handler (e.g. "
                                             "certificate encryption); get an unprotected copy") from None
        reason = PDFIUM_ERRORS.get(e.err_code, str(e))
        raise DocumentError("corrupt", corrupt_reason(path, f"PDFium cannot open it ({reason})")) from None
    except MemoryError:
        raise
    except Exception as e:  # ctypes/OS trouble inside the binding: still the file's fault
        raise DocumentError("corrupt", corrupt_reason(path, f"PDFium cannot open it ({type(e).__name__}: {e})")) from None
    n_pages = len(pdf)
    if n_pages > limits.max_pages:
        pdf.close()
        raise DocumentError("too_large", f"{n_pages} pages, over the limit of {limits.max_pages} "
                                         "(Limits.max_pages): not a single evaluation report; raise "
                                         "the limit to read it")
    return pdf


PDFIUM_ERRORS = {pdfium_c.FPDF_ERR_FORMAT: "format error", pdfium_c.FPDF_ERR_FILE: "file not readable",
                 pdfium_c.FPDF_ERR_UNKNOWN: "unknown error", pdfium_c.FPDF_ERR_PAGE: "no readable pages",
                 pdfium_c.FPDF_ERR_SUCCESS: "no pages"}


def corrupt_reason(path: Path, what: str) -> str:
    """Why a file is corrupt, saying 'truncated download' when the %%EOF marker is missing."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - EOF_WINDOW))
        tail = f.read()
    if b"%%EOF" not in tail:
        return (f"{what}; it does not end with %%EOF, so it is probably a truncated download "
                f"({size} bytes): fetch it again")
    return f"{what}: the file is damaged (unreadable cross-reference table, objects or pages)"


def read_text_layer(path: Path, pdfium: pypdfium2.PdfDocument | None, report: "TriageReport | None") -> Document:
    """`pipeline.pdf.read_document`, with pdfminer's failures turned into DocumentError."""
    try:
        return pdf_text.read_document(path, pdfium, report)
    except (DocumentError, MemoryError):
        raise
    except RecursionError:
        raise DocumentError("corrupt", "pdfminer cannot read it (objects nested too deeply or in a cycle): "
                                       "the file is damaged") from None
    except Exception as e:
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        name = type(inner).__name__
        if "Password" in name or "Encryption" in name:
            raise DocumentError("encrypted", f"encrypted with an owner password only: PDFium opens it without "
                                             f"a password, but pdfminer cannot decrypt it ({name}: {inner}); "
                                             "decrypt it with `qpdf --decrypt in.pdf out.pdf`") from None
        raise DocumentError("corrupt", f"pdfminer cannot read it ({name}: {inner}): the file is "
                                       "damaged") from None


# --------------------------------------------------------------------------- OCR

def scanned_pages(pdf: pypdfium2.PdfDocument, doc: Document) -> list[Page]:
    """Modelled pages without a single word that show an image: scans to OCR."""
    found = []
    for page in doc.pages:
        if page.lines or page.margin_lines:
            continue
        pdf_page = load_page(pdf, page.number)
        if pdf_page is None:          # pdfminer read it, PDFium cannot: nothing to render either
            continue
        try:
            if next(pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None:
                found.append(page)
        finally:
            pdf_page.close()
    return found


def load_page(pdf: pypdfium2.PdfDocument, number: int) -> pypdfium2.PdfPage | None:
    """PDFium's page `number` (1-based), or None when it cannot load it (a damaged page tree)."""
    if not 1 <= number <= len(pdf):
        return None
    try:
        return pdf[number - 1]
    except pypdfium2.PdfiumError:
        return None


def tesseract_status(lang: str = "swe") -> str | None:
    """None when tesseract and its `lang` data are installed, else why not and what to install.

    Not cached: it runs tesseract twice (~50 ms), once per document that needs OCR.
    """
    packages = " ".join([TESSERACT_PACKAGE] + [f"{TESSERACT_PACKAGE}-{code}" for code in lang.split("+")])
    install = f"install it with `apt-get install {packages}`"
    cmd = pytesseract.pytesseract.tesseract_cmd
    try:
        pytesseract.get_tesseract_version()
        available = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError:
        return f"tesseract is not installed (no '{cmd}' on PATH); {install}"
    except (Exception, SystemExit) as e:  # pytesseract raises SystemExit on an unparsable version
        return (f"tesseract ('{cmd}') is there but does not run ({e}); reinstall it (`apt-get install "
                f"--reinstall {packages}`), or raise Limits.memory_mb if it runs under a low memory cap")
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        packages = " ".join(f"{TESSERACT_PACKAGE}-{code}" for code in missing)
        return (f"tesseract has no language data for {'+'.join(missing)} (installed: "
                f"{', '.join(sorted(available)) or 'none'}); install it with `apt-get install {packages}`")
    return None


def ocr_pages(pdf: pypdfium2.PdfDocument, doc: Document, scans: list[Page], limits: Limits) -> Document:
    """The document rebuilt with OCR words on the scanned pages, through the same layout code."""
    problem = tesseract_status(limits.ocr_lang)
    if problem:
        if not any(page.lines or page.margin_lines for page in doc.pages):
            raise DocumentError("no_text", f"no text layer, and its {len(scans)} scanned page(s) cannot be "
                                           f"OCR'd: {problem}")
        log.warning("%s: %d scanned page(s) left without text, OCR unavailable: %s",
                    doc.file_name, len(scans), problem)
        return doc
    ocr_words, failures = read_scans(pdf, scans, limits)
    if failures:
        if not any(ocr_words.values()) and not any(page.lines or page.margin_lines for page in doc.pages):
            raise DocumentError("no_text", f"no text layer, and tesseract failed on its scanned pages "
                                           f"({'; '.join(failures[:3])})")
        log.warning("%s: tesseract failed on %s", doc.file_name, "; ".join(failures))
    raw = [(page.number, page.width, page.height, ocr_words.get(page.number) or page_words(page))
           for page in doc.pages]
    source = "ocr" if any(ocr_words.values()) else doc.text_source
    rebuilt = build_document(raw, n_pages=doc.n_pages, info=doc.info, text_source=source,
                             file_name=doc.file_name)
    for page in rebuilt.pages:
        page.text_source = "ocr" if ocr_words.get(page.number) else "pdf"
        page.segments, page.grids = doc.page(page.number).segments, doc.page(page.number).grids
    return rebuilt


def page_words(page: Page) -> list[Word]:
    """Every word of a built page (its lines are split at column gutters, but each word is in one)."""
    return [w for line in page.lines + page.margin_lines for w in line.words]


def read_scans(pdf: pypdfium2.PdfDocument, scans: list[Page],
               limits: Limits) -> tuple[dict[int, list[Word]], list[str]]:
    """Tesseract's words on the scanned pages (by page number, in PDF points, see
    `tesseract_to_words`), and why the pages that could not be read were not.

    Every tesseract run loads the language model first (~0.16 s), so pages are read
    OCR_BATCH_PAGES at a time (`scan_batches`), and their numbers are read a second time
    (`reread_numbers`) for the whole document at once, or OCR_REREAD_MAX_VIEWS cut-outs at a time.
    """
    words: dict[int, list[Word]] = {}
    failures: list[str] = []
    pending: list[tuple[Page, tuple[int, int], Rereading]] = []
    for dpi, batch in scan_batches(scans, limits.ocr_dpi):
        pending += read_batch(pdf, batch, dpi, limits, failures)
        if sum(len(plan.views) for _, _, plan in pending) >= OCR_REREAD_MAX_VIEWS:
            words.update(finish_readings(pending, limits.ocr_lang))
            pending = []
    words.update(finish_readings(pending, limits.ocr_lang))
    return words, failures


def ocr_scale(width: float, height: float, ocr_dpi: int) -> float:
    """Render scale of a page of `width` x `height` points: `ocr_dpi`, less if over MAX_OCR_PIXELS."""
    scale = ocr_dpi / 72
    pixels = width * height * scale * scale
    if pixels > MAX_OCR_PIXELS:
        scale *= math.sqrt(MAX_OCR_PIXELS / pixels)
    return scale


def scan_batches(scans: list[Page], ocr_dpi: int) -> list[tuple[int, list[Page]]]:
    """(dpi, pages): runs of consecutive scanned pages rendered at the same dpi, OCR_BATCH_PAGES at
    most, each to be read in one tesseract run (which is told one --dpi for all its pages)."""
    batches: list[tuple[int, list[Page]]] = []
    for page in scans:
        dpi = round(72 * ocr_scale(page.width, page.height, ocr_dpi))
        if batches and batches[-1][0] == dpi and len(batches[-1][1]) < OCR_BATCH_PAGES:
            batches[-1][1].append(page)
        else:
            batches.append((dpi, [page]))
    return batches


def read_batch(pdf: pypdfium2.PdfDocument, pages: list[Page], dpi: int, limits: Limits,
               failures: list[str]) -> list[tuple[Page, tuple[int, int], Rereading]]:
    """First reading of a batch of pages: (page, rendered size in pixels, its second reading
    planned). Planning needs the page image; the images are dropped on return, so at most one
    batch of rendered pages is held at a time."""
    rendered = []
    for page in pages:
        image = render_scan(pdf, page, limits.ocr_dpi, failures)
        if image is not None:
            rendered.append((page, image))
    return [(page, image.size, plan_rereading(image, data))
            for page, image, data in first_readings(rendered, dpi, limits.ocr_lang, failures)]


def render_scan(pdf: pypdfium2.PdfDocument, page: Page, ocr_dpi: int, failures: list[str]) -> Image.Image | None:
    """The page rendered grey at `ocr_scale`, or None (and why in `failures`) when PDFium cannot
    load or render it."""
    pdf_page = load_page(pdf, page.number)
    if pdf_page is None:
        failures.append(f"page {page.number}: PDFium cannot load it")
        return None
    try:
        return pdf_page.render(scale=ocr_scale(page.width, page.height, ocr_dpi), grayscale=True).to_pil()
    except pypdfium2.PdfiumError as e:
        failures.append(f"page {page.number}: PDFium cannot render it ({e})")
        return None
    finally:
        pdf_page.close()


def first_readings(rendered: list[tuple[Page, Image.Image]], dpi: int, lang: str,
                   failures: list[str]) -> list[tuple[Page, Image.Image, dict[str, list]]]:
    """(page, image, image_to_data's DICT) for each rendered page, all read in one tesseract run.
    If that run fails, the pages are read one by one, so only a page tesseract fails on is lost
    (and named in `failures`); tesseract running out of memory on one page is a MemoryError."""
    config = f"--psm {TESSERACT_PSM}"
    if len(rendered) > 1:
        try:
            readings = tesseract_images([image for _, image in rendered], lang, dpi, config)
            return [(page, image, data) for (page, image), data in zip(rendered, readings)]
        except pytesseract.TesseractError as e:
            log.info("tesseract failed on pages %s read together, reading them one by one: %s",
                     ", ".join(str(page.number) for page, _ in rendered), e)
    read = []
    for page, image in rendered:
        try:
            read.append((page, image, tesseract_images([image], lang, dpi, config)[0]))
        except pytesseract.TesseractError as e:
            if "alloc" in str(e).lower() or "memory" in str(e).lower():
                raise MemoryError(str(e)) from None
            failures.append(f"page {page.number}: {e}")
    return read


def tesseract_images(images: list[Image.Image], lang: str, dpi: int, config: str) -> list[dict[str, list]]:
    """image_to_data's DICT for each of `images`, all read in one tesseract run (one start, one
    language-model load) over a multi-page TIFF at `dpi`; rows keep tesseract's `page_num`."""
    with tempfile.TemporaryDirectory(prefix="kompass-ocr-") as tmp:
        path = os.path.join(tmp, "pages.tif")
        images[0].save(path, save_all=True, append_images=images[1:], dpi=(dpi, dpi))
        data = pytesseract.image_to_data(path, lang=lang, config=f"--dpi {dpi} {config}",
                                         output_type=pytesseract.Output.DICT)
    pages: list[dict[str, list]] = [{key: [] for key in data} for _ in images]
    for row, page_num in enumerate(data["page_num"]):
        page = pages[int(page_num) - 1]
        for key, values in data.items():
            page[key].append(values[row])
    return pages


def finish_readings(readings: list[tuple[Page, tuple[int, int], Rereading]], lang: str) -> dict[int, list[Word]]:
    """Words of first readings (page, rendered size, planned second reading) once their numbers are
    read again, all pages' cut-outs together; if that fails, the first readings are kept."""
    try:
        reread([plan for _, _, plan in readings], lang)
    except (pytesseract.TesseractError, OSError) as e:
        log.warning("second reading of numbers failed, first reading kept: %s", e)
    return {page.number: tesseract_to_words(plan.data, page.width / width, page.height / height)
            for page, (width, height), plan in readings}


def tesseract_to_words(data: dict[str, list], sx: float, sy: float) -> list[Word]:
    """image_to_data's DICT (pixels) → Words in points (`sx`, `sy` points per pixel), noise dropped.

    Each word takes its tesseract *line's* top and bottom (as pdfplumber gives every word of a
    line the font's ascent and descent), so words of a slightly skewed line stay one line in
    `words_to_lines`; `size` is that line's height, an estimate of the font size.
    """
    lines: dict[tuple[int, int, int], tuple[int, int]] = {}
    boxes = []
    for i, level in enumerate(data["level"]):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, height = int(data["top"][i]), int(data["height"][i])
        if int(level) == 4:
            lines[key] = (top, top + height)
        text = str(data["text"][i]).strip()
        conf = float(data["conf"][i])
        if int(level) != 5 or not text or conf < MIN_OCR_CONFIDENCE:
            continue
        boxes.append((text, int(data["left"][i]), int(data["width"][i]), top, height, key, conf))
    if not boxes:
        return []
    heights = sorted(box[4] for box in boxes)
    median = heights[len(heights) // 2]
    words = []
    started_lines: set[tuple[int, int, int]] = set()
    for text, left, width, top, height, key, conf in boxes:
        starts_line = key not in started_lines
        started_lines.add(key)
        if height > OCR_MAX_HEIGHT_RATIO * median:
            continue
        if starts_line and text in OCR_BULLET_MISREADS:
            text = "•"
        elif not any(ch.isalnum() for ch in text) and (
                conf < OCR_SPECK_CONFIDENCE or max(width, height) < OCR_SPECK_SIZE * median):
            continue
        line_top, line_bottom = lines.get(key, (top, top + height))
        if line_bottom - line_top > OCR_MAX_HEIGHT_RATIO * height:
            line_top, line_bottom = top, top + height
        words.append(Word(text, left * sx, (left + width) * sx, line_top * sy, line_bottom * sy,
                          size=round((line_bottom - line_top) * sy, 1)))
    return words


def reread_numbers(image: Image.Image, data: dict[str, list], lang: str) -> int:
    """Read doubtful numbers of a page again, each cut out on its own; `data` (image_to_data's DICT
    for `image`) is corrected in place. Returns how many words were changed.

    Two doubtful words side by side (OCR_REREAD_JOIN) are also read as one: tesseract splits "71,5"
    into "TÅ" and "Be" at the comma. See OCR_NUMBER … OCR_REREAD_MAX_WORDS for the rest. OCR of a
    document does the same in two steps (`plan_rereading` per page, `reread` for all pages), so that
    two tesseract runs serve every page.
    """
    return reread([plan_rereading(image, data)], lang)


@dataclass
class Rereading:
    """The second reading of one page's doubtful words, planned (`plan_rereading`) while the page
    image is at hand and carried out later by `reread`, with other pages' in the same runs.

    `todo` holds (first confidence, the word or words read as one, digit-only readings needed to
    change them); `spans[k]` are the indices into `views` (cut-out images) and `geometry` (each
    view's (box, scale, margin), for `reads_own_box`) of `todo[k]`'s views.
    """

    data: dict[str, list]
    page_width: int
    todo: list[tuple[float, tuple[int, ...], int]]
    spans: list[tuple[int, int]]
    views: list[Image.Image]
    geometry: list[tuple[tuple[int, ...], float, int]]

    def apply(self, digits: list[tuple[str, float, int, int]], free: list[tuple[str, float, int, int]]) -> int:
        """Correct `data` in place from the views' readings with (`digits`) and without (`free`) the
        digit whitelist, where the votes say so; how many words were changed."""
        data = self.data
        changed, done = 0, set()
        for (conf, group, votes), (start, end) in zip(self.todo, self.spans):
            if done.intersection(group):
                continue
            own = [(r, self.geometry[start + k]) for k, r in enumerate(digits[start:end])]
            number, n = majority([r for r, geometry in own if reads_own_box(r, geometry)])
            text = "".join(str(data["text"][i]).strip() for i in group)
            if number is None or number == text:
                continue
            if re.sub(r"\D", "", number) == re.sub(r"\D", "", text) and plausible_number(text) and (
                    conf >= OCR_REREAD_PUNCTUATION_CONFIDENCE):
                votes = end - start                  # punctuation only: every digit-only reading
            elif conf >= OCR_REREAD_SURE:
                if (number.startswith(text) or number.endswith(text)) and not too_wide(data, group):
                    continue                         # a confident "7." is not "17.": a lone glyph's echo
                votes = max(votes, end - start - 1)
            confirmed, m = majority([r for k, r in enumerate(free[start:end])
                                     if reads_own_box(r, self.geometry[start + k])])
            if n >= votes and confirmed == number and m >= OCR_REREAD_CONFIRM:
                log.debug("OCR re-read %r (conf %s) as %r (%d + %d readings)",
                          " ".join(str(data["text"][i]) for i in group), conf, number, n, m)
                first, *rest = group
                box = reread_box(data, group, [], self.page_width)
                data["text"][first] = number
                data["conf"][first] = max(r[1] for r, _ in own if r[0] == number)
                data["left"][first], data["width"][first] = box[1], box[2] - box[1]
                data["top"][first], data["height"][first] = box[4], box[5] - box[4]
                for i in rest:                       # tesseract_to_words skips empty words
                    data["text"][i] = ""
                done.update(group)
                changed += 1
        return changed


def plan_rereading(image: Image.Image, data: dict[str, list]) -> Rereading:
    """Which words of a page (`data`: image_to_data's DICT for `image`) are doubtful, and their
    cut-out views; no views when tesseract was sure of every number (see reread_numbers)."""
    words = [i for i, level in enumerate(data["level"])
             if int(level) == 5 and str(data["text"][i]).strip() and int(data["width"][i]) > 1
             and int(data["height"][i]) > 3]
    doubtful: dict[int, int] = {}               # word → digit-only readings needed to change it
    for i in words:
        text, conf = str(data["text"][i]).strip(), float(data["conf"][i])
        if OCR_NUMBER.fullmatch(text):
            if conf < OCR_REREAD_CONFIDENCE or too_wide(data, (i,)):
                doubtful[i] = OCR_REREAD_VOTES
        elif (len(text.rstrip(".,:;")) <= OCR_REREAD_SHORT and conf < OCR_REREAD_SHORT_CONFIDENCE
              and any(ch.isalnum() for ch in text)):
            doubtful[i] = OCR_REREAD_WORD_VOTES
    plan = Rereading(data, image.width, [], [], [], [])
    if not doubtful:
        return plan
    todo = sorted((float(data["conf"][i]), (i,), votes) for i, votes in doubtful.items())[:OCR_REREAD_MAX_WORDS]
    plan.todo = [(conf, pair, OCR_REREAD_VOTES) for conf, pair in split_pairs(data, [i for _, (i,), _ in todo])] + todo
    if image.mode != "L":
        image = image.convert("L")
    for _, group, _ in plan.todo:
        box = reread_box(data, group, words, image.width)
        word_views = reading_views(cut_out(image, box), box)
        plan.spans.append((len(plan.views), len(plan.views) + len(word_views)))
        plan.views += [view for view, _, _ in word_views]
        plan.geometry += [(box, scale, border) for _, scale, border in word_views]
    return plan


def reread(plans: list[Rereading], lang: str) -> int:
    """Carry out the planned second readings of any number of pages: all their views in one
    tesseract run with the digit whitelist and one without (none if there are no views). Returns
    how many words were changed."""
    views = [view for plan in plans for view in plan.views]
    if not views:
        return 0
    digits = read_views(views, lang, OCR_REREAD_WHITELIST)
    free = read_views(views, lang, None)
    changed = start = 0
    for plan in plans:
        end = start + len(plan.views)
        changed += plan.apply(digits[start:end], free[start:end])
        start = end
    return changed


def too_wide(data: dict[str, list], group: tuple[int, ...]) -> bool:
    """Whether a word's box is wider than OCR_REREAD_WIDE times its height per character: tesseract
    left a digit out of the text but not out of the box ("2" in the box of "52")."""
    text = "".join(str(data["text"][i]).strip() for i in group)
    width = sum(int(data["width"][i]) for i in group)
    height = max(int(data["height"][i]) for i in group)
    return width > OCR_REREAD_WIDE * height * max(1, len(text))


def split_pairs(data: dict[str, list], doubtful: list[int]) -> list[tuple[float, tuple[int, int]]]:
    """Pairs of doubtful words next to each other on one tesseract line, at most OCR_REREAD_JOIN
    times their height apart: (lower confidence, (left word, right word))."""
    doubtful = set(doubtful)
    lines: dict[tuple, list[int]] = defaultdict(list)
    for i in doubtful:
        lines[(data["block_num"][i], data["par_num"][i], data["line_num"][i])].append(i)
    pairs = []
    for members in lines.values():
        members.sort(key=lambda i: int(data["left"][i]))
        for a, b in zip(members, members[1:]):
            if int(data["word_num"][b]) != int(data["word_num"][a]) + 1:
                continue                          # another word between them
            gap = int(data["left"][b]) - int(data["left"][a]) - int(data["width"][a])
            if gap <= OCR_REREAD_JOIN * min(int(data["height"][a]), int(data["height"][b])):
                pairs.append((min(float(data["conf"][a]), float(data["conf"][b])), (a, b)))
    return pairs


def reread_box(data: dict[str, list], group: tuple[int, ...], words: list[int],
               page_width: int) -> tuple[int, int, int, int, int, int]:
    """(x0, left, right, x1, top, bottom): the box around the words of `group`, widened by
    OCR_REREAD_MARGIN up to half-way to the nearest other word of `words` beside it (any word
    overlapping it vertically by half)."""
    left = min(int(data["left"][i]) for i in group)
    right = max(int(data["left"][i]) + int(data["width"][i]) for i in group)
    top = min(int(data["top"][i]) for i in group)
    bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in group)
    height = bottom - top
    x0, x1 = left - OCR_REREAD_MARGIN * height, right + OCR_REREAD_MARGIN * height
    for j in words:
        if j in group:
            continue
        top_j = int(data["top"][j])
        bottom_j = top_j + int(data["height"][j])
        if min(bottom, bottom_j) - max(top, top_j) < 0.5 * min(height, bottom_j - top_j):
            continue
        left_j = int(data["left"][j])
        right_j = left_j + int(data["width"][j])
        if right_j <= left:
            x0 = max(x0, (right_j + left) / 2)
        elif left_j >= right:
            x1 = min(x1, (right + left_j) / 2)
    return max(0, int(x0)), left, right, min(page_width, math.ceil(x1)), top, bottom


def cut_out(image: Image.Image, box: tuple[int, int, int, int, int, int]) -> Image.Image:
    """The word's strip of the page (one pixel above and below); a table rule beside the word, and
    whatever lies beyond it, is whitened."""
    x0, left, right, x1, top, bottom = box
    reach = max(2, (bottom - top) // 2)
    y0, y1 = max(0, top - reach), min(image.height, bottom + reach)
    region = image.crop((x0, y0, x1, y1))
    threshold = otsu_threshold(region)
    ink = region.point(lambda v: 255 if v <= threshold else 0)
    darkness = ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes()    # mean of each column
    strip = region.crop((0, max(0, top - 1 - y0), region.width, min(region.height, bottom + 1 - y0)))
    inside = range(left - x0, right - x0)
    rules = [x for x, dark in enumerate(darkness) if x not in inside and dark >= OCR_REREAD_RULE * 255]
    draw = ImageDraw.Draw(strip)
    # What lies beyond a rule is another cell; its grey edge (2 px) would be read as a "1".
    if before := [x for x in rules if x < inside.start]:
        draw.rectangle((0, 0, min(max(before) + 2, inside.start - 1), strip.height), fill=255)
    if after := [x for x in rules if x >= inside.stop]:
        draw.rectangle((max(min(after) - 2, inside.stop), 0, strip.width, strip.height), fill=255)
    return strip


def reading_views(crop: Image.Image, box: tuple[int, ...]) -> list[tuple[Image.Image, float, int]]:
    """The cut-out word at each of OCR_REREAD_HEIGHTS, grey and binarised, each on a white margin:
    (image, horizontal scale, margin). Both are split at Otsu's threshold: what is lighter is paper
    and turns white (the noise and JPEG halo around digits makes tesseract read "71,5" as "7155");
    the grey view keeps the ink's grey edges, stretched to black."""
    height = box[5] - box[4]
    threshold = otsu_threshold(crop)
    grey = ImageOps.autocontrast(crop.point(lambda v: 255 if v > threshold else v), cutoff=(1, 0))
    binary = crop.point(lambda v: 255 if v > threshold else 0)
    views = []
    for target in OCR_REREAD_HEIGHTS:
        scale = target / height
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        border = max(4, target // 2)
        for base, binarise in ((grey, False), (binary, True)):
            view = base.resize(size, Image.Resampling.BICUBIC) if size != base.size else base
            if binarise and view is not base:
                view = view.point(lambda v: 255 if v > 127 else 0)
            framed = Image.new("L", (view.width + 2 * border, view.height + 2 * border), 255)
            framed.paste(view, (border, border))
            views.append((framed, size[0] / crop.width, border))
    return views


def otsu_threshold(image: Image.Image) -> int:
    """Otsu's threshold of a greyscale image: the grey level that best splits ink from paper."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    weighted = sum(level * n for level, n in enumerate(histogram))
    below = below_weighted = 0
    best, threshold = -1.0, 127
    for level, n in enumerate(histogram):
        below += n
        if not below:
            continue
        above = total - below
        if not above:
            break
        below_weighted += level * n
        spread = below * above * (below_weighted / below - (weighted - below_weighted) / above) ** 2
        if spread > best:
            best, threshold = spread, level
    return threshold


def read_views(views: list[Image.Image], lang: str, whitelist: str | None) -> list[tuple[str, float, int, int]]:
    """Each view read as one text line (--psm 7), all in one tesseract run: per view (text, lowest
    word confidence, left, right), ("", -1, 0, 0) when nothing was read."""
    config = "--psm 7" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else "")
    readings = []
    for data in tesseract_images(views, lang, 300, config):
        ws = sorted((int(left), int(left) + int(width), str(text).strip(), float(conf))
                    for level, left, width, text, conf
                    in zip(data["level"], data["left"], data["width"], data["text"], data["conf"])
                    if int(level) == 5 and str(text).strip())
        readings.append((" ".join(w[2] for w in ws), min(w[3] for w in ws), ws[0][0], ws[-1][1]) if ws
                        else ("", -1.0, 0, 0))
    return readings


def reads_own_box(reading: tuple[str, float, int, int], geometry: tuple) -> bool:
    """Whether a view's reading lies over the word's own box (by OCR_REREAD_OVERLAP of the narrower)."""
    box, scale, border = geometry
    x0, left, right = box[0], box[1], box[2]
    if not reading[0] or scale <= 0:
        return False
    start, end = x0 + (reading[2] - border) / scale, x0 + (reading[3] - border) / scale
    return min(end, right) - max(start, left) >= OCR_REREAD_OVERLAP * min(end - start, right - left)


def plausible_number(text: str) -> bool:
    """An OCR_NUMBER with balanced parentheses ("21121)" is "21 (21)" misread) and no semicolon
    between digits ("63;5" is 63,5 misread)."""
    return (bool(OCR_NUMBER.fullmatch(text)) and text.count("(") == text.count(")")
            and not re.search(r"\d;\d", text))


def majority(readings: list[tuple[str, float, int, int]]) -> tuple[str | None, int]:
    """The plausible number most readings agree on (ties: higher summed confidence), and how many do."""
    tally: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for text, conf, _, _ in readings:
        if plausible_number(text):
            tally[text][0] += 1
            tally[text][1] += conf
    if not tally:
        return None, 0
    best = max(tally, key=lambda t: tuple(tally[t]))
    return best, int(tally[best][0])


def no_text_reason(doc: Document, scans: list[Page], limits: Limits) -> str:
    where = "any page" if len(doc.pages) == doc.n_pages else f"the {len(doc.pages)} requested page(s)"
    if scans:
        return (f"OCR ({limits.ocr_lang}, {limits.ocr_dpi} dpi) found no text on the {len(scans)} scanned "
                f"page(s) and there is no text layer on {where}: the scan may be blank, too faint or a picture")
    return (f"no text layer on {where} and no images to OCR: the pages are blank or their text is "
            "drawn as vector outlines")


# --------------------------------------------------------------------------- isolation
# run_isolated hands each call to a worker process. Workers are reused: a fresh process per call
# would re-import the parent's __main__ every time (multiprocessing does that for every child; a
# `kompass` or Prefect entry point drags in the whole pipeline), while a reused worker pays its
# start-up once. A worker is retired after any failure that may have left it in a bad state
# (timeout, crash, MemoryError, unexpected exception) and after MAX_CALLS_PER_WORKER calls.

#: Modules the forkserver imports once, so each new worker starts with the PDF libraries loaded.
PRELOAD = ["pipeline.documents"]
#: Calls one worker serves before it is replaced: bounds heap growth and leaks in native code.
MAX_CALLS_PER_WORKER = 25
#: Idle workers kept for reuse; concurrent callers (Prefect threads) start more, the surplus exits.
MAX_IDLE_WORKERS = max(2, os.cpu_count() or 2)

#: Environment defaults in workers. Tesseract's OpenMP threads fight each other when documents
#: run in parallel (one page of tests/pipeline's scan: 0.54 s with threads, 0.36 s without, 2 cores)
#: and each thread's malloc arena counts against the RLIMIT_AS cap.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}

#: Tells an idle worker to exit.
STOP = b"stop"

_idle_workers: list["Worker"] = []
_idle_lock = threading.Lock()


def _forget_workers() -> None:
    """In a forked child the parent's workers are not ours: start afresh."""
    global _idle_lock
    _idle_workers.clear()
    _idle_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)


def isolation_context() -> multiprocessing.context.BaseContext:
    """forkserver where available (workers fork from a clean, single-threaded server process that
    has the PDF libraries imported: safe beside Prefect's threads, and cheap), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)   # no effect once the server runs; harmless
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One child process running one call at a time, in its own session (see worker_main)."""

    def __init__(self) -> None:
        ctx = isolation_context()
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=worker_main, args=(child_conn,), daemon=True,
                                name="kompass-isolated")
        self.proc.start()
        child_conn.close()
        self.calls = 0

    def stop(self) -> None:
        """Kill the worker and its process group (tesseract runs as its child)."""
        proc = self.proc
        if proc.exitcode is None and proc.pid is not None:
            try:
                if os.getpgid(proc.pid) == proc.pid:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                pass
        proc.join(5)
        self.conn.close()


def take_worker() -> Worker:
    with _idle_lock:
        while _idle_workers:
            worker = _idle_workers.pop()
            if worker.proc.is_alive():
                return worker
            worker.stop()
    return Worker()


def release_worker(worker: Worker) -> None:
    if worker.calls < MAX_CALLS_PER_WORKER and worker.proc.is_alive():
        with _idle_lock:
            if len(_idle_workers) < MAX_IDLE_WORKERS:
                _idle_workers.append(worker)
                return
    try:
        worker.conn.send_bytes(STOP)
    except OSError:
        pass
    worker.conn.close()


def run_isolated(fn: Callable[..., Any], /, *args: Any, timeout_s: float, memory_mb: int, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) in a worker process; its (picklable) result, or a DocumentError.

    fn must be a picklable top-level function. The worker runs under an address-space cap of
    memory_mb (RLIMIT_AS, set for each call) in its own session, so a kill also takes tesseract.
    Outcomes:
    - a result → returned; a DocumentError raised by fn → raised here as is (`cause` None);
    - wall clock over timeout_s → the worker's process group is killed → DocumentError `timeout`;
    - MemoryError, or the worker killed by SIGKILL (the OOM killer) or aborting (SIGABRT/SIGILL/
      SIGTRAP: what native code does when an allocation fails under the cap) → `too_large`;
    - any other exception, or another crash (SIGSEGV) → `corrupt` with the exception text.
    `cause` names the exception or signal in the last two cases. The signal mapping is a
    heuristic: native code that aborts for another reason also reads as the memory cap, and the
    message says so. An unpicklable fn or argument raises here, as pickle does (a caller's bug).

    Workers are reused (fn's module-level state persists between calls in one worker) and retired
    after a failure or MAX_CALLS_PER_WORKER calls; thread-safe, one worker per concurrent call.
    """
    task = pickle.dumps((fn, args, kwargs, memory_mb))   # a caller's bug raises here, nothing started
    worker = take_worker()
    try:
        worker.conn.send_bytes(task)
    except OSError:                 # an idle worker died (killed from outside): use a fresh one
        worker.stop()
        worker = Worker()
        worker.conn.send_bytes(task)
    outcome = None
    try:
        if worker.conn.poll(timeout_s):
            try:
                outcome, records = worker.conn.recv()
            except (EOFError, OSError):
                outcome = None      # the worker died without answering
            else:
                for record in records:
                    logger = logging.getLogger(record.name)
                    if logger.isEnabledFor(record.levelno):
                        logger.handle(record)
        elif worker.proc.is_alive():
            raise DocumentError("timeout", f"gave up after {timeout_s:g} s (Limits.timeout_s): the file "
                                           "makes the reader (or OCR) spin; raise the limit if it is "
                                           "just long")
    finally:
        healthy = outcome is not None and (outcome[0] == "ok" or outcome[3] is None)
        if healthy:
            worker.calls += 1
            release_worker(worker)
        else:
            worker.stop()
    if outcome is None:
        raise child_death(worker.proc.exitcode, memory_mb)
    if outcome[0] == "ok":
        return outcome[1]
    raise DocumentError(*outcome[1:])


def worker_main(conn) -> None:
    """Worker side: own session; per call: memory cap, run, send ("ok", result) or ("error", code, message, cause)."""
    try:
        os.setsid()
    except OSError:
        pass
    for name, value in WORKER_ENV.items():
        os.environ.setdefault(name, value)
    collector = LogCollector()
    logging.getLogger().addHandler(collector)
    while True:
        try:
            task = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if task == STOP:
            return
        try:
            fn, args, kwargs, memory_mb = pickle.loads(task)
        except Exception as e:      # fn's module does not import here
            conn.send((("error", "corrupt", f"the worker cannot load the call ({type(e).__name__}: {e})",
                        type(e).__name__), []))
            continue
        cap_memory(memory_mb)
        collector.records = []
        outcome = run_call(fn, args, kwargs, memory_mb)
        del task, fn, args, kwargs
        try:
            conn.send((outcome, collector.records))
        except MemoryError:
            conn.send((("error", "too_large", memory_cap_message(memory_mb), "MemoryError"), []))
        except Exception as e:
            conn.send((("error", "corrupt", f"the result could not be sent back ({type(e).__name__}: {e})",
                        type(e).__name__), []))
        del outcome


#: Warnings (pdfminer's, ours) a worker passes back per call, re-logged in the caller's process.
MAX_FORWARDED_RECORDS = 50


class LogCollector(logging.Handler):
    """Keeps a call's log records (WARNING and up), made picklable, to re-log in the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= MAX_FORWARDED_RECORDS:
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def run_call(fn, args, kwargs, memory_mb: int) -> tuple:
    try:
        return ("ok", fn(*args, **kwargs))
    except DocumentError as e:
        return ("error", e.code, e.message, e.cause)
    except MemoryError:
        return ("error", "too_large", memory_cap_message(memory_mb), "MemoryError")
    except BaseException as e:
        return ("error", "corrupt", f"{type(e).__name__}: {e}", type(e).__name__)


def cap_memory(memory_mb: int) -> None:
    """Set this process's soft address-space limit (can go up again, to the hard limit)."""
    try:
        import resource
    except ImportError:       # not on this platform: run uncapped
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def memory_error() -> DocumentError:
    """`too_large` for a MemoryError in this process, naming the cap when one is set."""
    try:
        import resource
        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        capped = soft != resource.RLIM_INFINITY
    except (ImportError, OSError):
        capped = False
    if capped:
        message = memory_cap_message(soft // 2**20)
    else:
        message = "ran out of memory reading the document; run it under run_isolated with a memory cap"
    return DocumentError("too_large", message, "MemoryError")


def memory_cap_message(memory_mb: int) -> str:
    return (f"ran out of memory: the memory cap of {memory_mb} MB (Limits.memory_mb) was hit; the file "
            "is too big or pathological to read within it")


def child_death(exitcode: int | None, memory_mb: int) -> DocumentError:
    """The DocumentError for a worker that ended without sending an outcome."""
    if exitcode is not None and exitcode < 0:
        sig = signal.Signals(-exitcode)
        if sig == signal.SIGKILL:
            return DocumentError("too_large", f"the worker was killed (SIGKILL), most likely by the kernel's "
                                              f"out-of-memory killer: {memory_cap_message(memory_mb)}", sig.name)
        if sig in (signal.SIGABRT, signal.SIGILL, signal.SIGTRAP):
            return DocumentError("too_large", f"the worker aborted ({sig.name}), which native code does when "
                                              f"an allocation fails: most likely {memory_cap_message(memory_mb)} "
                                              "(if memory was plentiful, the PDF library crashed on a damaged file)",
                                 sig.name)
        return DocumentError("corrupt", f"the PDF library crashed ({sig.name}) on this file: it is damaged "
                                        "or hostile", sig.name)
    return DocumentError("corrupt", f"the worker exited (status {exitcode}) without a result", f"exit {exitcode}")
