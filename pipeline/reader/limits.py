"""What one document may cost (`Limits`) and how a document that cannot be read fails (`DocumentError`).

Every way a crawled "PDF" can be bad ends in one DocumentError whose `code` is one of the dataset's
`error_code` values (documents.parquet) and whose `message` says what was seen and what to do about
it; a MemoryError is `too_large` (`memory_error`). Light on purpose: the run, the CLI and the worker
pool (pipeline.workers) import this without the PDF libraries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The values of documents.error_code. `internal_error` is a kompass bug met while reading the
#: document (the exception type and a one-line cause in the message); `unreadable` an input kompass
#: could not or would not read: it vanished, access was denied, or it is no regular file (a FIFO, a
#: device, a dangling or looping link, a link out of the input folder).
ERROR_CODES = (
    "encrypted",
    "corrupt",
    "empty",
    "not_pdf",
    "no_text",
    "too_large",
    "timeout",
    "internal_error",
    "unreadable",
)


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
    """A document that cannot be read: `code` is its documents.error_code, `message` the reason.

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
    return (
        f"ran out of memory: the memory cap of {memory_mb} MB (Limits.memory_mb) was hit; the file "
        "is too big or pathological to read within it"
    )
