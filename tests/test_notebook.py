"""docs/examples/explore.ipynb runs top to bottom on a dataset and prints the known answers."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tests.datasets import write_sample_dataset

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "explore.ipynb"
#: Seconds one cell may take (the first imports pandas and DuckDB in a fresh kernel).
CELL_TIMEOUT_S = 180


def test_explore_notebook_runs_on_a_dataset(tmp_path, monkeypatch):
    data = write_sample_dataset(tmp_path / "processed")
    monkeypatch.setenv("KOMPASS_DATA", str(data))  # the kernel inherits the environment
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    NotebookClient(
        notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    printed = [
        "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    assert printed[1] == "5 evaluations, 32 area scores, 10 findings\n"
    assert printed[2].splitlines()[-1] == "2 checks"
    assert printed[3].splitlines() == [
        " year  evaluations  mean_percent",
        " 2010            3          47.9",
        " 2015            1          63.2",
    ]
    assert printed[4].split() == [
        "framework",
        "2010",
        "theme",
        "uppfoljning",
        "3",
        "medborgardialog",
        "2",
        "mal_styrning",
        "2",
        "digitalisering",
        "1",
        "kompetens",
        "1",
    ]
    assert printed[5].splitlines() == [
        "municipality_code,municipality,evaluations,latest_year,latest_total,latest_percent,latest_status,"
        "top_improvement_theme",
        "0138,Tyresö,3,2015,505.5,63.2,ok,medborgardialog",
        "0180,Stockholm,1,2010,360.0,51.4,ok,",
        "2161,Ljusdal,1,2010,330.0,41.3,warning,kompetens",
    ]
