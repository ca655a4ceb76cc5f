"""I/O, reconciliation, validation and writing around the pure extractors.

The one call a program needs is `pipeline.run.run(sources, RunOptions(...)) -> RunSummary`
(no Prefect involved); `flows.py` runs the same stages as Prefect tasks. This package file stays
empty of imports so that worker processes loading `pipeline.reader.document` stay light.
"""
