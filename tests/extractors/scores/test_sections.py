"""Area sections that run on without page breaks, and lists above tables: prose never heads a table.

Each area's section opens with its score in the heading ("Område 3 … – 58,5 poäng") and ends with
bulleted lists whose items run past where the heading prints its score. Such headings are read as
headings, one per area, and never as the parts of one table broken by pages; a table right under a
bulleted list is read without taking the list for its header. A table really broken by a page is
still read in both parts.
"""

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

LABELS = AREA_LABELS["2010"][:6]
SCORES = ["54", "61", "58,5", "49", "63", "52"]
MORA = resolve_organisation("Mora kommun")
ITEMS = [
    "Utveckla uppföljningen av de övergripande målen i nämndernas verksamhetsplaner.",
    "Tydliggör ansvarsfördelningen mellan politiker och tjänstemän i enskilda ärenden.",
    "Återkoppla resultatet av genomförda dialoger till dem som har deltagit i dem.",
]


def bullets(items: list[str]) -> list:
    return [[("•", 72), (item, 86)] for item in items]


def section(area: int) -> list:
    heading = ([(f"Område {area} {LABELS[area - 1]} – {SCORES[area - 1]} poäng", 72)], {"bold": True})
    prose = [
        "Kommunen arbetar med frågorna på flera sätt och har antagit riktlinjer för arbetet,",
        "men uppföljningen sker ännu inte på ett enhetligt sätt i alla förvaltningar.",
    ]
    lists = [("Styrkor", {"bold": True})] + bullets(ITEMS[:2]) + [("Förbättringsområden", {"bold": True})]
    return [heading, "Inom området bedöms följande frågor:"] + prose + lists + bullets(ITEMS)


def extract(*pages: list, checks: list | None = None) -> list:
    return extract_scores(document(*pages), "2010", MORA, 2021, "report", checks)


def test_area_headings_running_on_over_pages_are_headings():
    """Two sections a page, each page opening with the last items of the section before."""
    checks: list = []
    pages = [section(1) + section(2)[:-2], section(2)[-2:] + section(3) + section(4)[:-1]]
    pages.append(section(4)[-1:] + section(5) + section(6))
    obs = extract(*pages, checks=checks)
    got = sorted((o.area, o.value, o.page, o.strategy, o.label, o.table) for o in obs)
    want_pages = [1, 1, 2, 2, 3, 3]
    assert got == [
        (a, float(s.replace(",", ".")), p, "headings", f"Område {a} {label}", None)
        for a, (s, p, label) in enumerate(zip(SCORES, want_pages, LABELS), start=1)
    ]
    assert checks == []


def table_rows(values: list[str], areas: range) -> list:
    return [[(f"{a}. {LABELS[a - 1]}", 72), (v, 420)] for a, v in zip(areas, values)]


def test_a_list_right_above_a_table_is_not_its_header():
    """A bulleted list ends where the table's rows begin: the list's items are no column header."""
    page = ["Resultat", "Kommunen har följande förbättringsområden:"] + bullets(ITEMS)
    page += table_rows(SCORES, range(1, 7))
    checks: list = []
    obs = extract(page, checks=checks)
    assert sorted((o.area, o.value, o.role) for o in obs) == [
        (a, float(s.replace(",", ".")), "primary") for a, s in enumerate(SCORES, start=1)
    ]
    assert checks == []


def test_a_table_broken_by_a_page_is_read_in_both_parts():
    """Four rows at the foot of one page with a footnote, two rows and the total under the repeated
    header at the top of the next."""
    header = [("Område", 72), ("Mora 2021", 400)]
    first = ["Tabell 1 Resultat per område", header] + table_rows(SCORES[:4], range(1, 5))
    first.append("* Poängen avrundas till halva poäng.")
    second = [header] + table_rows(SCORES[4:], range(5, 7)) + [[("Totalt", 72), ("337,5", 400)]]
    obs = extract(["Inledning"] * 5 + first, second + ["Kommentar till tabellen."])
    got = sorted((o.area or 0, o.value, o.page) for o in obs)
    assert got == [(0, 337.5, 2)] + [(a, float(s.replace(",", ".")), 1 + (a > 4)) for a, s in enumerate(SCORES, 1)]
