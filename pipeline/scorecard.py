"""`kompass show`: every evaluation of one organisation as a terminal scorecard, and as a chart.

The scorecard puts areas side by side across years and scales, with the national averages the
reports printed, totals, status, checks and the most frequent improvement themes. The chart is a
radar of the latest evaluation against its printed average, and the totals over the years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rapidfuzz import fuzz, process

from extractors.text import fold, slugify

from .charts import Canvas, line_chart, radar
from .sql import QueryError, connect

#: Improvement themes listed on a scorecard.
TOP_THEMES = 5
#: Closest names offered when nothing matches.
SUGGESTIONS = 3
#: A name at least this similar (rapidfuzz WRatio, 0–100) to the query is offered as "did you mean".
SUGGEST_SCORE = 60
CODE = re.compile(r"\d{4}")


class OrganisationNotFound(QueryError):
    """No organisation, or several, match what the user typed; the message lists the candidates."""


@dataclass
class Column:
    """One column of the scorecard: an evaluation on one scale, or a printed average beside it."""

    year: int
    label: str
    scale: str
    framework: str
    areas: dict[int, float | None]  # area → score; None: not assessed; missing key: no value
    total: float | None = None
    max_total: float | None = None
    status: str = ""
    average: bool = False
    sources: dict[int | None, tuple[str, int]] = field(default_factory=dict)  # area (None: total) → document, page


@dataclass
class Scorecard:
    organisation: str
    org_type: str
    municipality_code: str | None
    evaluations: list[dict]
    columns: list[Column]
    area_names: dict[int, str]
    documents: list[str]
    checks: list[dict]
    themes: list[dict] = field(default_factory=list)

    def render(self) -> str:
        years = [e["year"] for e in self.evaluations]
        head = (
            f"{self.organisation} · {self.org_type} · municipality code {self.municipality_code or '-'} · "
            f"{len(years)} evaluation{'s' if len(years) != 1 else ''} ({', '.join(map(str, years))})"
        )
        lines = [head, ""]
        width = max([len(f"{a} {n}") for a, n in self.area_names.items()] + [24]) + 2
        cell = max([len(c.label) for c in self.columns] + [7]) + 2

        def row(label: str, values: list[str]) -> str:
            return (label.ljust(width) + "".join(v.rjust(cell) for v in values)).rstrip()

        lines.append(row("", [c.label for c in self.columns]))
        lines.append(row("scale", [c.scale for c in self.columns]))
        lines.append(row("framework", [c.framework for c in self.columns]))
        for area, name in self.area_names.items():
            lines.append(row(f"{area} {name}", [score_text(c.areas, area) for c in self.columns]))
        lines.append(row("Total", [number(c.total) for c in self.columns]))
        lines.append(row("Max", [number(c.max_total) if not c.average else "" for c in self.columns]))
        lines.append(row("Status", [c.status for c in self.columns]))
        frameworks = {c.framework for c in self.columns if c.areas}
        if len(frameworks) > 1:
            lines.append(
                f"Areas are numbered as in each evaluation's framework; names as in the "
                f"{self.columns[-1].framework} framework."
            )
        lines += ["", "Documents:"] + [f"  {d}" for d in self.documents]
        lines += ["", "Checks:" if self.checks else "Checks: none"]
        for c in self.checks:
            page = f" (p. {c['page']})" if c["page"] else ""
            lines.append(f"  {c['evaluation_id']} {c['severity']} {c['code']}{page}: {c['detail']}")
        lines += ["", "Most frequent improvement themes:" if self.themes else "Improvement themes: none"]
        for t in self.themes:
            lines.append(
                f"  {t['findings']:3d} item{'s' if t['findings'] != 1 else ' '} in "
                f"{t['evaluations']} ev. ({', '.join(map(str, t['years']))})  {t['theme']}: {t['label']}"
            )
        return "\n".join(lines)

    def chart(self) -> Canvas:
        """A radar of the latest evaluation with area scores against its printed average; totals by year."""
        canvas = Canvas(900, 440)
        scored = [c for c in self.columns if not c.average and c.areas]
        if scored:
            latest = scored[-1]
            series = [(f"{self.organisation} {latest.label}", [latest.areas.get(a) for a in range(1, 9)])]
            average = next(
                (c for c in self.columns if c.average and c.year == latest.year and c.scale == latest.scale), None
            )
            if average:
                series.append((f"printed average {latest.year}", [average.areas.get(a) for a in range(1, 9)]))
            radar(
                canvas,
                210,
                215,
                135,
                [f"{a}" for a in range(1, 9)],
                series,
                title=f"Areas {latest.label} ({latest.scale} scale)",
            )
        else:
            canvas.text(210, 215, "no area scores", "middle")
        totals: dict[str, list[tuple[int, float]]] = {}
        for e in self.evaluations:
            if e["total_score"] is not None:
                totals.setdefault(e["total_scale"], []).append((e["year"], e["total_score"]))
            if e["total_score_old_scale"] is not None:
                totals.setdefault("old", []).append((e["year"], e["total_score_old_scale"]))
        line_chart(
            canvas,
            500,
            80,
            370,
            260,
            [(f"total, {scale} scale", points) for scale, points in sorted(totals.items())],
            title="Totals over the years",
        )
        return canvas


def number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def score_text(areas: dict[int, float | None], area: int) -> str:
    if area not in areas:
        return ""
    return "n.a." if areas[area] is None else number(areas[area])


def find_organisation(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """The one organisation QUERY names: an SCB code, a name, a part of one, or an evaluation slug."""
    rows = con.execute(
        "SELECT organisation, any_value(municipality_code), list(DISTINCT evaluation_id), "
        "string_agg(DISTINCT CAST(year AS VARCHAR), ', ' ORDER BY CAST(year AS VARCHAR)) "
        "FROM evaluations GROUP BY organisation ORDER BY organisation"
    ).fetchall()
    q = fold(query).strip()
    slug = slugify(query)
    if CODE.fullmatch(q):
        matches = [r for r in rows if r[1] == q]
    else:
        exact = [r for r in rows if fold(r[0]) == q or any(slug in (e, e.rsplit("-", 1)[0]) for e in r[2])]
        matches = exact or [r for r in rows if q and q in fold(r[0])]
    if len(matches) == 1:
        return matches[0][0]
    if matches:
        listing = "\n".join(f"  {r[0]} ({r[1] or 'no code'}; {r[3]})" for r in matches)
        raise OrganisationNotFound(f"{query!r} matches {len(matches)} organisations; name one of them:\n{listing}")
    names = [r[0] for r in rows]
    closest = [
        m[0] for m in process.extract(query, names, scorer=fuzz.WRatio, limit=SUGGESTIONS) if m[1] >= SUGGEST_SCORE
    ]
    hint = f"; closest: {', '.join(closest)}" if closest else ""
    raise OrganisationNotFound(f"no organisation matches {query!r}{hint}")


def records(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def build_scorecard(data_dir: str | Path, query: str) -> Scorecard:
    con = connect(data_dir)
    try:
        organisation = find_organisation(con, query)
        return scorecard_of(load_scorecard_data(con, organisation), organisation)
    finally:
        con.close()


@dataclass
class ScorecardData:
    """The rows scorecards are made of, grouped by evaluation (or organisation): read in a few
    queries for one organisation (`kompass show`) or for all of them (`kompass report`)."""

    evaluations: dict[str, list[dict]]  # organisation → its evaluations by year
    areas: dict[str, list[dict]]
    averages: dict[str, list[dict]]
    printed_totals: dict[str, list[dict]]
    quoted_in: dict[str, list[str]]  # evaluation → documents quoting it, not its own
    file_names: dict[str, str]
    checks: dict[str, list[dict]]
    themes: dict[str, list[dict]]  # organisation → improvement themes, most frequent first


def grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def load_scorecard_data(con: duckdb.DuckDBPyConnection, organisation: str | None = None) -> ScorecardData:
    """Everything scorecards need, for one organisation or (None) for every one."""
    scope = "evaluation_id IN (SELECT evaluation_id FROM evaluations WHERE $org IS NULL OR organisation = $org)"
    org = {"org": organisation}

    def rows(sql: str) -> list[dict]:
        return records(con, sql.replace("$scope", scope), org)

    evaluations = rows("SELECT * FROM evaluations WHERE $scope ORDER BY organisation, year")
    areas = rows(
        "SELECT evaluation_id, area, area_name, scale, score, framework, document_id, page "
        "FROM area_scores WHERE $scope ORDER BY evaluation_id, area"
    )
    observations = rows(
        "SELECT evaluation_id, area, scale, value, role, document_id, page FROM score_observations "
        "WHERE $scope AND (role <> 'primary' OR area IS NULL) ORDER BY evaluation_id, page, area"
    )
    own_documents = {e["evaluation_id"]: set(e["document_ids"] or []) for e in evaluations}
    quoted_in: dict[str, set[str]] = {}
    for o in observations:
        if o["role"] != "primary" and o["document_id"] not in own_documents[o["evaluation_id"]]:
            quoted_in.setdefault(o["evaluation_id"], set()).add(o["document_id"])
    file_names = dict(con.execute("SELECT document_id, file_name FROM documents").fetchall())
    checks = rows(
        "SELECT evaluation_id, severity, code, detail, page FROM checks WHERE $scope ORDER BY evaluation_id, code, page"
    )
    themes = rows(
        "SELECT e.organisation, ft.theme, any_value(t.label) AS label, "
        "count(DISTINCT ft.finding_id) AS findings, count(DISTINCT ft.evaluation_id) AS evaluations, "
        "list(DISTINCT ft.year ORDER BY ft.year) AS years FROM findings_themes ft "
        "JOIN evaluations e USING (evaluation_id) LEFT JOIN themes t ON t.id = ft.theme "
        "WHERE ft.kind = 'improvement' AND ft.$scope GROUP BY e.organisation, ft.theme "
        "ORDER BY e.organisation, evaluations DESC, findings DESC, ft.theme"
    )
    return ScorecardData(
        grouped(evaluations, "organisation"),
        grouped(areas, "evaluation_id"),
        grouped([o for o in observations if o["role"] == "average"], "evaluation_id"),
        grouped(
            sorted(
                (o for o in observations if o["area"] is None and o["role"] in ("primary", "history")),
                key=lambda o: (o["role"] != "primary", o["page"]),
            ),
            "evaluation_id",
        ),
        {eid: sorted(file_names[d] for d in docs) for eid, docs in quoted_in.items()},
        file_names,
        grouped(checks, "evaluation_id"),
        {name: found[:TOP_THEMES] for name, found in grouped(themes, "organisation").items()},
    )


def scorecard_of(data: ScorecardData, organisation: str) -> Scorecard:
    evaluations = data.evaluations[organisation]
    columns = [column for e in evaluations for column in evaluation_columns(data, e)]
    documents = []
    for e in evaluations:
        own = ", ".join(sorted(data.file_names[d] for d in e["document_ids"] or [])) or "no report of its own"
        quoted = data.quoted_in.get(e["evaluation_id"])
        documents.append(f"{e['year']}: {own}{'; quoted in ' + ', '.join(quoted) if quoted else ''}")
    checks = [c for e in evaluations for c in data.checks.get(e["evaluation_id"], [])]
    last = evaluations[-1]
    return Scorecard(
        organisation,
        last["org_type"],
        last["municipality_code"],
        evaluations,
        columns,
        area_names_of(data, evaluations),
        documents,
        checks,
        data.themes.get(organisation, []),
    )


def scales_of(evaluation: dict) -> list[str]:
    """The evaluation's scales, the one its total is on first."""
    return [evaluation["total_scale"]] + [s for s in ("new", "old") if s != evaluation["total_scale"]]


def evaluation_columns(data: ScorecardData, e: dict) -> list[Column]:
    """An evaluation's columns: one per scale it has scores on, each followed by the averages printed
    beside it."""
    eid = e["evaluation_id"]
    columns: list[Column] = []
    for scale in scales_of(e):
        rows = [a for a in data.areas.get(eid, []) if a["scale"] == scale]
        total = (
            e["total_score"] if scale == e["total_scale"] else (e["total_score_old_scale"] if scale == "old" else None)
        )
        if not rows and total is None:
            continue
        label = str(e["year"]) if scale == e["total_scale"] else f"{e['year']} {scale}"
        sources = {a["area"]: (a["document_id"], a["page"]) for a in rows}
        total_at = next((t for t in data.printed_totals.get(eid, []) if t["scale"] == scale), None)
        if total_at:
            sources[None] = (total_at["document_id"], total_at["page"])
        columns.append(
            Column(
                e["year"],
                label,
                scale,
                e["framework"],
                {a["area"]: a["score"] for a in rows},
                total,
                e["max_total"] if scale == e["total_scale"] else None,
                e["status"],
                sources=sources,
            )
        )
        printed = [a for a in data.averages.get(eid, []) if a["scale"] == scale]
        if printed:
            columns.append(average_column(e, scale, printed))
    return columns


def average_column(e: dict, scale: str, printed: list[dict]) -> Column:
    """The averages (of all evaluated organisations) a report printed beside its scores on one scale."""
    return Column(
        e["year"],
        f"avg {e['year']}",
        scale,
        e["framework"],
        {a["area"]: a["value"] for a in printed if a["area"] is not None},
        next((a["value"] for a in printed if a["area"] is None), None),
        average=True,
        sources={a["area"]: (a["document_id"], a["page"]) for a in printed},
    )


def area_names_of(data: ScorecardData, evaluations: list[dict]) -> dict[int, str]:
    """Area number -> name, as the dataset names them (the latest evaluation's name wins), in order."""
    names: dict[int, str] = {}
    for e in evaluations:
        for scale in scales_of(e):
            for a in data.areas.get(e["evaluation_id"], []):
                if a["scale"] == scale and a["area_name"]:
                    names[a["area"]] = a["area_name"]
    for area in range(1, 9):
        names.setdefault(area, f"area {area}")
    return dict(sorted(names.items()))


def write_chart(card: Scorecard, path: str | Path) -> Path:
    """The chart as .svg or .png, by the file's suffix."""
    path = Path(path)
    canvas = card.chart()
    if path.suffix.lower() == ".svg":
        path.write_text(canvas.to_svg(f"{card.organisation}: scores"), encoding="utf-8")
    elif path.suffix.lower() == ".png":
        canvas.to_png(path)
    else:
        raise QueryError(f"--chart must end in .png or .svg, not {path.name!r}")
    return path
