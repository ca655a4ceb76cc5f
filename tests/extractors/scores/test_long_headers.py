"""Column headers wrapped over up to five lines: a district's name broken after its hyphens above its
year and "(snitt)", beside headers of one line; the caption's prose above still is no header."""

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

EAV = resolve_organisation("Enskede-Årsta-Vantör stadsdelsområde")
CAPTION = [
    "Tabell 1 Enskede-Årsta-Vantörs resultat per område 2014",
    "Inom parentes anges genomsnittet för de kommuner som har utvärderats med samma version.",
]


def rows(header: list[list[tuple[str, float]]]) -> list:
    body = [[(f"{a}. {label}", 72), (f"{40 + a} ({60 + a})", 400)] for a, label in enumerate(AREA_LABELS["2010"], 1)]
    return CAPTION + header + body + [[("Summa", 72), ("356 (516)", 400)]]


def test_a_header_of_five_lines_names_its_column():
    header = [[("Område", 72), ("Enskede-", 400)], [("Årsta-", 400)], [("Vantör", 400)], [("2014", 400)]]
    obs = extract_scores(document(rows(header + [[("(snitt)", 400)]])), "2010", EAV, 2014)
    got = sorted((o.area or 0, o.role, o.value) for o in obs)
    assert got == sorted(
        [(a, "primary", 40.0 + a) for a in range(1, 9)]
        + [(a, "average", 60.0 + a) for a in range(1, 9)]
        + [(0, "primary", 356.0), (0, "average", 516.0)]
    )
    assert {o.table for o in obs} == {" ".join(CAPTION)}  # a caption runs on to three lines


def test_a_wrapped_peer_header_beside_one_line_headers():
    bromma = resolve_organisation("Bromma stadsdelsområde")
    body = [[(f"{a}", 72), (f"{40 + a}", 200), (f"{50 + a}", 300), (f"{30 + a}", 400)] for a in range(1, 9)] + [
        [("Totalt", 72), ("356", 200), ("436", 300), ("276", 400)]
    ]
    header = [
        [("Område", 72), ("Bromma 2012", 200), ("Kista 2011", 300), ("Enskede-", 400)],
        [("Årsta-", 400)],
        [("Vantör", 400)],
        [("2014", 400)],
    ]
    obs = extract_scores(document(CAPTION[:1] + header + body), "2010", bromma, 2012)
    owners = sorted({(o.organisation.slug, o.year, o.role) for o in obs})
    assert owners == [("bromma", 2012, "primary"), ("enskede-arsta-vantor", 2014, "peer"), ("kista", 2011, "peer")]
    assert len(obs) == 27
