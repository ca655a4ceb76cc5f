"""Score strategies on synthetic page models; the factory PDFs test the same forms end to end."""

from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

LABELS_2010 = [
    "Offentlighet och demokrati",
    "Tillgänglighet och brukarorientering",
    "Politisk styrning och kontroll",
    "Ledarskap, ansvar och delegation",
    "Resultat och effektivitet",
    "Kommunen som arbetsgivare – personalpolitik",
    "Verksamhetsutveckling",
    "Kommunen som samhällsbyggare",
]
TYRESO = resolve_organisation("Tyresö kommun")


def rows_of(obs):
    return sorted((o.organisation.slug, o.year, o.area or 0, o.scale, o.value, o.role) for o in obs)


def table(values, header=None, label_x=72, cols=(330, 400), total=None, caption="Tabell 1 Resultat"):
    rows = [caption]
    if header:
        rows.append([("Område", label_x)] + [(h, x) for h, x in zip(header, cols)])
    for i, (label, vs) in enumerate(zip(LABELS_2010, values), start=1):
        rows.append([(f"{i}. {label}", label_x)] + [(v, x) for v, x in zip(vs, cols) if v is not None])
    if total:
        rows.append([("Totalt", label_x)] + [(v, x) for v, x in zip(total, cols)])
    return rows


def test_two_scales_with_decimal_commas_and_totals():
    values = [("63,5", "58")] + [(str(50 + i), str(40 + i)) for i in range(1, 8)]
    doc = document(table(values, ["Nuvarande poängskala", "Äldre poängskala"], total=("420,5", "350")))
    obs = extract_scores(doc, "2010", TYRESO, 2010)
    assert ("tyreso", 2010, 1, "new", 63.5, "primary") in rows_of(obs)
    assert ("tyreso", 2010, 1, "old", 58.0, "primary") in rows_of(obs)
    assert ("tyreso", 2010, 0, "new", 420.5, "primary") in rows_of(obs)
    assert ("tyreso", 2010, 0, "old", 350.0, "primary") in rows_of(obs)
    assert len(obs) == 18
    assert {o.table for o in obs} == {"Tabell 1 Resultat"}
    assert all(o.page == 1 for o in obs)


def test_history_columns_and_averages():
    values = [(f"{40 + i}", f"{50 + i} (60)") for i in range(1, 9)]
    doc = document(table(values, ["Tyresö 2010", "Tyresö 2014"]))
    obs = extract_scores(doc, "2010", TYRESO, 2014)
    rows = rows_of(obs)
    assert ("tyreso", 2010, 1, "new", 41.0, "history") in rows
    assert ("tyreso", 2014, 1, "new", 51.0, "primary") in rows
    assert ("tyreso", 2014, 1, "new", 60.0, "average") in rows
    assert len(obs) == 24


def test_peer_columns_and_district_area_8_not_assessed():
    hv = resolve_organisation("Hässelby-Vällingby stadsdelsområde")
    values = [(f"{40 + i}", f"{45 + i}") for i in range(1, 8)] + [("0 *)", None)]
    rows = table(values, ["Hässelby-Vällingby 2010", "Bromma 2006"], cols=(330, 480), total=("308", "290"))
    rows.append("*) Område 8 poängbedöms inte vid stadsdelsutvärderingar")
    obs = extract_scores(document(rows), "2010", hv, 2010)
    got = rows_of(obs)
    assert ("hasselby-vallingby", 2010, 8, "new", None, "primary") in got
    assert ("bromma", 2006, 8, "old", None, "peer") in got  # empty cell: not assessed
    assert ("bromma", 2006, 1, "old", 46.0, "peer") in got
    assert ("bromma", 2006, 0, "old", 290.0, "peer") in got


def test_wrapped_labels_and_percent():
    rows = ["Tabell 1 Resultat"]
    for i, label in enumerate(LABELS_2010, start=1):
        head, _, tail = label.partition(" ")
        rows.append([(f"{i}. {head}", 72), (f"{50 + i} %", 330)])
        rows.append([(tail or "x", 72)])
    obs = extract_scores(document(rows), "2010", TYRESO, 2012)
    assert sorted((o.area, o.value) for o in obs) == [(i, 50.0 + i) for i in range(1, 9)]


def test_radar_chart_ticks_and_toc_are_not_scores():
    chart = [
        [("1 Offentlighet och demokrati", 200)],
        [("100", 290)],
        [("8 Kommunen som samhällsbyggare", 60), ("80", 290), ("2 Tillgänglighet och brukarorientering", 360)],
        [("60", 290)],
        [("7 Verksamhetsutveckling", 60), ("40", 290), ("3 Politisk styrning och kontroll", 360)],
        [("20", 290)],
    ]
    toc = ["Innehåll"] + [f"{i}. {label} ........ {i + 4}" for i, label in enumerate(LABELS_2010, start=1)]
    intro = [f"{i}. {label}" for i, label in enumerate(LABELS_2010, start=1)]
    assert extract_scores(document(chart, toc, intro), "2010", TYRESO, 2012) == []


def test_scores_in_headings_and_toc_lines():
    rows = [
        "Innehåll",
        "Område 3 Politisk styrning och kontroll 58 p ........ 12",
        "Område 3 Politisk styrning och kontroll – 58 poäng",
        "1.1 Finns det en plan? 3",
    ]
    obs = extract_scores(document(rows), "2010", TYRESO, 2012)
    assert [(o.area, o.value, o.strategy) for o in obs] == [(3, 58.0, "headings"), (3, 58.0, "headings")]


def test_slides_area_points_and_quoted_totals():
    slide = [
        ("Område 1 – Offentlighet och demokrati", {"size": 24}),
        "1.1 Finns en plan för demokrati?",
        "1.2 Hur informeras medborgarna?",
        "74 p",
        "Tyresö 2010: 452",
    ]
    doc = document(slide, width=842, height=595)
    obs = extract_scores(doc, "2010", TYRESO, 2015, kind="slides")
    assert rows_of(obs) == [("tyreso", 2010, 0, "new", 452.0, "history"), ("tyreso", 2015, 1, "new", 74.0, "primary")]


def test_wrapped_labels_with_values_on_the_last_line_or_centred_between_lines():
    rows = ["Tabell 1 Resultat", [("Område", 72), ("Poäng", 330)]]
    for i, label in enumerate(LABELS_2010, start=1):
        head, _, tail = label.partition(" ")
        if i % 2:  # values beside the label's last line (cell aligned to the bottom)
            rows += [[(f"{i}. {head}", 72)], [(tail or "x", 72), (f"{50 + i}", 330)]]
        else:  # values on a line of their own between the label's lines (cell centred)
            rows += [[(f"{i}. {head}", 72)], [(f"{50 + i}", 330)], [(tail or "x", 72)]]
    obs = extract_scores(document(rows), "2010", TYRESO, 2012)
    assert sorted((o.area, o.value) for o in obs) == [(i, 50.0 + i) for i in range(1, 9)]


def test_slide_points_written_as_label_and_value():
    slide = [
        ("Område 4 – Ledarskap, ansvar och delegation", {"size": 24}),
        "4.1 Strategi för ledarskap",
        "Poäng: 58 av 100",
    ]
    obs = extract_scores(document(slide, width=842, height=595), "2010", TYRESO, 2015, kind="slides")
    assert [(o.area, o.value) for o in obs] == [(4, 58.0)]


def test_districts_are_unscored_on_area_2_under_the_2020_framework():
    labels = [
        "Samspel mellan förtroendevalda och medborgare",
        "Samhällsutveckling",
        "Styrning och kontroll",
        "Effektivitet",
        "Brukarens fokus",
        "Kvalitetsutveckling",
        "Arbetsliv",
        "Chefs- och ledarskap samt medarbetarskap",
    ]
    rows = ["Tabell 1 Resultat"] + [
        [(f"{i}. {label}", 72)] + ([("0 *)", 400)] if i == 2 else [(str(50 + i), 400)])
        for i, label in enumerate(labels, start=1)
    ]
    rows.append("*) Område 2 poängbedöms inte vid stadsdelsutvärderingar")
    obs = extract_scores(document(rows), "2020", resolve_organisation("Bromma stadsdelsområde"), 2021)
    assert [(o.area, o.value) for o in obs if o.area in (1, 2)] == [(1, 51.0), (2, None)]
