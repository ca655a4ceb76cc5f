"""The dataset-building commands: `kompass run` (locally or as the Prefect flow), and `serve` and
`deploy`, which schedule the same flow. flows.py is imported only by the commands that need Prefect."""

from __future__ import annotations

import os
import sys

import click

from cli.common import debug_option, run_options, split_options, user_errors
from pipeline.options import DEFAULT_CRON, DEFAULT_RAW, DEFAULT_TIMEZONE, RunOptions


@click.command()
@click.argument("sources", nargs=-1)
@run_options
@click.option(
    "--prefect",
    "as_flow",
    is_flag=True,
    help="Run as the Prefect flow kompass-ingest (also when PREFECT_API_URL is set or with "
    "--dask-address), so the run shows in the Prefect UI.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when a document failed or a check is an error.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@debug_option
def run(sources, dask_address, as_flow, strict, quiet, debug, **parameters) -> None:
    """Process reports into the dataset.

    SOURCES are folders (searched recursively), PDF files, http(s) URLs of PDFs or of listing pages
    that link to PDFs, or a sources.toml. Default: data/raw. Unchanged documents (same bytes, same
    extractor version) are not processed again, and when nothing changed at all the dataset is left as
    it is. The run uses local worker processes; with --prefect, PREFECT_API_URL set, or --dask-address
    it is the Prefect flow in flows.py (a one-off flow run without a server starts a temporary
    Prefect API, ~10 s). Exit status 0 when the run completed, even if some
    documents failed (they are recorded in documents.parquet); 1 with --strict when a document
    failed or a check is an error; 2 for usage errors (a missing source, an --out that is not
    kompass's to replace, no input found); 3 when the dataset would break the contract; 4 when the
    machine stopped it (disk full, lock held); 5 for a kompass bug; 130/143 on Ctrl-C/SIGTERM. The
    previous dataset is kept whenever the status is not 0 or 1.

    \b
    Example:
      kompass run data/raw --out data/processed
      kompass run https://www.example-kommun.se/kommunkompassen/ sources.toml --workers 4
      kompass run data/raw --prefect
    """
    from tqdm import tqdm

    from pipeline.reader.tesseract import tesseract_status

    options = split_options(parameters)
    missing_ocr = tesseract_status()
    if missing_ocr:
        click.echo(f"note: {missing_ocr}", err=True)
    bar = tqdm(desc="documents", unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    with user_errors(debug, str(options.out_dir)):
        try:
            summary = run_with(list(sources) or [str(DEFAULT_RAW)], options, bar, as_flow, dask_address)
        finally:
            bar.close()
    click.echo(summary.line())
    click.echo(f"dataset: {summary.out_dir}")
    if strict and (summary.failed or summary.checks.get("error")):
        sys.exit(1)


def run_with(sources: list[str], options: RunOptions, bar, as_flow: bool, dask_address: str | None):
    """The run's summary, locally or as the Prefect flow: both go through `pipeline.run.run`, whose
    first stage refuses what is not safe before anything is touched."""

    def on_done(_result) -> None:
        bar.update(1)

    if as_flow or dask_address or os.environ.get("PREFECT_API_URL"):
        from flows import run_ingest

        return run_ingest(sources, options, dask_address=dask_address, on_done=on_done)
    from pipeline.run import run as run_pipeline

    return run_pipeline(sources, options, on_done)


def deployment_options(command):
    """What serve and deploy share: the deployment's name and schedule, and the run's options."""
    for option in [
        click.option(
            "--name",
            default="weekly",
            show_default=True,
            help="Deployment name: runs are started as 'kompass-ingest/NAME'.",
        ),
        click.option(
            "--cron", default=DEFAULT_CRON, show_default=True, help="When to run (cron: minute hour day month weekday)."
        ),
        click.option("--timezone", default=DEFAULT_TIMEZONE, show_default=True, help="Time zone the cron is read in."),
        run_options,
    ][::-1]:
        command = option(command)
    return command


def check_schedule(cron: str, timezone: str) -> None:
    from flows import ingest_schedule

    try:
        ingest_schedule(cron, timezone)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--cron/--timezone") from None


@click.command()
@click.argument("sources", nargs=-1)
@deployment_options
def serve(sources, name, cron, timezone, dask_address, **parameters) -> None:
    """Serve the ingest flow as a scheduled Prefect deployment (blocks; Ctrl-C stops it).

    Registers the deployment 'kompass-ingest/NAME' with the Prefect server at PREFECT_API_URL and
    starts a flow run whenever the cron schedule (or `prefect deployment run`, or the UI) asks for
    one. SOURCES are as for `kompass run`; local paths are stored as absolute paths. Without
    PREFECT_API_URL a temporary server lives as long as this command and schedules do not fire:
    fine for trying, not for a routine. See docs/orchestration.md.

    \b
    Example:
      prefect server start
      PREFECT_API_URL=http://127.0.0.1:4200/api kompass serve sources.toml --name weekly --cron "0 6 * * 1"
      PREFECT_API_URL=http://127.0.0.1:4200/api prefect deployment run 'kompass-ingest/weekly'
    """
    from prefect.settings import PREFECT_API_URL

    from flows import serve_ingest

    options = split_options(parameters)
    check_schedule(cron, timezone)
    if not PREFECT_API_URL.value() and not dask_address:
        click.echo(
            "note: PREFECT_API_URL is not set: serving against a temporary Prefect server that stops with "
            "this command, and schedules do not fire; start `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api for a routine",
            err=True,
        )
    with user_errors(debug=False):
        serve_ingest(
            list(sources) or [str(DEFAULT_RAW)],
            options,
            name=name,
            cron=cron,
            timezone=timezone,
            dask_address=dask_address,
        )


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--pool", required=True, help="The Prefect work pool (type process) whose workers run the flow.")
@deployment_options
def deploy(sources, pool, name, cron, timezone, dask_address, **parameters) -> None:
    """Register the ingest flow as a scheduled deployment on a work pool, for `prefect worker start`.

    Unlike `serve`, this returns at once: the deployment 'kompass-ingest/NAME' lives on the Prefect
    server at PREFECT_API_URL, and a worker of the process work pool POOL, on any machine where
    kompass is installed, runs it on schedule or when asked. Create the pool once with
    `prefect work-pool create POOL --type process`. See docs/orchestration.md.

    \b
    Example:
      prefect work-pool create kompass --type process
      kompass deploy sources.toml --pool kompass --name weekly --cron "0 6 * * 1"
      prefect worker start --pool kompass
    """
    from flows import deploy_ingest

    options = split_options(parameters)
    check_schedule(cron, timezone)
    try:
        deployment_id = deploy_ingest(
            list(sources) or [str(DEFAULT_RAW)],
            options,
            name=name,
            pool=pool,
            cron=cron,
            timezone=timezone,
            dask_address=dask_address,
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    click.echo(f"deployment kompass-ingest/{name} ({deployment_id}) on work pool {pool}, schedule {cron} ({timezone})")
    click.echo(f"start a worker: prefect worker start --pool {pool}")
    click.echo(f"run it now:     prefect deployment run 'kompass-ingest/{name}'")
