"""The area a city district is not scored on is the one the report names: a note "Område N poängbedöms
inte …" on the table's page, else elsewhere in the document, else the framework's community-building
area (8; 2 under the 2020 framework, which moved community building to area 2). Not assessed is
null, never 0."""

import pytest

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.records import Check
from extractors.scores import extract_scores
from extractors.scores.base import named_unscored_area
from tests.extractors.synthetic import document
from tests.extractors.test_scores_ruled import ruled_document

BROMMA = resolve_organisation("Bromma stadsdelsområde")


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("*) Område 8 poängbedöms inte vid stadsdelsutvärderingar", 8),
        ("*) Område 2 poängbedöms inte vid stadsdelsutvärderingar.", 2),
        ("Område åtta poängbedöms inte vid utvärderingar av stadsdelsområden.", 8),
        ("Område 2 (Samhällsutveckling) bedöms inte vid utvärderingar\nav stadsdelsområden.", 2),
        ("Område 8 har inte poängbedömts.", 8),
        ("Område 8 vurderes ikke for bydeler.", 8),
        ("– = området poängbedöms inte vid utvärderingar av stadsdelsområden.", None),
        ("Område 3 bedöms inte ha förbättrats sedan förra utvärderingen.", None),
        ("Område 8 Kommunen som samhällsbyggare 62", None),
    ],
)
def test_a_note_names_the_unscored_area(text, area):
    assert named_unscored_area(text) == area


@pytest.mark.parametrize(
    ("text", "framework", "area"),
    [
        ("*) Området Kommunen som samhällsbyggare poängbedöms inte vid stadsdelsutvärderingar.", "2010", 8),
        ("Området ”Samhällsutveckling” poängbedöms inte vid utvärderingar av stadsdelsområden.", "2020", 2),
        ("Området Samhällsbyggnad bedöms inte vid\nutvärderingar av stadsdelar.", "2002", 8),
        ("*) Området poängbedöms inte vid stadsdelsutvärderingar.", "2010", None),
        ("Området Offentlighet och demokrati bedöms inte ha förändrats.", "2010", None),
    ],
)
def test_a_note_may_name_the_unscored_area_by_its_label(text, framework, area):
    assert named_unscored_area(text, framework) == area


def table_2020(empty: int, cells: dict[int, str] | None = None) -> list:
    """A 2020 result table as text lines; row `empty` has no value, `cells` overrides printed values."""
    cells = cells or {}
    rows: list = ["Tabell 1 Brommas resultat per område", [("Område", 72), ("Poäng", 400)]]
    for i, label in enumerate(AREA_LABELS["2020"], start=1):
        value = cells.get(i, str(50 + i))
        rows.append([(f"{i}. {label}", 72)] + ([] if i == empty else [(value, 405)]))
    total = sum(50 + i for i in range(1, 9) if i != empty and i not in cells)
    rows.append([("Totalt", 72), (str(total), 400)])
    return rows


def areas(obs) -> dict[int | None, float | None]:
    assert len({o.area for o in obs}) == len(obs), "one observation per area"
    return {o.area: o.value for o in obs}


def scores(*pages, framework="2020", year=2021):
    checks: list[Check] = []
    return extract_scores(document(*pages), framework, BROMMA, year, "report", checks), checks


def test_without_a_note_the_2020_district_table_leaves_area_2_unscored():
    obs, _ = scores(table_2020(empty=2))
    assert areas(obs) == {1: 51.0, 2: None, 3: 53.0, 4: 54.0, 5: 55.0, 6: 56.0, 7: 57.0, 8: 58.0, None: 384.0}


def test_a_footnote_naming_area_8_on_a_2020_page_makes_area_8_the_unscored_one():
    page = table_2020(empty=8) + ["Område 8 poängbedöms inte vid utvärderingar av stadsdelsområden."]
    obs, _ = scores(page)
    assert areas(obs) == {1: 51.0, 2: 52.0, 3: 53.0, 4: 54.0, 5: 55.0, 6: 56.0, 7: 57.0, 8: None, None: 378.0}


def test_a_zero_in_the_named_area_is_not_assessed_never_zero():
    page = table_2020(empty=0, cells={8: "0"}) + ["Område 8 poängbedöms inte vid stadsdelsutvärderingar."]
    obs, _ = scores(page)
    got = areas(obs)
    assert got[8] is None and got[2] == 52.0 and got[None] == 378.0


def test_a_note_on_the_next_page_names_the_area_of_a_table_broken_before_it():
    first = table_2020(empty=8)[:-1]  # the table breaks before its total row
    second = [[("Totalt", 72), ("378", 400)], "*) Område 8 poängbedöms inte vid stadsdelsutvärderingar."]
    obs, _ = scores(first, second)
    assert areas(obs) == {1: 51.0, 2: 52.0, 3: 53.0, 4: 54.0, 5: 55.0, 6: 56.0, 7: 57.0, 8: None, None: 378.0}


def test_a_note_naming_area_2_under_the_2010_framework_is_followed_too():
    rows: list = ["Tabell 1 Resultat", [("Område", 72), ("Poäng", 400)]]
    for i, label in enumerate(AREA_LABELS["2010"], start=1):
        rows.append([(f"{i}. {label}", 72)] + ([] if i == 2 else [(str(50 + i), 405)]))
    rows += [[("Totalt", 72), ("406", 400)], "Område 2 poängbedöms inte i denna utvärdering."]
    obs, _ = scores(rows, framework="2010", year=2012)
    assert areas(obs) == {1: 51.0, 2: None, 3: 53.0, 4: 54.0, 5: 55.0, 6: 56.0, 7: 57.0, 8: 58.0, None: 406.0}


def test_ruled_cells_follow_the_note_as_text_lines_do():
    labels = [f"{i}. {label}" for i, label in enumerate(AREA_LABELS["2020"], start=1)]
    body = [[label, "" if i == 8 else str(50 + i)] for i, label in enumerate(labels, start=1)]
    body.append(["Totalt", "378"])
    doc = ruled_document(
        [["Område", "Bromma 2021"]],
        body,
        widths=(260, 90),
        below=["Område 8 poängbedöms inte vid utvärderingar av stadsdelsområden och har lämnats tomt."],
    )
    checks: list[Check] = []
    obs = extract_scores(doc, "2020", BROMMA, 2021, "report", checks)
    assert areas(obs) == {1: 51.0, 2: 52.0, 3: 53.0, 4: 54.0, 5: 55.0, 6: 56.0, 7: 57.0, 8: None, None: 378.0}
    assert {o.strategy for o in obs} == {"ruled_table"} and checks == []


def test_a_list_of_the_areas_above_the_table_adds_no_empty_row():
    """A numbered list naming the areas (its last item the unscored area's number and name) ends three
    lines above the table: the list's "8." is no empty row of the table, whose own "0 *)" is area 8's
    one not-assessed observation."""
    listing = ["Kommunkompassen granskar åtta områden:"] + [
        f"{i}. {label}" for i, label in enumerate(AREA_LABELS["2003"], start=1)
    ]
    rows: list = [("Sammanfattning av resultat", {"bold": True}), "Tabell 1 Brommas poäng 2009"]
    rows.append([("Huvudområde", 72), ("Poäng", 400)])
    for i, label in enumerate(AREA_LABELS["2003"], start=1):
        rows.append([(f"{i}. {label}", 72), ("0 *)" if i == 8 else str(50 + i), 400)])
    rows += [[("Totalt (max 700)", 72), ("378", 400)], "*) Område 8 poängbedöms inte vid stadsdelsutvärderingar"]
    obs, checks = scores(listing + rows, framework="2003", year=2009)
    assert sorted((o.area or 0, o.value, o.page) for o in obs) == [
        (0, 378.0, 1),
        (1, 51.0, 1),
        (2, 52.0, 1),
        (3, 53.0, 1),
        (4, 54.0, 1),
        (5, 55.0, 1),
        (6, 56.0, 1),
        (7, 57.0, 1),
        (8, None, 1),
    ]
    assert checks == []
