"""Charts drawn without a plotting library: geometry, labels, and the same drawing as SVG and PNG."""

from __future__ import annotations

from PIL import Image

from pipeline.charts import Canvas, line_chart, radar


def shapes(canvas: Canvas, kind: str) -> list[tuple]:
    return [s for s in canvas.shapes if s[0] == kind]


def test_radar_puts_area_1_at_the_top_and_goes_clockwise():
    canvas = Canvas(400, 400)
    radar(canvas, 200, 200, 100, ["1", "2", "3", "4"], [("a", [100, 50, None, 25])])
    ((_, points, _, _, _),) = shapes(canvas, "polygon")
    assert [(round(x, 6), round(y, 6)) for x, y in points] == [(200, 100), (250, 200), (200, 200), (175, 200)]
    assert len(shapes(canvas, "dot")) == 3  # no dot for the value that is missing


def test_line_chart_skips_year_labels_that_would_overlap():
    canvas = Canvas(500, 300)
    line_chart(canvas, 50, 50, 360, 200, [("total", [(2003, 414.0), (2010, 443.0), (2011, 441.0), (2020, 422.0)])])
    texts = [s[3] for s in shapes(canvas, "text")]
    assert [t for t in texts if t in ("2003", "2010", "2011", "2020")] == ["2003", "2010", "2020"]
    assert [t for t in texts if t in ("414", "443", "441", "422")] == ["414", "443", "422"]
    ((_, points, _, _, _),) = [s for s in shapes(canvas, "line") if s[3] == 2]
    assert len(points) == 4


def test_the_same_drawing_as_svg_and_png(tmp_path):
    canvas = Canvas(120, 80)
    canvas.polygon([(10, 10), (60, 10), (35, 60)], "#0072B2")
    canvas.text(60, 70, "Tyresö", "middle")
    svg = canvas.to_svg("t")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"')
    assert '<polygon points="10.0,10.0 60.0,10.0 35.0,60.0" fill="#0072B2"' in svg and ">Tyresö</text>" in svg
    canvas.to_png(tmp_path / "c.png")
    with Image.open(tmp_path / "c.png") as image:
        assert image.size == (240, 160)
        assert image.convert("RGB").getpixel((70, 40)) != (255, 255, 255)  # inside the filled triangle
        assert image.convert("RGB").getpixel((230, 10)) == (255, 255, 255)
