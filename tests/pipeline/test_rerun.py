"""Unchanged re-runs: the dataset is left as it is, and anything that could change it rebuilds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline.run as run_module
from pipeline.run import RunOptions, Stages, run
from tests.answer_keys import PDFS

SMALL = ["memo-lerum-2015-pm.pdf", "other-nacka-2019-personalpolicy.pdf"]


@pytest.fixture
def corpus(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in SMALL:
        shutil.copy(PDFS / name, raw / name)
    return raw


def options(tmp_path: Path) -> RunOptions:
    return RunOptions(out_dir=tmp_path / "processed", raw_dir=tmp_path / "raw", workers=1)


def written(out: Path) -> dict[str, int]:
    return {f.name: f.stat().st_mtime_ns for f in out.iterdir()}


def never_extract(*args, **kwargs):
    raise AssertionError("an unchanged re-run extracted documents")


def test_an_unchanged_rerun_leaves_the_dataset_as_it_is(corpus, tmp_path, monkeypatch):
    first = run([str(corpus)], options(tmp_path))
    before = written(tmp_path / "processed")
    again = run([str(corpus)], options(tmp_path), stages=Stages(extract=never_extract))
    assert written(tmp_path / "processed") == before
    assert (again.documents, again.not_reports, again.reused) == (first.documents, first.not_reports, 2)
    assert again.line().replace("2 reused", "0 reused") == first.line()


@pytest.mark.parametrize("change", ["new_file", "dataset_touched", "code", "no_cache"])
def test_anything_that_could_change_the_dataset_rebuilds_it(change, corpus, tmp_path, monkeypatch):
    run([str(corpus)], options(tmp_path))
    opts = options(tmp_path)
    if change == "new_file":
        shutil.copy(PDFS / "report-vasteras-2021-2020-framework.pdf", corpus / "vasteras.pdf")
    elif change == "dataset_touched":
        (tmp_path / "processed" / "findings.parquet").unlink()
    elif change == "code":
        monkeypatch.setattr(run_module, "code_digest", lambda: "another version of kompass")
    else:
        opts.use_cache = False
    rebuilt = []
    summary = run(
        [str(corpus)],
        opts,
        stages=Stages(publish=lambda tables, out: rebuilt.append(out) or run_module.publish(tables, out)),
    )
    assert rebuilt == [opts.out_dir]
    assert (tmp_path / "processed" / "findings.parquet").is_file()
    assert summary.documents == (3 if change == "new_file" else 2)
