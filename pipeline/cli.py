"""The `kompass` command: thin wrappers that parse arguments and call pipeline functions.

Every command's help ends with an Example; README.md shows each one with its output, and
tests/test_cli.py keeps the two in step.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
#: Tesseract's OpenMP threads oversubscribe a busy machine: `kompass inspect` of the scanned fixture
#: took 64 s with them and 17 s without on a 2-core machine (the run's workers set the same limit).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
if os.environ.get("PREFECT_HOME"):     # Prefect does not create a missing home with its parents
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)

DEFAULT_OUT = "data/processed"
DEFAULT_RAW = "data/raw"


def dataset_options(command):
    """Options every dataset-building command shares (run, serve): where, how many, which limits."""
    options = [
        click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder to (re)write."),
        click.option("--raw", "raw_dir", default=DEFAULT_RAW, show_default=True,
                     help="Where downloaded PDFs are stored."),
        click.option("--workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True,
                     help="Documents processed at once (each in its own child process)."),
        click.option("--timeout", "timeout_s", type=float, default=180.0, show_default=True,
                     help="Seconds one document may take before it is recorded as `timeout`."),
        click.option("--memory-mb", type=int, default=3072, show_default=True, help="Memory cap per document process."),
        click.option("--max-pages", type=int, default=400, show_default=True, help="More pages is `too_large`."),
        click.option("--max-mb", type=float, default=200.0, show_default=True, help="Bigger files are `too_large`."),
        click.option("--cache-dir", default=None, help="Per-document result cache [default: <out>/../.kompass-cache]."),
        click.option("--lock-wait", "lock_wait_s", type=float, default=0.0, show_default=True,
                     help="Seconds to wait for another run writing the same folder, then refuse."),
        click.option("--dask-address", default=None, help="Run document tasks on this Dask scheduler (tcp://host:8786)."),
        click.option("--no-triage", is_flag=True,
                     help="pdfplumber reads every page (slower; the same dataset as with triage, where PDFium "
                          "reads the pages without scores)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


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
@dataset_options
@click.option("--no-cache", is_flag=True, help="Re-extract every document, even unchanged ones.")
@click.option("--prefect", "as_flow", is_flag=True,
              help="Run as the Prefect flow kompass-ingest (also when PREFECT_API_URL is set or with "
                   "--dask-address), so the run shows in the Prefect UI.")
@click.option("--strict", is_flag=True, help="Exit 1 when a document failed or a check is an error.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(sources, out_dir, raw_dir, workers, timeout_s, memory_mb, max_pages, max_mb, no_cache, cache_dir,
        lock_wait_s, dask_address, no_triage, as_flow, strict, quiet) -> None:
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

    missing_ocr = tesseract_status()
    if missing_ocr:
        click.echo(f"note: {missing_ocr}", err=True)
    bar = tqdm(desc="documents", unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        parameters = dict(out_dir=out_dir, raw_dir=raw_dir, workers=workers, use_cache=not no_cache,
                          timeout_s=timeout_s, memory_mb=memory_mb, max_pages=max_pages, max_mb=max_mb,
                          lock_wait_s=lock_wait_s, cache_dir=cache_dir, triage=not no_triage)

        def on_done(_result) -> None:
            bar.update(1)

        if as_flow or dask_address or os.environ.get("PREFECT_API_URL"):
            from flows import ingest_flow_for
            summary = ingest_flow_for(workers, dask_address)(list(sources) or [DEFAULT_RAW], on_done=on_done,
                                                             **parameters)
        else:
            from pipeline.run import options_from, run as run_pipeline
            summary = run_pipeline(list(sources) or [DEFAULT_RAW], options_from(**parameters), on_done)
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
        click.echo(f"identity from: organisation {meta.organisation_cue or 'no cue'} · year {meta.year_cue or 'no cue'}")
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
@click.argument("data_dir", default=DEFAULT_OUT, type=click.Path(exists=True, file_okay=False))
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
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, type=click.Path(exists=True))
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


@cli.command()
@click.argument("sources", nargs=-1)
@click.option("--name", default="weekly", show_default=True,
              help="Deployment name: runs are started as 'kompass-ingest/NAME'.")
@click.option("--cron", default="0 6 * * 1", show_default=True, help="When to run (cron: minute hour day month weekday).")
@click.option("--timezone", default="Europe/Stockholm", show_default=True, help="Time zone the cron is read in.")
@dataset_options
def serve(sources, name, cron, timezone, out_dir, raw_dir, workers, timeout_s, memory_mb, max_pages, max_mb,
          cache_dir, lock_wait_s, dask_address, no_triage) -> None:
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

    from flows import ingest_schedule, serve_ingest

    try:
        ingest_schedule(cron, timezone)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--cron/--timezone")
    if not PREFECT_API_URL.value():
        click.echo("note: PREFECT_API_URL is not set: serving against a temporary Prefect server that stops with "
                   "this command, and schedules do not fire; start `prefect server start` and set "
                   "PREFECT_API_URL=http://127.0.0.1:4200/api for a routine", err=True)
    serve_ingest(list(sources) or [DEFAULT_RAW], name=name, cron=cron, timezone=timezone, workers=workers,
                 dask_address=dask_address, out_dir=out_dir, raw_dir=raw_dir, timeout_s=timeout_s,
                 memory_mb=memory_mb, max_pages=max_pages, max_mb=max_mb, cache_dir=cache_dir,
                 lock_wait_s=lock_wait_s, triage=not no_triage)


def main() -> None:
    cli(prog_name="kompass")


if __name__ == "__main__":
    main()
