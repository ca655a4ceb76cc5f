"""Tesseract: whether it can run here (`tesseract_status`), and one run over many images.

Every tesseract run loads the language model first (~0.16 s), so images are read many at a time,
as the pages of one multi-page TIFF (`tesseract_images`): the scanned pages of a batch
(pipeline.reader.ocr), the cut-out numbers of a document (pipeline.reader.reread).
"""

from __future__ import annotations

import os
import tempfile

import pytesseract
from PIL import Image

#: Apt packages named in messages when OCR is unavailable.
TESSERACT_PACKAGE = "tesseract-ocr"


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
        return (
            f"tesseract ('{cmd}') is there but does not run ({e}); reinstall it (`apt-get install "
            f"--reinstall {packages}`), or raise Limits.memory_mb if it runs under a low memory cap"
        )
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        packages = " ".join(f"{TESSERACT_PACKAGE}-{code}" for code in missing)
        return (
            f"tesseract has no language data for {'+'.join(missing)} (installed: "
            f"{', '.join(sorted(available)) or 'none'}); install it with `apt-get install {packages}`"
        )
    return None


def tesseract_images(images: list[Image.Image], lang: str, dpi: int, config: str) -> list[dict[str, list]]:
    """image_to_data's DICT for each of `images`, all read in one tesseract run (one start, one
    language-model load) over a multi-page TIFF at `dpi`; rows keep tesseract's `page_num`."""
    with tempfile.TemporaryDirectory(prefix="kompass-ocr-") as tmp:
        path = os.path.join(tmp, "pages.tif")
        images[0].save(path, save_all=True, append_images=images[1:], dpi=(dpi, dpi))
        data = pytesseract.image_to_data(
            path, lang=lang, config=f"--dpi {dpi} {config}", output_type=pytesseract.Output.DICT
        )
    pages: list[dict[str, list]] = [{key: [] for key in data} for _ in images]
    for row, page_num in enumerate(data["page_num"]):
        page = pages[int(page_num) - 1]
        for key, values in data.items():
            page[key].append(values[row])
    return pages
