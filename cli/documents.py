"""The commands over one document or one dataset folder: `inspect` (what kompass reads from a PDF),
`debug` (a page drawn with what kompass saw) and `check` (a dataset against the contract)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.common import debug_option, user_errors
from pipeline.errors import UsageError
from pipeline.options import DEFAULT_OUT


@click.command()
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
    click.echo(
        f"{result.file_name}: {result.status} · kind {result.kind} · framework {result.framework} · "
        f"{result.n_pages} pages · text {result.text_source}"
    )
    if result.error:
        click.echo(f"error ({result.error_code}): {result.error}")
    meta = result.metadata
    if meta and meta.organisation:
        org = meta.organisation
        click.echo(
            f"organisation: {org.name} ({org.org_type}, {org.municipality_code}) · year {meta.year} · "
            f"evaluators: {', '.join(meta.evaluators) or '-'}"
        )
        click.echo(
            f"identity from: organisation {meta.organisation_cue or 'no cue'} · year {meta.year_cue or 'no cue'}"
        )
    for o in result.observations:
        area = f"area {o.area}" if o.area else "total "
        value = "not assessed" if o.value is None else f"{o.value:g}"
        click.echo(
            f"  p.{o.page:<3} {o.organisation.slug}-{o.year} {area} {o.scale:3} {o.role:8} {value:>12}"
            f"   [{o.strategy}] {o.table or ''}"
        )
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


@click.command()
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
        raise click.ClickException(str(e)) from None


@click.command()
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
