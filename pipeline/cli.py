"""The `kompass` command: thin wrappers that parse arguments and call pipeline functions.

Every command's help ends with an Example; README.md shows each one with its output, and
tests/test_cli.py keeps the two in step.
"""
from __future__ import annotations

import os
import signal
import sys
import traceback
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Iterator

import click

from pipeline.errors import (EXIT_ENVIRONMENT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED, KompassError,
                             Terminated, UsageError, os_reason)

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
    from typing import get_args, get_type_hints

    types = get_type_hints(RunOptions)
    command = click.option("--dask-address", default=None, help="Run document tasks on this Dask scheduler "
                           "(tcp://host:8786); needs PREFECT_API_URL.")(command)
    for f in reversed(fields(RunOptions)):
        settings = dict(f.metadata)
        flag, low, high = settings.pop("flag"), settings.pop("min", None), settings.pop("max", None)
        low_open = settings.pop("min_open", False)
        hint = next((t for t in get_args(types[f.name]) if t is not type(None)), types[f.name])  # X | None -> X
        if hint is bool:
            settings.update(is_flag=True, flag_value=not f.default)
        else:
            kind = hint if hint in (int, float) else str
            ranged = {int: click.IntRange(low, high), float: click.FloatRange(low, high, min_open=low_open)}
            settings.update(type=ranged[kind] if low is not None else kind, show_default=f.default is not None)
        default = str(f.default) if isinstance(f.default, Path) else f.default
        command = click.option(flag, f.name, default=default, **settings)(command)
    return command


debug_option = click.option("--debug", is_flag=True,
                            help="Show the traceback of an error (a kompass bug report wants it).")


@contextmanager
def user_errors(debug: bool, out_dir: str | None = None) -> Iterator[None]:
    """Every error ends as one line on stderr and the exit status of the README's table; the
    traceback only with --debug. SIGTERM stops a run like Ctrl-C (exit 143, not 130)."""
    kept = f"; the previous dataset in {out_dir} is kept" if out_dir else ""
    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    except (click.exceptions.Exit, click.ClickException):
        raise
    except KompassError as e:
        fail(debug, f"error: {e}", e.exit_code)
    except KeyboardInterrupt:
        fail(debug, f"interrupted (Ctrl-C): stopped{kept}", EXIT_INTERRUPTED)
    except Terminated:
        fail(debug, f"terminated (SIGTERM): stopped{kept}", EXIT_TERMINATED)
    except OSError as e:
        where = f": {e.filename}" if e.filename else ""
        fail(debug, f"error: {os_reason(e)}{where}{kept}", EXIT_ENVIRONMENT)
    except Exception as e:
        fail(debug, f"internal error ({type(e).__name__}: {' '.join(str(e).split())[:200]}){kept}; run again with "
                    "--debug for the traceback and please report it", EXIT_INTERNAL)
    finally:
        signal.signal(signal.SIGTERM, previous)


def raise_terminated(signum, frame) -> None:
    raise Terminated()


def fail(debug: bool, line: str, code: int) -> None:
    if debug:
        traceback.print_exc()
    click.echo(line, err=True)
    sys.exit(code)


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
      kompass sql "SELECT …"          query the dataset with DuckDB (docs/dataset.md)
      kompass show Tyresö             one organisation's scorecard
      kompass report --out site       a browsable offline HTML report
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


@cli.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@debug_option
def inspect(pdf, as_json, debug) -> None:
    """Show what kompass reads from one PDF, without writing anything.

    Exit status 0 when it was read (even as a failed document: the error says why), 2 when the
    path is not a regular file (a FIFO, a device), 5 for a kompass bug.

    \b
    Example:
      kompass inspect tests/pdfs/report-ljusdal-2010-two-scales.pdf
    """
    with user_errors(debug):
        result = inspect_result(Path(pdf))
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
        click.echo(f"  check {c.severity}: {c.code}: {c.detail}")


def inspect_result(path: Path):
    """The DocumentResult of one file, read in this process; UsageError for what is no regular file."""
    from pipeline.fetch import sha256_file
    from pipeline.process import process_document
    from pipeline.sources import input_problem, printable

    problem = input_problem(path)
    if problem:
        raise UsageError(f"{printable(str(path))} is {problem}")
    result = process_document(path, sha256_file(path), printable(str(path)), isolate=False)
    result.file_name = printable(result.file_name)
    return result


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
@debug_option
def check(data_dir, debug) -> None:
    """Validate a dataset folder against the contract (types, values, keys, references).

    A table file that is missing, damaged or truncated, and a missing datapackage.json, are
    violations too. Exit status 0 when it conforms, 1 otherwise.

    \b
    Example:
      kompass check data/processed
    """
    from pipeline.validate import check_dataset

    with user_errors(debug):
        tables, violations = check_dataset(data_dir)
    for v in violations:
        click.echo(v)
    counts = ", ".join(f"{name} {t.num_rows}" for name, t in tables.items())
    click.echo(f"contract: {'conforms' if not violations else f'{len(violations)} violations'} ({counts})")
    sys.exit(1 if violations else 0)


@cli.command()
@click.option("--data", "data_dir", default=str(DEFAULT_OUT), show_default=True, type=click.Path(exists=True))
@click.option("--by", type=click.Choice(["year", "framework"]), default=None, help="Group by year or framework.")
@click.option("--persistence", is_flag=True,
              help="Instead: for organisations evaluated more than once, which improvement items and themes of one "
                   "evaluation come back in the next.")
def themes(data_dir, by, persistence) -> None:
    """Most frequent themes and recurring recommendations in a dataset.

    With --persistence: recurring improvement areas over time. An improvement item comes back when
    the organisation's next evaluation has one with the same recurring_id or a close wording; a
    theme persists when both evaluations' improvements carry it.

    \b
    Example:
      kompass themes --data data/processed --by framework
      kompass themes --persistence
    """
    if persistence:
        from pipeline.persistence import persistence_report
        from pipeline.sql import QueryError

        try:
            click.echo(persistence_report(data_dir))
        except QueryError as e:
            raise click.ClickException(str(e))
        return
    from pipeline.themes_report import summarize_themes

    click.echo(summarize_themes(data_dir, by))


@cli.command()
@click.argument("query")
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False), help="Write the result to FILE.")
def sql(query, data_dir, fmt, out_path) -> None:
    """Run SQL over a dataset with DuckDB: every table is a view under its own name.

    QUERY is SQL text, `-` for standard input, or a .sql file. Besides the tables there are the
    views scores_wide (one row per evaluation × scale, area_1 … area_8, total, max_total, status),
    findings_themes (one row per finding × theme, with its score) and latest (each organisation's
    most recent evaluation). Columns and example queries: docs/dataset.md. Exit status 1 with a
    one-line message when the query fails.

    \b
    Example:
      kompass sql "SELECT organisation, year, total FROM scores_wide WHERE scale = 'new' ORDER BY total DESC LIMIT 5"
      kompass sql queries/themes.sql --format csv --out themes.csv
      echo "SELECT code, count(*) FROM checks GROUP BY code" | kompass sql - --format json
    """
    from pipeline.sql import QueryError, format_result, read_query, run_query

    try:
        columns, rows = run_query(data_dir, read_query(query))
        text = format_result(columns, rows, fmt)
    except QueryError as e:
        raise click.ClickException(str(e))
    if out_path:
        Path(out_path).write_text(text if text.endswith("\n") or not text else text + "\n", encoding="utf-8")
        click.echo(f"wrote {out_path} ({len(rows)} rows)", err=True)
    else:
        click.echo(text.rstrip("\n"))


@cli.command()
@click.argument("organisation")
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder.")
@click.option("--chart", "chart_path", default=None, type=click.Path(dir_okay=False),
              help="Also draw a radar of the latest evaluation against the printed average and the totals over "
                   "the years, as FILE.png or FILE.svg.")
def show(organisation, data_dir, chart_path) -> None:
    """A scorecard of every evaluation of one organisation.

    ORGANISATION is a name or part of one ("Tyresö"), an evaluation id or slug ("tyreso-2015"), or an
    SCB municipality code ("0138"). Areas side by side across years and scales, the national averages
    the reports printed, totals, status, the documents, checks and the most frequent improvement
    themes. A name that fits several organisations lists them (exit status 1).

    \b
    Example:
      kompass show Tyresö
      kompass show 0138 --data data/processed --chart tyreso.png
    """
    from pipeline.scorecard import build_scorecard, write_chart
    from pipeline.sql import QueryError

    try:
        card = build_scorecard(data_dir, organisation)
        click.echo(card.render())
        if chart_path:
            click.echo(f"wrote {write_chart(card, chart_path)}")
    except QueryError as e:
        raise click.ClickException(str(e))


@cli.command()
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write the site to.")
def report(data_dir, out_dir) -> None:
    """Write a static HTML site over a dataset that works offline, from file://.

    index.html lists every evaluation (sortable, filterable, with status; a link such as
    index.html#sort=total&order=descending&status=warning opens sorted and filtered); org/<name>.html is one organisation's
    scorecard, charts and findings with themes, each value linked to its document and page;
    themes.html has theme frequencies by year and framework, recurring recommendations and their
    persistence; checks.html lists every check. No CDN: CSS, script and SVG charts are inline.

    \b
    Example:
      kompass report --data data/processed --out site
    """
    from pipeline.report import build_report
    from pipeline.sql import QueryError

    try:
        click.echo(build_report(data_dir, out_dir).line())
    except QueryError as e:
        raise click.ClickException(str(e))


@cli.command("evaluate-themes")
@click.option("--dev", "dev_paths", multiple=True,
              help="Labelled JSONL to evaluate on; repeat for several [default: data/themes/dev.jsonl and "
                   "data/themes/dev_terse.jsonl].")
def evaluate_themes(dev_paths) -> None:
    """Per-theme precision, recall and F1 of the shipped theme classifier, one column group per
    labelled set, with the mean number of themes per item predicted and in the gold labels.

    \b
    Example:
      kompass evaluate-themes
      kompass evaluate-themes --dev data/themes/dev_terse.jsonl
    """
    from extractors.themes import load_theme_model
    from pipeline.themes_training import DEV_PATHS, evaluate, format_report

    nlp = load_theme_model()
    click.echo(format_report([evaluate(path, nlp=nlp) for path in dev_paths or DEV_PATHS]))


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

    from flows import serve_ingest

    options = split_options(parameters)
    check_schedule(cron, timezone)
    if not PREFECT_API_URL.value() and not dask_address:
        click.echo("note: PREFECT_API_URL is not set: serving against a temporary Prefect server that stops with "
                   "this command, and schedules do not fire; start `prefect server start` and set "
                   "PREFECT_API_URL=http://127.0.0.1:4200/api for a routine", err=True)
    with user_errors(debug=False):
        serve_ingest(list(sources) or [str(DEFAULT_RAW)], options, name=name, cron=cron, timezone=timezone,
                     dask_address=dask_address)


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
