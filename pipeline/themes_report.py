"""Which themes and which wordings recur: a text summary of a dataset's findings.

`summarize_themes(data_dir, by)` reads findings.parquet and evaluations.parquet of an existing
dataset and reports, for improvements and strengths separately, the most frequent themes (share
of items, distinct evaluations) and the most frequent recurring wordings (`recurring_id`) with an
example wording and the number of distinct evaluations using it, overall or per year or
framework version. `themes_table()` is the taxonomy for themes.parquet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extractors.themes import read_themes

#: Themes listed per group and kind.
TOP_THEMES = 10
#: Recurring wordings listed per group and kind.
TOP_RECURRING = 10
#: A wording counts as recurring when it appears in at least this many distinct evaluations.
MIN_EVALUATIONS = 2
#: Example wordings are cut to this many characters.
EXAMPLE_CHARS = 110
GROUPINGS = (None, "year", "framework")
KINDS = (("improvement", "Förbättringsområden (improvements)"), ("strength", "Styrkor (strengths)"))


def themes_table() -> pd.DataFrame:
    """The theme taxonomy (id, label, description), as written to themes.parquet."""
    return pd.DataFrame(read_themes(), columns=["id", "label", "description"])


def read_findings(data_dir: str | Path) -> pd.DataFrame:
    """findings.parquet joined with each evaluation's year and framework (null when unknown)."""
    data_dir = Path(data_dir)
    findings = pd.read_parquet(
        data_dir / "findings.parquet", columns=["evaluation_id", "kind", "area", "text", "themes", "recurring_id"]
    )
    evaluations_path = data_dir / "evaluations.parquet"
    if evaluations_path.exists():
        evaluations = pd.read_parquet(evaluations_path, columns=["evaluation_id", "year", "framework"])
        findings = findings.merge(evaluations.drop_duplicates("evaluation_id"), on="evaluation_id", how="left")
    else:
        findings["year"], findings["framework"] = None, None
    findings["themes"] = findings["themes"].map(lambda v: list(v) if v is not None else [])
    return findings


def theme_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Per theme: findings carrying it, their share of `frame`, distinct evaluations; by count."""
    exploded = frame[["evaluation_id", "themes"]].explode("themes").dropna(subset=["themes"])
    if exploded.empty:
        return pd.DataFrame(columns=["theme", "findings", "share", "evaluations"])
    counts = (
        exploded.groupby("themes")
        .agg(findings=("evaluation_id", "size"), evaluations=("evaluation_id", "nunique"))
        .reset_index()
    )
    counts = counts.rename(columns={"themes": "theme"})
    counts["share"] = counts["findings"] / max(1, len(frame))
    return counts.sort_values(["findings", "theme"], ascending=[False, True]).reset_index(drop=True)


def recurring_counts(frame: pd.DataFrame, min_evaluations: int = MIN_EVALUATIONS) -> pd.DataFrame:
    """Per recurring_id used in >= min_evaluations evaluations: counts and an example wording.

    The example is the cluster's most frequent text (ties: the shortest, then alphabetical).
    """
    frame = frame.dropna(subset=["recurring_id"])
    if frame.empty:
        return pd.DataFrame(columns=["recurring_id", "evaluations", "findings", "example"])
    counts = (
        frame.groupby("recurring_id")
        .agg(evaluations=("evaluation_id", "nunique"), findings=("text", "size"))
        .reset_index()
    )
    counts = counts[counts["evaluations"] >= min_evaluations]
    texts = frame[frame["recurring_id"].isin(counts["recurring_id"])]
    examples = (
        texts.groupby(["recurring_id", "text"])
        .size()
        .rename("n")
        .reset_index()
        .assign(length=lambda d: d["text"].str.len())
        .sort_values(["recurring_id", "n", "length", "text"], ascending=[True, False, True, True])
        .drop_duplicates("recurring_id")
        .set_index("recurring_id")["text"]
    )
    counts["example"] = counts["recurring_id"].map(examples)
    return counts.sort_values(["evaluations", "findings", "recurring_id"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def shorten(text: str, limit: int = EXAMPLE_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def kind_section(frame: pd.DataFrame, title: str, labels: dict[str, str]) -> list[str]:
    n_eval = frame["evaluation_id"].nunique()
    lines = [f"  {title}: {len(frame)} items in {n_eval} evaluations"]
    if frame.empty:
        return lines
    themes = theme_counts(frame).head(TOP_THEMES)
    untagged = int((frame["themes"].map(len) == 0).sum())
    lines.append(
        "    Most frequent themes (share of items, evaluations)"
        + (f"; {untagged} items without a theme" if untagged else "")
        + ":"
    )
    for row in themes.itertuples():
        lines.append(
            f"      {row.findings:5d}  {row.share:6.1%}  {row.evaluations:4d} ev.  "
            f"{row.theme} ({labels.get(row.theme, row.theme)})"
        )
    recurring = recurring_counts(frame).head(TOP_RECURRING)
    if recurring.empty:
        lines.append(f"    No wording recurs in {MIN_EVALUATIONS} or more evaluations.")
    else:
        lines.append("    Most frequent recurring wordings (distinct evaluations, items):")
        for row in recurring.itertuples():
            lines.append(
                f'      {row.evaluations:4d} ev. {row.findings:4d}  "{shorten(row.example)}"  [{row.recurring_id}]'
            )
    return lines


def summarize_themes(data_dir: str | Path, by: str | None = None) -> str:
    """A readable report of frequent themes and recurring wordings, overall or per year/framework.

    Improvements and strengths are reported separately within each group. Evaluations missing
    from evaluations.parquet fall in the group "unknown".
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    frame = read_findings(data_dir)
    labels = {t["id"]: t["label"] for t in read_themes()}
    header = (
        f"Themes and recurring wordings in {Path(data_dir)}: {len(frame)} findings, "
        f"{frame['evaluation_id'].nunique()} evaluations" + (f", by {by}" if by else "")
    )
    lines = [header]
    if by is None:
        groups = [("All evaluations", frame)]
    else:
        keys = frame[by].map(lambda v: "unknown" if pd.isna(v) else str(int(v)) if by == "year" else str(v))
        groups = [(f"{by} {key}", frame[keys == key]) for key in sorted(keys.unique(), key=group_order)]
    for name, group in groups:
        lines.append("")
        lines.append(f"{name}")
        for kind, title in KINDS:
            lines.extend(kind_section(group[group["kind"] == kind], title, labels))
    return "\n".join(lines)


def group_order(key: str) -> tuple[int, str]:
    """Groups sort by their value, "unknown" last."""
    return (1, key) if key == "unknown" else (0, key)
