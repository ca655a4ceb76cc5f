"""`kompass report`: a static HTML site over a dataset that works offline, from file://.

index.html lists every evaluation (sortable, filterable, with status); org/<slug>.html is one
organisation's scorecard with its charts and findings; themes.html has theme frequencies by year and
framework, recurring recommendations and their persistence; checks.html lists every check. No CDN,
no external file: CSS and the small sorting/filtering script are inline, charts are inline SVG, and
every value links to the PDF page it was read from (`#page=N`, which browsers' PDF viewers follow).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

import duckdb

from extractors.text import slugify

from .persistence import improvement_pairs, share
from .scorecard import Column, Scorecard, load_scorecard_data, number, records, score_text, scorecard_of
from .sql import QueryError, connect, table_names

KIND_TITLES = (("improvement", "Improvement areas (Förbättringsområden)"), ("strength", "Strengths (Styrkor)"))
#: Recurring recommendations listed on the themes page.
TOP_RECURRING = 50
#: A wording counts as recurring when it appears in at least this many distinct evaluations.
MIN_EVALUATIONS = 2

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#fafafa}
nav{background:#0b3d5c;padding:.6em 1.2em}nav a{color:#fff;margin-right:1.4em;text-decoration:none;font-weight:600}
main{padding:1em 1.6em;max-width:1200px}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;background:#fff;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #ddd;padding:.3em .55em;text-align:left;vertical-align:top}
th{background:#eef2f5}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer}th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
.status{padding:.05em .5em;border-radius:.7em;font-size:.85em;color:#fff}
.ok{background:#2e7d32}.warning{background:#b26a00}.error{background:#c62828}.info{background:#546e7a}
.theme{display:inline-block;background:#e3ecf3;border-radius:.6em;padding:0 .45em;margin:0 .2em;font-size:.8em}
.muted{color:#666;font-size:.88em}.controls{margin:.6em 0}.controls input{width:20em}
ul.findings li{margin:.25em 0}a{color:#0b5c8c}svg{max-width:100%;height:auto;background:#fff}
"""

SCRIPT = """
(function () {
  function key(cell, numeric) {
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (!numeric) { return raw.toLowerCase(); }
    var value = parseFloat(raw);
    return isNaN(value) ? -Infinity : value;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index], numeric), y = key(b.cells[index], numeric);
          var order = x < y ? -1 : (x > y ? 1 : 0);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // A link can carry a sort and a filter: index.html#sort=total&order=descending&q=tyreso&status=ok
  var wanted = new URLSearchParams(location.hash.slice(1));
  var sortable = document.querySelector("table.sortable");
  if (sortable && wanted.has("sort")) {
    Array.prototype.forEach.call(sortable.tHead.rows[0].cells, function (th) {
      if (th.textContent.trim().toLowerCase() === wanted.get("sort").toLowerCase()) {
        th.click();
        if (wanted.get("order") === "descending") { th.click(); }
      }
    });
  }
  var text = document.getElementById("filter"), status = document.getElementById("status");
  var count = document.getElementById("shown"), table = document.querySelector("table.filterable");
  if (!text || !table) { return; }
  function apply() {
    var query = text.value.toLowerCase(), wanted = status ? status.value : "", shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = row.textContent.toLowerCase().indexOf(query) >= 0 &&
        (!wanted || row.getAttribute("data-status") === wanted);
      row.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    if (count) { count.textContent = String(shown); }
  }
  text.addEventListener("input", apply);
  if (status) { status.addEventListener("change", apply); }
  if (wanted.has("q")) { text.value = wanted.get("q"); }
  if (status && wanted.has("status")) { status.value = wanted.get("status"); }
  apply();
})();
"""


@dataclass
class ReportSummary:
    out_dir: Path
    pages: int
    evaluations: int
    organisations: int

    def line(self) -> str:
        return (
            f"wrote {self.pages} pages to {self.out_dir} ({self.evaluations} evaluations, "
            f"{self.organisations} organisations); open {self.out_dir / 'index.html'}"
        )


def e(value) -> str:
    return escape("" if value is None else str(value))


def page(title: str, body: str, depth: int = 0, script: bool = False) -> str:
    up = "../" * depth
    nav = (
        f'<nav><a href="{up}index.html">Evaluations</a><a href="{up}themes.html">Themes</a>'
        f'<a href="{up}checks.html">Checks</a></nav>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{e(title)} · kompass</title><style>{CSS}</style></head>'
        f"<body>{nav}<main><h1>{e(title)}</h1>{body}</main>"
        f"{'<script>' + SCRIPT + '</script>' if script else ''}</body></html>\n"
    )


def org_file(organisation: str) -> str:
    return f"org/{slugify(organisation) or 'organisation'}.html"


def status_badge(status: str | None) -> str:
    return f'<span class="status {e(status)}">{e(status)}</span>' if status else ""


def document_href(source: str, stored_path: str | None) -> str:
    """Where a browser finds the PDF: the local copy when it exists, else the published URL."""
    for candidate in (stored_path, source):
        if candidate and "://" not in candidate and Path(candidate).exists():
            return Path(candidate).resolve().as_uri()
    return source if "://" in source else Path(source).resolve().as_uri()


class Documents:
    """document_id → file name and link, for linking every value to its page."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        columns = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
            ).fetchall()
        }
        stored = "stored_path" if "stored_path" in columns else "NULL"
        self.docs = {
            doc: (name, document_href(source, path))
            for doc, name, source, path in con.execute(
                f"SELECT document_id, file_name, source, {stored} FROM documents"
            ).fetchall()
        }

    def link(self, document_id: str | None, page_no: int | None, text: str) -> str:
        if document_id not in self.docs:
            return e(text)
        name, href = self.docs[document_id]
        anchor = f"#page={page_no}" if page_no else ""
        where = f"{name} p. {page_no}" if page_no else name
        return f'<a href="{e(quote(href, safe=":/%#?=&"))}{anchor}" title="{e(where)}">{e(text)}</a>'

    def name(self, document_id: str | None) -> str:
        return self.docs.get(document_id, ("", ""))[0]


def build_report(data_dir: str | Path, out_dir: str | Path) -> ReportSummary:
    """Write the site into `out_dir` (replacing the pages kompass wrote there before)."""
    out_dir = Path(out_dir)
    con = connect(data_dir, materialize=True)
    try:
        if not {"evaluations", "documents"} <= table_names(con):
            raise QueryError(f"{data_dir} has no evaluations.parquet and documents.parquet")
        documents = Documents(con)
        if (out_dir / "org").is_dir():
            shutil.rmtree(out_dir / "org")
        (out_dir / "org").mkdir(parents=True, exist_ok=True)
        organisations = [
            r[0] for r in con.execute("SELECT DISTINCT organisation FROM evaluations ORDER BY organisation").fetchall()
        ]
        findings = findings_by_evaluation(con)
        data = load_scorecard_data(con)
        for organisation in organisations:
            card = scorecard_of(data, organisation)
            (out_dir / org_file(organisation)).write_text(
                organisation_page(card, documents, findings), encoding="utf-8"
            )
        evaluations = records(
            con,
            "SELECT e.*, (SELECT count(*) FROM checks c WHERE c.evaluation_id = "
            "e.evaluation_id) AS n_checks FROM evaluations e ORDER BY organisation, year",
            [],
        )
        (out_dir / "index.html").write_text(index_page(evaluations, data_dir), encoding="utf-8")
        (out_dir / "themes.html").write_text(themes_page(con, data_dir), encoding="utf-8")
        (out_dir / "checks.html").write_text(checks_page(con, documents), encoding="utf-8")
    finally:
        con.close()
    return ReportSummary(out_dir, len(organisations) + 3, len(evaluations), len(organisations))


def findings_by_evaluation(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in records(
        con,
        "SELECT evaluation_id, kind, area, position, text, themes, document_id, page "
        "FROM findings ORDER BY evaluation_id, kind DESC, area NULLS LAST, position",
        [],
    ):
        out.setdefault(f["evaluation_id"], []).append(f)
    return out


def index_page(evaluations: list[dict], data_dir: str | Path) -> str:
    counts = {s: sum(1 for r in evaluations if r["status"] == s) for s in ("ok", "warning", "error")}
    rows = []
    for r in evaluations:
        percent = (100 * r["total_score"] / r["max_total"]) if r["total_score"] is not None and r["max_total"] else None
        rows.append(
            f'<tr data-status="{e(r["status"])}"><td><a href="{e(org_file(r["organisation"]))}">'
            f'{e(r["organisation"])}</a></td><td>{e(r["municipality_code"])}</td><td class="n">{r["year"]}</td>'
            f"<td>{e(r['framework'])}</td><td>{e(r['total_scale'])}</td>"
            f'<td class="n" data-value="{"" if r["total_score"] is None else r["total_score"]}">'
            f'{number(r["total_score"])}</td><td class="n">{number(r["max_total"])}</td>'
            f'<td class="n" data-value="{"" if percent is None else f"{percent:.3f}"}">'
            f"{'' if percent is None else f'{percent:.1f}'}</td><td>{status_badge(r['status'])}</td>"
            f'<td>{"yes" if r["has_report"] else "quoted"}</td><td class="n">{r["n_checks"]}</td></tr>'
        )
    body = (
        f'<p class="muted">Dataset {e(Path(data_dir))}: {len(evaluations)} evaluations · '
        f"{counts['ok']} ok · {counts['warning']} warning · {counts['error']} error. Click a column to sort.</p>"
        '<div class="controls"><input id="filter" type="search" placeholder="Filter: organisation, year, code…" '
        'aria-label="Filter"> <select id="status" aria-label="Status"><option value="">every status</option>'
        '<option value="ok">ok</option><option value="warning">warning</option><option value="error">error'
        '</option></select> <span class="muted"><span id="shown">' + str(len(evaluations)) + "</span> shown</span>"
        '</div><table class="sortable filterable" id="evaluations"><thead><tr><th>Organisation</th><th>Code</th>'
        '<th data-type="number" class="n">Year</th><th>Framework</th><th>Scale</th>'
        '<th data-type="number" class="n">Total</th><th data-type="number" class="n">Max</th>'
        '<th data-type="number" class="n">%</th><th>Status</th><th>Report</th>'
        '<th data-type="number" class="n">Checks</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
    return page("Kommunkompassen evaluations", body, script=True)


def cell(column: Column, area: int | None, documents: Documents) -> str:
    text = score_text(column.areas, area) if area is not None else number(column.total)
    source = column.sources.get(area)
    if text and source:
        return documents.link(source[0], source[1], text)
    return e(text)


def scorecard_table(card: Scorecard, documents: Documents) -> str:
    cols = card.columns
    head = "".join(
        f'<th class="n">{e(c.label)}<br><span class="muted">{e(c.scale)} · {e(c.framework)}</span></th>' for c in cols
    )
    rows = [
        f"<tr><td>{area} {e(name)}</td>"
        + "".join(f'<td class="n">{cell(c, area, documents)}</td>' for c in cols)
        + "</tr>"
        for area, name in card.area_names.items()
    ]
    rows.append(
        "<tr><th>Total</th>" + "".join(f'<th class="n">{cell(c, None, documents)}</th>' for c in cols) + "</tr>"
    )
    rows.append(
        "<tr><td>Max</td>"
        + "".join(f'<td class="n">{"" if c.average else number(c.max_total)}</td>' for c in cols)
        + "</tr>"
    )
    rows.append("<tr><td>Status</td>" + "".join(f"<td>{status_badge(c.status)}</td>" for c in cols) + "</tr>")
    return f"<table><thead><tr><th>Area</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def organisation_page(card: Scorecard, documents: Documents, findings: dict[str, list[dict]]) -> str:
    years = ", ".join(str(ev["year"]) for ev in card.evaluations)
    parts = [
        f'<p class="muted">{e(card.org_type)} · municipality code {e(card.municipality_code or "–")} · '
        f"evaluations {e(years)}. Each score links to the page of the document it was read from.</p>",
        card.chart().to_svg(f"{card.organisation}: scores"),
        "<h2>Scorecard</h2>",
        scorecard_table(card, documents),
    ]
    if len({c.framework for c in card.columns if c.areas}) > 1:
        parts.append('<p class="muted">Areas are numbered as in each evaluation\'s framework.</p>')
    parts.append("<h2>Documents</h2><ul>")
    for ev in card.evaluations:
        links = ", ".join(documents.link(d, None, documents.name(d)) for d in ev["document_ids"] or [])
        parts.append(f"<li>{ev['year']} ({e(ev['evaluation_id'])}): {links or 'no report of its own'}</li>")
    parts.append("</ul><h2>Checks</h2>")
    if card.checks:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{status_badge(c['severity'])} <b>{e(c['code'])}</b> "
                f"{e(c['evaluation_id'])}{' p. ' + str(c['page']) if c['page'] else ''}: "
                f"{e(c['detail'])}</li>"
                for c in card.checks
            )
            + "</ul>"
        )
    else:
        parts.append("<p>None.</p>")
    parts.append("<h2>Findings</h2>")
    for ev in reversed(card.evaluations):
        items = findings.get(ev["evaluation_id"], [])
        if not items:
            continue
        parts.append(f"<h3>{ev['year']}</h3>")
        for kind, title in KIND_TITLES:
            chosen = [f for f in items if f["kind"] == kind]
            if not chosen:
                continue
            parts.append(f'<h4>{title}</h4><ul class="findings">')
            for f in chosen:
                themes = "".join(f'<span class="theme">{e(t)}</span>' for t in f["themes"] or [])
                area = f"area {f['area']} · " if f["area"] else ""
                parts.append(
                    f'<li>{e(f["text"])} <span class="muted">{area}'
                    f"{documents.link(f['document_id'], f['page'], 'p. ' + str(f['page']))}</span> "
                    f"{themes}</li>"
                )
            parts.append("</ul>")
    return page(card.organisation, "".join(parts), depth=1)


def crosstab(con: duckdb.DuckDBPyConnection, by: str, labels: dict[str, str]) -> str:
    """Improvement items per theme (rows) and year or framework (columns)."""
    rows = con.execute(
        f"SELECT theme, CAST({by} AS VARCHAR) AS key, count(*) FROM findings_themes "
        f"WHERE kind = 'improvement' AND {by} IS NOT NULL GROUP BY ALL"
    ).fetchall()
    keys = sorted({k for _, k, _ in rows})
    totals: dict[str, int] = {}
    counts: dict[tuple[str, str], int] = {}
    for theme, key, n in rows:
        counts[(theme, key)] = n
        totals[theme] = totals.get(theme, 0) + n
    head = "".join(f'<th class="n" data-type="number">{e(k)}</th>' for k in keys)
    body = "".join(
        f'<tr><td title="{e(labels.get(t, t))}">{e(t)}</td>'
        + "".join(f'<td class="n">{counts.get((t, k), "")}</td>' for k in keys)
        + f'<td class="n">{totals[t]}</td></tr>'
        for t in sorted(totals, key=lambda t: (-totals[t], t))
    )
    return (
        f'<table class="sortable"><thead><tr><th>Theme</th>{head}<th class="n" data-type="number">All</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )


def themes_page(con: duckdb.DuckDBPyConnection, data_dir: str | Path) -> str:
    has = table_names(con)
    if "findings_themes" not in has:
        return page("Themes", "<p>This dataset has no findings.</p>", script=True)
    labels = dict(con.execute("SELECT id, label FROM themes").fetchall()) if "themes" in has else {}
    parts = [
        '<p class="muted">Counts of improvement items (Förbättringsområden) per theme. '
        "Hover a theme for its label.</p>",
        "<h2>By year</h2>",
        crosstab(con, "year", labels),
        "<h2>By framework</h2>",
        crosstab(con, "framework", labels),
        recurring_section(con),
        persistence_section(data_dir),
    ]
    return page("Themes", "".join(parts), script=True)


def recurring_section(con: duckdb.DuckDBPyConnection) -> str:
    """The improvement wordings shared by MIN_EVALUATIONS or more evaluations, most shared first."""
    recurring = con.execute(
        "SELECT recurring_id, count(DISTINCT evaluation_id) AS evaluations, count(*) AS findings, "
        "mode(text) AS example, min(year) AS first, max(year) AS last FROM findings JOIN evaluations "
        "USING (evaluation_id) WHERE kind = 'improvement' AND recurring_id IS NOT NULL GROUP BY recurring_id "
        f"HAVING count(DISTINCT evaluation_id) >= {MIN_EVALUATIONS} "
        f"ORDER BY evaluations DESC, findings DESC, recurring_id LIMIT {TOP_RECURRING}"
    ).fetchall()
    heading = (
        f'<h2>Recurring recommendations</h2><p class="muted">Improvement wordings shared by '
        f"{MIN_EVALUATIONS} or more evaluations (same recurring_id).</p>"
    )
    if not recurring:
        return heading + "<p>None.</p>"
    table = (
        '<table class="sortable"><thead><tr><th>Example wording</th>'
        '<th class="n" data-type="number">Evaluations</th><th class="n" data-type="number">Items</th>'
        '<th class="n">Years</th><th>recurring_id</th></tr></thead><tbody>'
        + "".join(
            f'<tr><td>{e(ex)}</td><td class="n">{ev}</td><td class="n">{n}</td>'
            f'<td class="n">{first}–{last}</td><td>{e(rid)}</td></tr>'
            for rid, ev, n, ex, first, last in recurring
        )
        + "</tbody></table>"
    )
    return heading + table


def persistence_section(data_dir: str | Path) -> str:
    """Per theme, how often an evaluation's improvements come back in the next; per organisation, which."""
    pairs, persistence = improvement_pairs(data_dir)
    parts = [
        '<h2>Persistence</h2><p class="muted">For organisations evaluated more than once: themes of one '
        "evaluation's improvements that are there again in the next, and the items that come back.</p>"
    ]
    if not pairs:
        return parts[0] + "<p>No organisation has improvement items in two evaluations.</p>"
    parts.append(
        '<table class="sortable"><thead><tr><th>Theme</th><th>Label</th>'
        '<th class="n" data-type="number">Pairs</th><th class="n" data-type="number">Again</th>'
        '<th class="n" data-type="number">Rate</th></tr></thead><tbody>'
        + "".join(
            f'<tr><td>{e(t.theme)}</td><td>{e(t.label)}</td><td class="n">{t.pairs}</td>'
            f'<td class="n">{t.persisted}</td><td class="n" data-value="{t.rate:.4f}">'
            f"{share(t.persisted, t.pairs)}</td></tr>"
            for t in persistence
        )
        + "</tbody></table>"
    )
    parts.append(
        '<table><thead><tr><th>Organisation</th><th>Years</th><th class="n">Come back</th>'
        "<th>Themes that persist</th><th>Items</th></tr></thead><tbody>"
    )
    for p in pairs:
        items = "<br>".join(
            f'{e(r.before)} → {e(r.after)} <span class="muted">({e(r.how)})</span>' for r in p.came_back
        )
        parts.append(
            f'<tr><td><a href="{e(org_file(p.organisation))}">{e(p.organisation)}</a></td>'
            f'<td>{p.from_year} → {p.to_year}</td><td class="n">{len(p.came_back)} of '
            f"{p.improvements}</td><td>{e(', '.join(p.persisting_themes))}</td><td>{items}</td></tr>"
        )
    parts.append("</tbody></table>")
    return "".join(parts)


def checks_page(con: duckdb.DuckDBPyConnection, documents: Documents) -> str:
    rows = (
        records(
            con,
            "SELECT c.*, e.organisation FROM checks c LEFT JOIN evaluations e USING (evaluation_id) "
            "ORDER BY CASE c.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, c.code, "
            "c.evaluation_id",
            [],
        )
        if "checks" in table_names(con)
        else []
    )
    body_rows = []
    for c in rows:
        evaluation = (
            f'<a href="{e(org_file(c["organisation"]))}">{e(c["evaluation_id"])}</a>'
            if c["organisation"]
            else e(c["evaluation_id"])
        )
        doc = documents.link(c["document_id"], c["page"], documents.name(c["document_id"])) if c["document_id"] else ""
        body_rows.append(
            f'<tr data-status="{e(c["severity"])}"><td>{status_badge(c["severity"])}</td>'
            f"<td>{e(c['code'])}</td><td>{evaluation}</td><td>{doc}</td>"
            f'<td class="n">{e(c["page"])}</td><td>{e(c["detail"])}</td></tr>'
        )
    body = (
        '<div class="controls"><input id="filter" type="search" placeholder="Filter…" aria-label="Filter"> '
        '<select id="status" aria-label="Severity"><option value="">every severity</option>'
        '<option value="error">error</option><option value="warning">warning</option>'
        '<option value="info">info</option></select> <span class="muted"><span id="shown">'
        f"{len(rows)}</span> shown</span></div>"
        '<table class="sortable filterable"><thead><tr><th>Severity</th><th>Code</th><th>Evaluation</th>'
        '<th>Document</th><th class="n" data-type="number">Page</th><th>Detail</th></tr></thead><tbody>'
        + "".join(body_rows)
        + "</tbody></table>"
    )
    return page("Checks", body, script=True)
