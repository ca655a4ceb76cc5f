"""Recurring improvement areas over time (`kompass themes --persistence`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from pipeline.persistence import compare, improvement_pairs
from pipeline.write import to_table, write_dataset
from tests.datasets import sample_tables, write_sample_dataset


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return write_sample_dataset(tmp_path_factory.mktemp("persistence") / "processed")


def test_items_come_back_by_recurring_id_or_close_wording_and_nothing_else():
    earlier = [
        ("Utveckla uppföljningen av nämndernas mål", "r-1", ["uppfoljning"]),
        ("Inför medborgarpaneler inför större beslut", "r-2", ["medborgardialog"]),
        ("Inför e-förslag på webbplatsen", "r-3", ["medborgardialog", "digitalisering"]),
    ]
    later = [
        ("Följ upp nämndernas mål bättre", "r-1", ["uppfoljning"]),
        ("Använd medborgarpaneler inför större beslut", "r-9", ["medborgardialog"]),
        ("Inför servicedeklarationer", "r-4", ["brukarfokus"]),
    ]
    pair = compare(("Tyresö kommun", 2010, "tyreso-2010"), ("Tyresö kommun", 2015, "tyreso-2015"), earlier, later)
    assert [(r.before, r.after, r.how) for r in pair.came_back] == [
        ("Utveckla uppföljningen av nämndernas mål", "Följ upp nämndernas mål bättre", "same recurring_id"),
        (
            "Inför medborgarpaneler inför större beslut",
            "Använd medborgarpaneler inför större beslut",
            "close wording (79)",
        ),
    ]
    assert pair.improvements == 3
    assert pair.persisting_themes == ["medborgardialog", "uppfoljning"]


def test_pairs_are_consecutive_evaluations_of_one_organisation(data):
    pairs, themes = improvement_pairs(data)
    assert [(p.organisation, p.from_id, p.to_id, p.improvements, len(p.came_back)) for p in pairs] == [
        ("Tyresö kommun", "tyreso-2010", "tyreso-2015", 2, 2)
    ]
    assert [(t.theme, t.pairs, t.persisted) for t in themes] == [
        ("medborgardialog", 1, 1),
        ("uppfoljning", 1, 1),
        ("mal_styrning", 1, 0),
    ]


def test_themes_persistence_command(data):
    result = CliRunner().invoke(cli, ["themes", "--persistence", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Recurring improvement areas in {data}: 1 organisation evaluated more than once, "
        "1 pair of consecutive evaluations",
        "2 of 2 improvement items (100%) come back in the next evaluation.",
        "",
        "Themes among an evaluation's improvements, and how often they are there again in the next:",
        "  theme                  pairs again  rate  label",
        "  medborgardialog            1     1  100%  Medborgardialog och delaktighet",
        "  uppfoljning                1     1  100%  Uppföljning, rapportering och intern kontroll",
        "  mal_styrning               1     0    0%  Mål- och resultatstyrning",
        "",
        "Tyresö kommun 2010 → 2015: 2 of 2 improvement items come back; themes that persist: "
        "medborgardialog, uppfoljning",
        '  close wording (79): "Inför medborgarpaneler inför större beslut" → '
        '"Använd medborgarpaneler inför större beslut"',
        '  same recurring_id: "Utveckla uppföljningen av nämndernas mål" → '
        '"Utveckla uppföljningen av nämndernas mål och resultat"',
    ]


def test_a_dataset_without_repeat_evaluations_says_so(tmp_path):
    tables = sample_tables()
    tables["findings"] = to_table(
        "findings", [f for f in tables["findings"].to_pylist() if f["evaluation_id"] != "tyreso-2015"]
    )
    write_dataset(tables, tmp_path / "processed")
    result = CliRunner().invoke(cli, ["themes", "--persistence", "--data", str(tmp_path / "processed")])
    assert result.output.splitlines()[1] == "No organisation has improvement items in two evaluations."
