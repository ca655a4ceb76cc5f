"""The commands that read a built dataset: `themes`, `sql`, `show`, `report`, and `evaluate-themes`
(the shipped theme classifier against its labelled sets)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.options import DEFAULT_OUT


@click.command()
@click.option("--data", "data_dir", default=str(DEFAULT_OUT), show_default=True, type=click.Path(exists=True))
@click.option("--by", type=click.Choice(["year", "framework"]), default=None, help="Group by year or framework.")
@click.option(
    "--persistence",
    is_flag=True,
    help="Instead: for organisations evaluated more than once, which improvement items and themes of one "
    "evaluation come back in the next.",
)
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
            raise click.ClickException(str(e)) from None
        return
    from pipeline.themes_report import summarize_themes

    click.echo(summarize_themes(data_dir, by))


@click.command()
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
        raise click.ClickException(str(e)) from None
    if out_path:
        Path(out_path).write_text(text if text.endswith("\n") or not text else text + "\n", encoding="utf-8")
        click.echo(f"wrote {out_path} ({len(rows)} rows)", err=True)
    else:
        click.echo(text.rstrip("\n"))


@click.command()
@click.argument("organisation")
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder.")
@click.option(
    "--chart",
    "chart_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="Also draw a radar of the latest evaluation against the printed average and the totals over "
    "the years, as FILE.png or FILE.svg.",
)
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
        raise click.ClickException(str(e)) from None


@click.command()
@click.option("--data", "data_dir", default=DEFAULT_OUT, show_default=True, help="Dataset folder.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write the site to.")
def report(data_dir, out_dir) -> None:
    """Write a static HTML site over a dataset that works offline, from file://.

    index.html lists every evaluation (sortable, filterable, with status; a link such as
    index.html#sort=total&order=descending&status=warning opens sorted and filtered);
    org/<name>.html is one organisation's scorecard, charts and findings with themes, each value
    linked to its document and page;
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
        raise click.ClickException(str(e)) from None


@click.command("evaluate-themes")
@click.option(
    "--dev",
    "dev_paths",
    multiple=True,
    help="Labelled JSONL to evaluate on; repeat for several [default: data/themes/dev.jsonl and "
    "data/themes/dev_terse.jsonl].",
)
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
