"""`kompass show`: the scorecard text, name resolution and the chart files, on the sample dataset."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from cli import cli
from tests.datasets import write_sample_dataset

TYRESO = """\
Tyresö kommun · kommun · municipality code 0138 · 3 evaluations (2006, 2010, 2015)

                                                     2006      2010      2015  avg 2015
scale                                                 old       new       new       new
framework                                            2003      2010      2010      2010
1 Offentlighet och demokrati                                     50      63.5        60
2 Tillgänglighet och brukarorientering                           55        70        62
3 Politisk styrning och kontroll                                 60        58        55
4 Ledarskap, ansvar och delegation                               45        66        58
5 Resultat och effektivitet                                      52        61        57
6 Kommunen som arbetsgivare – personalpolitik                    58        72        63
7 Verksamhetsutveckling                                          40        55        50
8 Kommunen som samhällsbyggare                                   48        60        54
Total                                                 380       408     505.5
Max                                                             800       800
Status                                                 ok        ok        ok

Documents:
  2006: no report of its own; quoted in Kompassen_Tyreso_2015.pdf
  2010: Tyreso_2010.pdf; quoted in Kompassen_Tyreso_2015.pdf
  2015: Kompassen_Tyreso_2015.pdf

Checks: none

Most frequent improvement themes:
    2 items in 2 ev. (2010, 2015)  medborgardialog: Medborgardialog och delaktighet
    2 items in 2 ev. (2010, 2015)  uppfoljning: Uppföljning, rapportering och intern kontroll
    1 item  in 1 ev. (2015)  digitalisering: Digitalisering och IT-stöd
    1 item  in 1 ev. (2010)  mal_styrning: Mål- och resultatstyrning
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return write_sample_dataset(tmp_path_factory.mktemp("show") / "processed")


def show(data: Path, *args: str):
    return CliRunner().invoke(cli, ["show", *args, "--data", str(data)])


@pytest.mark.parametrize("name", ["Tyresö", "tyreso", "TYRESÖ KOMMUN", "0138", "tyreso-2010"])
def test_scorecard_of_every_evaluation_side_by_side(data, name):
    result = show(data, name)
    assert result.exit_code == 0, result.output
    assert result.output == TYRESO


def test_scorecard_shows_two_scales_checks_and_not_assessed_areas(data):
    ljusdal = show(data, "Ljusdal").output.splitlines()
    assert ljusdal[2].split() == ["2010", "2010", "old"]
    assert ljusdal[13].split() == ["Total", "330", "300"]
    assert ljusdal[15].split() == ["Status", "warning", "warning"]
    assert (
        "  ljusdal-2010 warning sum_mismatch (p. 4): Tabell 1 p. 4: primary column ljusdal-2010 (new) total 330 "
        "but its areas sum to 328"
    ) in ljusdal
    district = show(data, "0180").output.splitlines()
    assert district[0] == (
        "Hässelby-Vällingby stadsdelsområde · stadsdel · municipality code 0180 · 1 evaluation (2010)"
    )
    assert district[12].split() == ["8", "Kommunen", "som", "samhällsbyggare", "n.a."]
    assert district[14].split() == ["Max", "700"]


def test_an_ambiguous_name_lists_the_candidates(data):
    result = show(data, "kommun")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'kommun' matches 2 organisations; name one of them:\n"
        "  Ljusdals kommun (2161; 2010)\n"
        "  Tyresö kommun (0138; 2006, 2010, 2015)\n"
    )


def test_an_unknown_name_suggests_the_closest(data):
    result = show(data, "Tyresjö")
    assert result.exit_code == 1
    assert result.output == "Error: no organisation matches 'Tyresjö'; closest: Tyresö kommun\n"
    assert show(data, "9999").output == "Error: no organisation matches '9999'\n"


def test_chart_as_svg_has_the_radar_and_the_totals(data, tmp_path):
    out = tmp_path / "tyreso.svg"
    result = show(data, "Tyresö", "--chart", str(out))
    assert result.output.endswith(f"wrote {out}\n")
    svg = ET.fromstring(out.read_text(encoding="utf-8"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.find("s:title", ns).text == "Tyresö kommun: scores"
    assert len(svg.findall("s:polygon", ns)) == 2  # the 2015 scores and the printed average
    texts = [t.text for t in svg.findall("s:text", ns)]
    assert {
        "Areas 2015 (new scale)",
        "Totals over the years",
        "Tyresö kommun 2015",
        "printed average 2015",
        "total, new scale",
        "total, old scale",
        "380",
        "408",
        "505.5",
    } <= set(texts)


def test_chart_as_png_is_drawn(data, tmp_path):
    out = tmp_path / "tyreso.png"
    assert show(data, "Tyresö", "--chart", str(out)).exit_code == 0
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == (1800, 880)
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0x00, 0x72, 0xB2) in colours and (0xE6, 0x9F, 0x00) in colours  # both series are drawn


def test_chart_needs_a_known_suffix(data, tmp_path):
    result = show(data, "Tyresö", "--chart", str(tmp_path / "x.gif"))
    assert result.exit_code == 1
    assert result.output.endswith("Error: --chart must end in .png or .svg, not 'x.gif'\n")
