"""The file opened in PDFium: fast, and it decides `encrypted`, `corrupt` and the page count.

Encryption with an *empty user password* (an owner password restricting printing or copying) is not
an error: every viewer opens such a file without asking, PDFium and pdfminer decrypt it with the
empty password, and its text is read like any other (the permission flags are not enforced; we
read published reports, we do not redistribute them). Only when a password is needed to open the
file or the security handler is unsupported is it `encrypted` here (and when pdfminer cannot decrypt
what PDFium could, in pipeline.reader.document); the message suggests `qpdf --decrypt`.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from .limits import DocumentError, Limits

#: "%%EOF" should end a PDF; readers accept it within the last 1024 bytes. Its absence explains a
#: failure to open as a truncated download.
EOF_WINDOW = 1024


def open_pdfium(path: Path, limits: Limits) -> pypdfium2.PdfDocument:
    """The file opened in PDFium, which decides `encrypted`, `corrupt` and the page count."""
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError(
                "encrypted",
                "password-protected: a password is needed to open it; get an "
                "unprotected copy, or decrypt it with "
                "`qpdf --password=… --decrypt in.pdf out.pdf`",
            ) from None
        if e.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise DocumentError(
                "encrypted",
                "encrypted with an unsupported security handler (e.g. certificate encryption); get an unprotected copy",
            ) from None
        reason = PDFIUM_ERRORS.get(e.err_code, str(e))
        raise DocumentError("corrupt", corrupt_reason(path, f"PDFium cannot open it ({reason})")) from None
    except MemoryError:
        raise
    except Exception as e:  # ctypes/OS trouble inside the binding: still the file's fault
        raise DocumentError(
            "corrupt", corrupt_reason(path, f"PDFium cannot open it ({type(e).__name__}: {e})")
        ) from None
    n_pages = len(pdf)
    if n_pages > limits.max_pages:
        pdf.close()
        raise DocumentError(
            "too_large",
            f"{n_pages} pages, over the limit of {limits.max_pages} "
            "(Limits.max_pages): not a single evaluation report; raise "
            "the limit to read it",
        )
    return pdf


PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_FORMAT: "format error",
    pdfium_c.FPDF_ERR_FILE: "file not readable",
    pdfium_c.FPDF_ERR_UNKNOWN: "unknown error",
    pdfium_c.FPDF_ERR_PAGE: "no readable pages",
    pdfium_c.FPDF_ERR_SUCCESS: "no pages",
}


def corrupt_reason(path: Path, what: str) -> str:
    """Why a file is corrupt, saying 'truncated download' when the %%EOF marker is missing."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - EOF_WINDOW))
        tail = f.read()
    if b"%%EOF" not in tail:
        return (
            f"{what}; it does not end with %%EOF, so it is probably a truncated download ({size} bytes): fetch it again"
        )
    return f"{what}: the file is damaged (unreadable cross-reference table, objects or pages)"


def load_page(pdf: pypdfium2.PdfDocument, number: int) -> pypdfium2.PdfPage | None:
    """PDFium's page `number` (1-based), or None when it cannot load it (a damaged page tree)."""
    if not 1 <= number <= len(pdf):
        return None
    try:
        return pdf[number - 1]
    except pypdfium2.PdfiumError:
        return None
