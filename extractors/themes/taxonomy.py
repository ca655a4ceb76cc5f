"""The theme taxonomy in use: ids, labels and descriptions from `reference/themes.csv`."""

from __future__ import annotations

import csv
import importlib.resources

REFERENCE = importlib.resources.files("extractors") / "reference"


def read_themes() -> list[dict[str, str]]:
    """Rows of id, label, description, in the taxonomy's order."""
    with (REFERENCE / "themes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


THEME_IDS: tuple[str, ...] = tuple(row["id"] for row in read_themes())
