"""documents.file_name is the name a report was published under; stored_path is where kompass keeps it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.process import published_name
from pipeline.run import RunOptions, Unique, build_tables, extract_one
from pipeline.sources import sha256_file

ROOT = Path(__file__).resolve().parents[2]
MEMO = ROOT / "tests" / "pdfs" / "memo-lerum-2015-pm.pdf"


@pytest.mark.parametrize(
    "source, name",
    [
        (
            "https://www.lerum.example/download/18.4a1b/1449135285012/Kommunkompassen%20Lerum%202015.pdf",
            "Kommunkompassen Lerum 2015.pdf",
        ),
        ("https://www.lerum.example/filer/kompass.pdf?version=2", "kompass.pdf"),
        ("https://www.lerum.example/kompassen/rapport/", "rapport"),
        ("https://www.lerum.example", "www.lerum.example"),
        ("data/raw/underlag/Lerum PM.pdf", "Lerum PM.pdf"),
        ("/srv/rapporter/lerum-2015.pdf", "lerum-2015.pdf"),
    ],
)
def test_published_name(source, name):
    assert published_name(source) == name


def test_a_download_keeps_its_published_name_and_its_stored_path(tmp_path):
    digest = sha256_file(MEMO)
    stored = tmp_path / "raw" / f"{digest[:16]}-Kommunkompassen_Lerum_2015.pdf"
    stored.parent.mkdir()
    shutil.copy(MEMO, stored)
    url = "https://www.lerum.example/download/Kommunkompassen%20Lerum%202015.pdf"
    unique = Unique(digest, stored, url)
    options = RunOptions(out_dir=tmp_path / "out", raw_dir=tmp_path / "raw", workers=1)
    fresh, reused = extract_one(unique, options, "test")
    assert not reused
    assert (fresh.file_name, fresh.source, fresh.stored_path) == ("Kommunkompassen Lerum 2015.pdf", url, str(stored))
    cached, reused = extract_one(unique, options, "test")
    assert reused and (cached.file_name, cached.stored_path) == ("Kommunkompassen Lerum 2015.pdf", str(stored))
    row = build_tables([cached], [unique], [])["documents"].to_pylist()[0]
    assert (row["file_name"], row["source"], row["stored_path"]) == ("Kommunkompassen Lerum 2015.pdf", url, str(stored))
