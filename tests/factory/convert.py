"""Office files → PDF with LibreOffice, the way a municipality's "Save as PDF" does it.

One `soffice` call converts a whole batch (start-up dominates the cost), in an isolated user
profile so a desktop LibreOffice or a parallel run cannot interfere. The PDFs are then made
byte-stable: LibreOffice stamps the conversion time and a random document /ID, which would
change every fixture's document_id (its SHA-256) on each rebuild.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Seconds for one soffice batch; ~1 s per document on the 2-core build machine, plus start-up.
TIMEOUT_BASE = 60
TIMEOUT_PER_FILE = 20


class ConversionError(RuntimeError):
    pass


def soffice_binary() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise ConversionError(
        "LibreOffice is needed to turn the .docx/.pptx fixtures into PDF, but neither `soffice` nor "
        "`libreoffice` is on PATH (Debian/Ubuntu: apt-get install libreoffice-writer libreoffice-impress)"
    )


def office_to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx/.pptx files to PDFs in outdir (same stem); returns the PDF paths."""
    files = [Path(f) for f in files]
    if not files:
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    binary = soffice_binary()
    results = []
    with tempfile.TemporaryDirectory(prefix="kompass-soffice-") as profile:
        cmd = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        timeout = TIMEOUT_BASE + TIMEOUT_PER_FILE * len(files)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"soffice did not finish {len(files)} conversions within {timeout} s") from exc
        for f in files:
            pdf = outdir / (f.stem + ".pdf")
            if not pdf.exists():
                raise ConversionError(
                    f"soffice produced no PDF for {f.name} (exit {proc.returncode}):\n"
                    f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
                )
            normalise_pdf(pdf)
            results.append(pdf)
    return results


_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp)")


def normalise_pdf(path: Path) -> None:
    """Replace time stamps and /ID in place with fixed values of the same length (xref stays valid)."""
    data = path.read_bytes()
    fixed = "D:20240101000000Z".encode()

    def date(m: re.Match) -> bytes:
        old = m.group(2)
        new = (fixed + b"0" * len(old))[: len(old)] if len(old) >= len(fixed) else fixed[: len(old)]
        return m.group(0).replace(old, new)

    data = _DATE.sub(date, data)
    digest = hashlib.md5(path.name.encode()).hexdigest().upper().encode()

    def ident(m: re.Match) -> bytes:
        a, b = m.group(1), m.group(2)
        return m.group(0).replace(a, (digest * 4)[: len(a)]).replace(b, (digest * 4)[: len(b)])

    data = _ID.sub(ident, data)
    data = _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), (digest * 4)[: len(m.group(1))]), data)
    data = _XMP_DATE.sub(
        lambda m: m.group(1) + b"2024-01-01T00:00:00Z"[: len(m.group(2))].ljust(len(m.group(2)), b" ") + m.group(3),
        data,
    )
    path.write_bytes(data)
