"""A text PDF → an image-only 'scan' of it: what a photocopied report put online looks like.

Each page is rendered with pdftoppm (grey, ~200 dpi), turned by a fraction of a degree, given
a little paper noise and a grey cast, JPEG-compressed and placed full-page in a new PDF without
any text layer. Everything is seeded, and reportlab's invariant mode keeps the bytes stable.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

rl_config.invariant = 1

DPI = 200
#: JPEG quality: 6 A4 pages stay under ~1.5 MB while tesseract still reads 11 pt text.
JPEG_QUALITY = 50
MAX_ROTATION_DEG = 0.35
NOISE_SIGMA = 2.5


def rasterise(src: Path, dst: Path, seed: int = 0, dpi: int = DPI) -> Path:
    """Write an image-only copy of src at dst."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm (poppler-utils) is needed to make scan fixtures")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory(prefix="kompass-scan-") as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), f"{tmp}/p"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(Path(tmp).glob("p-*.png"))
        c = canvas.Canvas(str(dst), pageCompression=1)
        c.setAuthor("")
        c.setCreator("Canon iR-ADV C5535 PDF")
        c.setProducer("Adobe PSL 1.3e for Canon")
        for png in pages:
            img = Image.open(png).convert("L")
            w_pt, h_pt = img.width * 72 / dpi, img.height * 72 / dpi
            angle = rng.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG)
            img = img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
            arr = np.asarray(img, dtype=np.float32)
            arr = arr * 0.94 + 8  # paper is never quite white
            arr += nrng.normal(0, NOISE_SIGMA, arr.shape)
            img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
            buf.seek(0)
            c.setPageSize((w_pt, h_pt))
            c.drawImage(ImageReader(buf), 0, 0, w_pt, h_pt)
            c.showPage()
        c.save()
    return dst
