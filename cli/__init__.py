"""The `kompass` command: thin wrappers that parse arguments and call pipeline functions.

Every command's help ends with an Example; README.md shows each one with its output, and
tests/test_cli.py keeps the two in step. The commands live by concern in run.py (run, serve,
deploy), documents.py (inspect, debug, check) and data.py (themes, sql, show, report,
evaluate-themes); common.py holds the options and error handling they share. This package sits
beside flows.py, above pipeline/: it may import both, and neither imports it.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
#: Tesseract's OpenMP threads oversubscribe a busy machine: `kompass inspect` of the scanned fixture
#: took 64 s with them and 17 s without on a 2-core machine (the run's workers set the same limit).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
if os.environ.get("PREFECT_HOME"):  # Prefect does not create a missing home with its parents
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)

from cli import data, documents  # noqa: E402
from cli import run as run_commands  # noqa: E402


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option("0.1.0", prog_name="kompass")
def cli() -> None:
    """Kommunkompassen evaluation reports (PDF) → a validated Parquet dataset.

    \b
    Start with:
      kompass run                     process data/raw into data/processed
      kompass inspect report.pdf      what kompass reads from one PDF
      kompass check data/processed    validate a dataset against the contract
      kompass themes                  most frequent themes and recurring recommendations
      kompass sql "SELECT …"          query the dataset with DuckDB (docs/dataset.md)
      kompass show Tyresö             one organisation's scorecard
      kompass report --out site       a browsable offline HTML report
      kompass serve --cron "0 6 * * 1"   a scheduled Prefect deployment of `run`
    """


for command in (
    run_commands.run,
    documents.inspect,
    documents.debug,
    documents.check,
    data.themes,
    data.sql,
    data.show,
    data.report,
    data.evaluate_themes,
    run_commands.serve,
    run_commands.deploy,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="kompass")
