"""The `kompass` command: thin wrappers that parse arguments and call pipeline functions.

Every command's help ends with an Example; README.md shows each one with its output, and
tests/test_cli.py keeps the two in step.
"""
from __future__ import annotations

import os
import sys
from dataclasses import fields
from pathlib import Path

import click

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
#: Tesseract's OpenMP threads oversubscribe a busy machine: `kompass inspect` of the scanned fixture
#: took 64 s with them and 17 s without on a 2-core machine (the run's workers set the same limit).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
if os.environ.get("PREFECT_HOME"):     # Prefect does not create a missing home with its parents
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)

from pipeline.options import DEFAULT_CRON, DEFAULT_OUT, DEFAULT_RAW, DEFAULT_TIMEZONE, RunOptions  # noqa: E402


def run_options(command):
    """The options of every dataset-building command (run, serve, deploy): one per RunOptions field, from
    the flag and help in its metadata, and --dask-address. The command gets them as keyword arguments;
    `split_options` turns them back into RunOptions."""
    from typing import get_type_hints

    types = get_type_hints(RunOptions)
    command = click.option("--dask-address", default=None, help="Run document tasks on this Dask scheduler "
                           "(tcp://host:8786); needs PREFECT_API_URL.")(command)
    for f in reversed(fields(RunOptions)):
        settings = dict(f.metadata)
        flag, low, high = settings.pop("flag"), settings.pop("min", None), settings.pop("max", None)
        if types[f.name] is bool:
            settings.update(is_flag=True, flag_value=not f.default)
        else:
            kind = types[f.name] if types[f.name] in (int, float) else str
            settings.update(type=click.IntRange(low, high) if kind is int and low is not None else kind,
                            show_default=f.default is not None)
        default = str(f.default) if isinstance(f.default, Path) else f.default
        command = click.option(flag, f.name, default=default, **settings)(command)
    return command


def split_options(parameters: dict):
    """RunOptions from the keyword arguments `run_options` added; the others are left in parameters."""
    try:
        return RunOptions(**{f.name: parameters.pop(f.name) for f in fields(RunOptions)})
    except ValueError as e:
        raise click.UsageError(str(e)) from None


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
      kompass serve --cron "0 6 * * 1"   a scheduled Prefect deployment of `run`
    """


@cli.command()
@click.argument("sources", nargs=-1)
@run_options
@click.option("--prefect", "as_flow", is_flag=True,
              help="Run as the Prefect flow kompass-ingest (also when PREFECT_API_URL is set or with "
                   "--dask-address), so the run shows in the Prefect UI.")
@click.option("--strict", is_flag=True, help="Exit 1 when a document failed or a check is an error.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(sources, dask_address, as_flow, strict, quiet, **parameters) -> None:
    """Process reports into the dataset.

    SOURCES are folders (searched recursively), PDF files, http(s) URLs of PDFs or of listing pages
    that link to PDFs, or a sources.toml. Default: data/raw. Unchanged documents (same bytes, same
    extractor version) are not processed again, and when nothing changed at all the dataset is left as
    it is. The run uses local worker processes; with --prefect, PREFECT_API_URL set, or --dask-address
    it is the Prefect flow in flows.py (a one-off flow run without a server starts a temporary
    Prefect API, ~10 s). Exit status 0 when the run completed, even if some
    documents failed (they are recorded in documents.parquet); 2 for usage errors; 1 with --strict
    when a document failed or a check is an error.

    \b
    Example:
      kompass run data/raw --out data/processed
      kompass run https://www.example-kommun.se/kommunkompassen/ sources.toml --workers 4
      kompass run data/raw --prefect
    """
    from tqdm import tqdm

    from pipeline.documents import tesseract_status
    from pipeline.run import DatasetViolation
    from pipeline.write import LockedError

    options = split_options(parameters)
    missing_ocr = tesseract_status()
    if missing_ocr:
        click.echo(f"note: {missing_ocr}", err=True)
    bar = tqdm(desc="documents", unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        def on_done(_result) -> None:
            bar.update(1)

        if as_flow or dask_address or os.environ.get("PREFECT_API_URL"):
            from flows import NoPrefectServer, run_ingest
            try:
                summary = run_ingest(list(sources) or [str(DEFAULT_RAW)], options, dask_address=dask_address,
                                     on_done=on_done)
            except NoPrefectServer as e:
                raise click.UsageError(str(e)) from None
        else:
            from pipeline.run import run as run_pipeline
            summary = run_pipeline(list(sources) or [str(DEFAULT_RAW)], options, on_done)
    except LockedError as e:
        raise click.ClickException(str(e))
    except DatasetViolation as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(3)
    finally:
        bar.close()
    click.echo(summary.line())
    click.echo(f"dataset: {summary.out_dir}")
    if strict and (summary.failed or summary.checks.get("error")):
        sys.exit(1)


@cli.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def inspect(pdf, as_json) -> None:
    """Show what kompass reads from one PDF, without writing anything.

    \b
    Example:
      kompass inspect tests/pdfs/report-ljusdal-2010-two-scales.pdf
    """
    from pipeline.fetch import sha256_file
    from pipeline.process import process_document

    result = process_document(pdf, sha256_file(pdf), str(pdf), isolate=False)
    if as_json:
        click.echo(result.to_json())
        return
    click.echo(f"{result.file_name}: {result.status} · kind {result.kind} · framework {result.framework} · "
               f"{result.n_pages} pages · text {result.text_source}")
    if result.error:
        click.echo(f"error ({result.error_code}): {result.error}")
    meta = result.metadata
    if meta and meta.organisation:
        org = meta.organisation
        click.echo(f"organisation: {org.name} ({org.org_type}, {org.municipality_code}) · year {meta.year} · "
                   f"evaluators: {', '.join(meta.evaluators) or '-'}")
    for o in result.observations:
        area = f"area {o.area}" if o.area else "total "
        value = "not assessed" if o.value is None else f"{o.value:g}"
        click.echo(f"  p.{o.page:<3} {o.organisation.slug}-{o.year} {area} {o.scale:3} {o.role:8} {value:>12}"
                   f"   [{o.strategy}] {o.table or ''}")
    for f in result.findings:
        click.echo(f"  p.{f.page:<3} area {f.area} {f.kind:11} {f.position:>2}. {f.text}")
    for c in result.checks:
        click.echo(f"  check {c.severity}: {c.check}: {c.detail}")


@cli.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--page", "page_number", type=click.IntRange(1), required=True, help="1-based page number.")
@click.option("--out", "out_path", default=None, help="PNG to write [default: <pdf stem>-p<page>.png].")
def debug(pdf, page_number, out_path) -> None:
    """Draw a page with what kompass saw on it: lines, removed headers/footers, table rows.

    Blue: lines of the page model; red: running headers/footers dropped; green: score table rows.

    \b
    Example:
      kompass debug tests/pdfs/report-ljusdal-2010-two-scales.pdf --page 4 --out ljusdal-p4.png
    """
    from pipeline.debug import draw_page

    out_path = out_path or f"{Path(pdf).stem}-p{page_number}.png"
    try:
        click.echo(f"wrote {draw_page(pdf, page_number, out_path)}")
    except ValueError as e:
        raise click.ClickException(str(e))


@cli.command()
@click.argument("data_dir", default=str(DEFAULT_OUT), type=click.Path(exists=True, file_okay=False))
def check(data_dir) -> None:
    """Validate a dataset folder against the contract (types, values, keys, references).

    Exit status 0 when it conforms, 1 otherwise.

    \b
    Example:
      kompass check data/processed
    """
    from pipeline.validate import contract_violations, read_dataset

    tables = read_dataset(data_dir)
    violations = contract_violations(tables)
    for v in violations:
        click.echo(v)
    counts = ", ".join(f"{name} {t.num_rows}" for name, t in tables.items())
    click.echo(f"contract: {'conforms' if not violations else f'{len(violations)} violations'} ({counts})")
    sys.exit(1 if violations else 0)


@cli.command()
@click.option("--data", "data_dir", default=str(DEFAULT_OUT), show_default=True, type=click.Path(exists=True))
@click.option("--by", type=click.Choice(["year", "framework"]), default=None, help="Group by year or framework.")
def themes(data_dir, by) -> None:
    """Most frequent themes and recurring recommendations in a dataset.

    \b
    Example:
      kompass themes --data data/processed --by framework
    """
    from pipeline.themes_report import summarize_themes

    click.echo(summarize_themes(data_dir, by))


@cli.command("evaluate-themes")
@click.option("--dev", "dev_path", default=None, help="Labelled JSONL to evaluate on [default: data/themes/dev.jsonl].")
def evaluate_themes(dev_path) -> None:
    """Per-theme precision, recall and F1 of the shipped theme classifier on a labelled set.

    \b
    Example:
      kompass evaluate-themes --dev data/themes/dev.jsonl
    """
    from pipeline.themes_training import evaluate, format_report

    click.echo(format_report(evaluate(dev_path) if dev_path else evaluate()))


def deployment_options(command):
    """What serve and deploy share: the deployment's name and schedule, and the run's options."""
    for option in [
        click.option("--name", default="weekly", show_default=True,
                     help="Deployment name: runs are started as 'kompass-ingest/NAME'."),
        click.option("--cron", default=DEFAULT_CRON, show_default=True,
                     help="When to run (cron: minute hour day month weekday)."),
        click.option("--timezone", default=DEFAULT_TIMEZONE, show_default=True,
                     help="Time zone the cron is read in."),
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


@cli.command()
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

    from flows import NoPrefectServer, serve_ingest

    options = split_options(parameters)
    check_schedule(cron, timezone)
    if not PREFECT_API_URL.value() and not dask_address:
        click.echo("note: PREFECT_API_URL is not set: serving against a temporary Prefect server that stops with "
                   "this command, and schedules do not fire; start `prefect server start` and set "
                   "PREFECT_API_URL=http://127.0.0.1:4200/api for a routine", err=True)
    try:
        serve_ingest(list(sources) or [str(DEFAULT_RAW)], options, name=name, cron=cron, timezone=timezone,
                     dask_address=dask_address)
    except NoPrefectServer as e:
        raise click.UsageError(str(e)) from None


@cli.command()
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
        deployment_id = deploy_ingest(list(sources) or [str(DEFAULT_RAW)], options, name=name, pool=pool, cron=cron,
                                      timezone=timezone, dask_address=dask_address)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    click.echo(f"deployment kompass-ingest/{name} ({deployment_id}) on work pool {pool}, schedule {cron} "
               f"({timezone})")
    click.echo(f"start a worker: prefect worker start --pool {pool}")
    click.echo(f"run it now:     prefect deployment run 'kompass-ingest/{name}'")


def main() -> None:
    cli(prog_name="kompass")


if __name__ == "__main__":
    main()
