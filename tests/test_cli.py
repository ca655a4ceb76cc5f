"""The `kompass` command: every command teaches by example and is documented; a real run end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"kompass {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_readme_section_with_an_example(name):
    assert f"### `kompass {name}" in README
    section = README.split(f"### `kompass {name}", 1)[1].split("\n### ", 1)[0]
    assert f"$ kompass {name}" in section


def test_check_reports_a_broken_folder(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "documents: documents.parquet missing" in result.output
    assert "datapackage.json missing" in result.output


def kompass(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PREFECT_HOME": str(cwd / ".prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("PREFECT_API_URL", None)
    exe = Path(sys.executable).with_name("kompass")
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_run_end_to_end_records_bad_input_and_reuses_unchanged_documents(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "tests/pdfs/report-ljusdal-2010-two-scales.pdf", raw / "ljusdal.pdf")
    shutil.copy(ROOT / "tests/pdfs/report-ljusdal-2010-two-scales.pdf", raw / "ljusdal-kopia.pdf")
    (raw / "404.pdf").write_text("<!DOCTYPE html><html><title>Sidan finns inte</title></html>")
    first = kompass("run", str(raw), "--out", str(tmp_path / "processed"), "--workers", "2", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (
        "2 documents: 1 extracted, 0 not reports, 1 failed (1 not_pdf), 1 duplicates, 0 reused unchanged"
        in first.stdout
    )
    docs = pq.read_table(tmp_path / "processed/documents.parquet").to_pylist()
    failed = next(d for d in docs if d["status"] == "failed")
    assert failed["error_code"] == "not_pdf" and "an HTML page" in failed["error"]
    assert "Sidan finns inte" not in failed["error"]  # what kind of file, never what it says
    ok = next(d for d in docs if d["status"] == "extracted")
    assert ok["duplicates"] == [str(raw / "ljusdal.pdf")] or ok["duplicates"] == [str(raw / "ljusdal-kopia.pdf")]

    written = {f.name: f.stat().st_mtime_ns for f in (tmp_path / "processed").iterdir()}
    again = kompass("run", str(raw), "--out", str(tmp_path / "processed"), "--strict", cwd=tmp_path)
    assert again.returncode == 1  # --strict: a document failed
    assert "2 reused unchanged" in again.stdout  # the bad file too: same bytes, same verdict
    # nothing changed: the dataset was left as it was, and no Prefect API was started for it
    assert {f.name: f.stat().st_mtime_ns for f in (tmp_path / "processed").iterdir()} == written
    assert not list((tmp_path / ".prefect").glob("*.db"))  # no Prefect API database either

    flow = kompass("run", str(raw), "--out", str(tmp_path / "processed"), "--prefect", cwd=tmp_path)
    assert flow.returncode == 0, flow.stderr
    assert "2 reused unchanged" in flow.stdout and list((tmp_path / ".prefect").glob("*.db"))


def test_debug_draws_a_page(tmp_path):
    out = tmp_path / "p4.png"
    result = CliRunner().invoke(
        cli,
        [
            "debug",
            str(ROOT / "tests/pdfs/report-hasselby-vallingby-2010-district.pdf"),
            "--page",
            "4",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = CliRunner().invoke(cli, ["debug", str(ROOT / "tests/pdfs/memo-lerum-2015-pm.pdf"), "--page", "99"])
    assert missing.exit_code == 1 and "has no page 99" in missing.output
