"""Sniffing: a file is looked at before any parser sees it.

0 bytes, or nothing but whitespace/NUL bytes (a failed or preallocated download), is `empty`; no
`%PDF-` in the first 1 KB is `not_pdf`, with a guess at what the file is instead (an HTML error
page, an Office file, an image, compressed data); more than `Limits.max_bytes` is `too_large`.
"""

from __future__ import annotations

import string
from pathlib import Path

from .limits import DocumentError, Limits

#: The PDF header may follow some junk; Acrobat (and PDFium) look for it in the first 1024 bytes.
HEADER_WINDOW = 1024
#: How much of a non-PDF file is read to say what it is (an HTML <title> is usually in here).
SNIFF_WINDOW = 8192
#: Bytes that make a file "empty": whitespace, and NUL from preallocated downloads that never filled.
BLANK_BYTES = b" \t\r\n\x0b\x0c\x00"


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
                raise DocumentError(
                    "empty",
                    f"the file holds only whitespace or NUL bytes ({size} bytes): "
                    "probably a failed download; fetch it again",
                )
            raise DocumentError(
                "not_pdf",
                f"not a PDF (no %PDF- header in the first 1 KB): the file looks like {describe_content(head)}",
            )
    if size > limits.max_bytes:
        raise DocumentError(
            "too_large",
            f"the file is {size / 2**20:.1f} MB, over the limit of "
            f"{limits.max_bytes / 2**20:.1f} MB (Limits.max_bytes); "
            "raise the limit to read it",
        )


def is_blank_rest(f, max_bytes: int) -> bool:
    """Whether the rest of an open binary file (up to max_bytes) is whitespace/NUL only."""
    while f.tell() < max_bytes and (chunk := f.read(2**20)):
        if chunk.strip(BLANK_BYTES):
            return False
    return True


#: Leading magic bytes → what the file is, and a hint.
MAGIC = [
    (b"PK\x03\x04", "a ZIP archive", ""),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Microsoft Office file (.doc/.xls/.ppt)",
        "; convert it to PDF (e.g. LibreOffice) to read it",
    ),
    (b"{\\rtf", "an RTF document", "; convert it to PDF to read it"),
    (b"%!PS", "a PostScript file", "; convert it with ps2pdf to read it"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "; convert it to PDF (img2pdf) to OCR it"),
    (b"\xff\xd8\xff", "a JPEG image", "; convert it to PDF (img2pdf) to OCR it"),
    (b"GIF8", "a GIF image", ""),
    (b"II*\x00", "a TIFF image", "; convert it to PDF (tiff2pdf) to OCR it"),
    (b"MM\x00*", "a TIFF image", "; convert it to PDF (tiff2pdf) to OCR it"),
    (
        b"\x1f\x8b",
        "gzip-compressed data",
        "; the server's compressed response was saved without decompressing: gunzip it",
    ),
    (b"Rar!", "a RAR archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
]


def describe_content(head: bytes) -> str:
    """A short guess at what a non-PDF file is, from its first bytes, with a hint what to do."""
    for magic, what, hint in MAGIC:
        if head.startswith(magic):
            if magic == b"PK\x03\x04":
                office = {
                    b"word/": "a Word document (.docx)",
                    b"ppt/": "a PowerPoint file (.pptx)",
                    b"xl/": "an Excel file (.xlsx)",
                }
                for marker, name in office.items():
                    if marker in head:
                        return f"{name}; convert it to PDF (e.g. LibreOffice) to read it"
            return what + hint
    text = decode_head(head)
    stripped = text.lstrip()
    lower = stripped[:HEADER_WINDOW].lower()
    # What kind of file, never what it says: the bytes may be anyone's (a link to /etc/passwd, a
    # private note), and error messages end up in documents.parquet and checks.parquet.
    if lower.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        lower.startswith(("<?xml", "<!doctype")) and "<html" in lower
    ):
        return (
            "an HTML page: probably an error or login page saved under a .pdf name; fetch the document "
            "again from its source"
        )
    if lower.startswith("<?xml") or lower.startswith("<"):
        return "an XML/markup document"
    if lower.startswith(("{", "[")):
        return "JSON or other structured text"
    if head and sum(ch in string.printable or ch.isalpha() for ch in text[:512]) >= 0.9 * min(len(text), 512):
        return "plain text"
    return "binary data of an unknown kind"


def decode_head(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start > len(data) - 4:  # a character cut at the end of the window
            return data[: e.start].decode("utf-8")
        return data.decode("latin-1")
