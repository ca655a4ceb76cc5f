"""Recurring improvement areas over time: what one evaluation recommends and the next one again.

For every organisation evaluated more than once (with improvement items in both), each pair of
consecutive evaluations is compared: an earlier improvement item *comes back* when the next
evaluation has an item with the same `recurring_id` or a close wording (normalised as for
recurring ids, then rapidfuzz `ratio` ≥ CLOSE_WORDING), and a theme *persists* when it is among the
themes of the improvements of both. `kompass themes --persistence` prints it; the HTML report
shows the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from extractors.recurring import normalise_text

from .sql import connect, table_names

#: Within one organisation's two evaluations a lower bar than recurring ids' 88 is right: the
#: evaluators rephrase their own earlier recommendation ("inför … före större beslut" for "inför …
#: inför större beslut"), and only that organisation's few items are candidates, not the corpus.
CLOSE_WORDING = 75
#: Themes listed in the summary table.
TOP_THEMES = 20


@dataclass
class Recurrence:
    before: str
    after: str
    how: str  # "same recurring_id" or "close wording (<score>)"


@dataclass
class Pair:
    organisation: str
    from_id: str
    to_id: str
    from_year: int
    to_year: int
    improvements: int
    came_back: list[Recurrence] = field(default_factory=list)
    themes_before: set[str] = field(default_factory=set)
    themes_after: set[str] = field(default_factory=set)

    @property
    def persisting_themes(self) -> list[str]:
        return sorted(self.themes_before & self.themes_after)


@dataclass
class ThemePersistence:
    theme: str
    label: str
    pairs: int  # pairs whose earlier evaluation had the theme among its improvements
    persisted: int  # … and the next one too

    @property
    def rate(self) -> float:
        return self.persisted / self.pairs if self.pairs else 0.0


def improvement_pairs(data_dir: str | Path) -> tuple[list[Pair], list[ThemePersistence]]:
    """Consecutive evaluation pairs of each organisation, and per theme how often it persists."""
    con = connect(data_dir)
    try:
        rows = con.execute(
            "SELECT e.organisation, e.evaluation_id, e.year, f.text, f.recurring_id, f.themes FROM findings f "
            "JOIN evaluations e USING (evaluation_id) WHERE f.kind = 'improvement' "
            "ORDER BY e.organisation, e.year, f.area NULLS LAST, f.position"
        ).fetchall()
        labels = dict(con.execute("SELECT id, label FROM themes").fetchall()) if "themes" in table_names(con) else {}
    finally:
        con.close()
    by_evaluation: dict[tuple[str, int, str], list[tuple[str, str | None, list[str]]]] = {}
    for organisation, eid, year, text, rid, themes in rows:
        by_evaluation.setdefault((organisation, year, eid), []).append((text, rid, list(themes or [])))
    pairs: list[Pair] = []
    keys = sorted(by_evaluation)
    for before, after in zip(keys, keys[1:]):
        if before[0] != after[0]:
            continue
        pairs.append(compare(before, after, by_evaluation[before], by_evaluation[after]))
    return pairs, theme_persistence(pairs, labels)


def compare(before: tuple, after: tuple, earlier: list[tuple], later: list[tuple]) -> Pair:
    pair = Pair(before[0], before[2], after[2], before[1], after[1], len(earlier))
    later_forms: list[str] = []
    for text, rid, themes in earlier:
        pair.themes_before.update(themes)
        same = next((t for t, r, _ in later if rid is not None and r == rid), None)
        if same is not None:
            pair.came_back.append(Recurrence(text, same, "same recurring_id"))
            continue
        later_forms = later_forms or [normalised(t) for t, _, _ in later]
        form = normalised(text)
        scores = [fuzz.ratio(form, other) if form and other else 0.0 for other in later_forms]
        best = max(range(len(scores)), key=lambda i: scores[i], default=None)
        if best is not None and scores[best] >= CLOSE_WORDING:
            pair.came_back.append(Recurrence(text, later[best][0], f"close wording ({scores[best]:.0f})"))
    for _, _, themes in later:
        pair.themes_after.update(themes)
    return pair


@lru_cache(maxsize=None)
def normalised(text: str) -> str:
    """normalise_text, once per distinct wording (stock phrasings recur across evaluations)."""
    return normalise_text(text)


def theme_persistence(pairs: list[Pair], labels: dict[str, str]) -> list[ThemePersistence]:
    counts: dict[str, list[int]] = {}
    for pair in pairs:
        for theme in pair.themes_before:
            seen = counts.setdefault(theme, [0, 0])
            seen[0] += 1
            seen[1] += theme in pair.themes_after
    out = [ThemePersistence(t, labels.get(t, t), n, k) for t, (n, k) in counts.items()]
    return sorted(out, key=lambda p: (-p.persisted, -p.pairs, p.theme))[:TOP_THEMES]


def persistence_report(data_dir: str | Path) -> str:
    """The text `kompass themes --persistence` prints."""
    pairs, themes = improvement_pairs(data_dir)
    organisations = len({p.organisation for p in pairs})
    lines = [
        f"Recurring improvement areas in {Path(data_dir)}: {organisations} organisation"
        f"{'s' if organisations != 1 else ''} evaluated more than once, {len(pairs)} pair"
        f"{'s' if len(pairs) != 1 else ''} of consecutive evaluations"
    ]
    if not pairs:
        lines.append("No organisation has improvement items in two evaluations.")
        return "\n".join(lines)
    back = sum(len(p.came_back) for p in pairs)
    total = sum(p.improvements for p in pairs)
    lines.append(f"{back} of {total} improvement items ({share(back, total)}) come back in the next evaluation.")
    lines += [
        "",
        "Themes among an evaluation's improvements, and how often they are there again in the next:",
        f"  {'theme':22} {'pairs':>5} {'again':>5} {'rate':>5}  label",
    ]
    for t in themes:
        lines.append(f"  {t.theme:22} {t.pairs:5d} {t.persisted:5d} {share(t.persisted, t.pairs):>5}  {t.label}")
    for p in pairs:
        lines += [
            "",
            f"{p.organisation} {p.from_year} → {p.to_year}: {len(p.came_back)} of {p.improvements} "
            f"improvement items come back; themes that persist: {', '.join(p.persisting_themes) or 'none'}",
        ]
        for r in p.came_back:
            lines.append(f'  {r.how}: "{r.before}" → "{r.after}"')
    return "\n".join(lines)


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"
