"""The large synthetic dataset of benchmarks/readers.py is a valid dataset of the size asked for."""

from __future__ import annotations

from benchmarks.readers import synthetic_tables
from pipeline.validate import contract_violations


def test_synthetic_dataset_has_the_evaluations_asked_for_and_keeps_the_contract():
    tables = synthetic_tables(40)
    assert contract_violations(tables) == []
    assert tables["evaluations"].num_rows == 40
    evaluations = set(tables["evaluations"].column("evaluation_id").to_pylist())
    assert set(tables["area_scores"].column("evaluation_id").to_pylist()) <= evaluations
    themes = tables["findings"].column("themes").to_pylist()
    ids = set(tables["themes"].column("id").to_pylist())
    assert sum(map(bool, themes)) > len(themes) / 2  # the classifier ran
    assert set().union(*themes) <= ids
