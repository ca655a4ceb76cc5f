"""Small charts without a plotting library: a radar of area scores and totals over the years.

Charts draw on a `Canvas` that records shapes; the same drawing becomes inline SVG (the HTML report,
which must work offline from file://) or a PNG through Pillow (`kompass show --chart x.png`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: Series colours: colour-blind-safe (Okabe–Ito) blue, orange, green, purple, then grey.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#666666"]
AXIS = "#999999"
TEXT = "#222222"
FONT_SIZE = 12
#: Least horizontal distance (px) between two labels on the years axis, or two value labels of a line.
LABEL_GAP = 30
#: Found by Pillow in the system's font folders (Debian: fonts-dejavu-core).
PNG_FONT = "DejaVuSans.ttf"
#: PNGs are drawn at twice the SVG's size so text stays legible.
PNG_SCALE = 2


@dataclass
class Canvas:
    width: int
    height: int
    shapes: list[tuple] = field(default_factory=list)

    def line(self, points: list[tuple[float, float]], colour: str, width: float = 1.0, dashed: bool = False):
        self.shapes.append(("line", points, colour, width, dashed))

    def polygon(self, points: list[tuple[float, float]], colour: str, fill_opacity: float = 0.15, width: float = 2.0):
        self.shapes.append(("polygon", points, colour, fill_opacity, width))

    def dot(self, x: float, y: float, colour: str, r: float = 3.0):
        self.shapes.append(("dot", x, y, colour, r))

    def text(self, x: float, y: float, text: str, anchor: str = "start", size: int = FONT_SIZE, colour: str = TEXT):
        self.shapes.append(("text", x, y, text, anchor, size, colour))

    def to_svg(self, title: str = "") -> str:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" role="img" font-family="sans-serif">'
        ]
        if title:
            parts.append(f"<title>{escape(title)}</title>")
        parts.append(f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>')
        for shape in self.shapes:
            kind = shape[0]
            if kind == "line":
                _, points, colour, width, dashed = shape
                dash = ' stroke-dasharray="4 3"' if dashed else ""
                parts.append(
                    f'<polyline points="{_points(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="{width:g}"{dash}/>'
                )
            elif kind == "polygon":
                _, points, colour, opacity, width = shape
                parts.append(
                    f'<polygon points="{_points(points)}" fill="{colour}" fill-opacity="{opacity:g}" '
                    f'stroke="{colour}" stroke-width="{width:g}"/>'
                )
            elif kind == "dot":
                _, x, y, colour, r = shape
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{colour}"/>')
            else:
                _, x, y, text, anchor, size, colour = shape
                parts.append(
                    f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" '
                    f'text-anchor="{anchor}">{escape(text)}</text>'
                )
        parts.append("</svg>")
        return "".join(parts)

    def to_png(self, path: Path) -> None:
        s = PNG_SCALE
        image = Image.new("RGB", (self.width * s, self.height * s), "white")
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        fill_draw = ImageDraw.Draw(overlay)
        draw = ImageDraw.Draw(image)
        fonts: dict[int, ImageFont.ImageFont] = {}
        for shape in self.shapes:
            if shape[0] == "polygon":
                _, points, colour, opacity, _ = shape
                fill_draw.polygon([(x * s, y * s) for x, y in points], fill=_rgba(colour, opacity))
        image.paste(overlay, (0, 0), overlay)
        for shape in self.shapes:
            kind = shape[0]
            if kind == "line":
                _, points, colour, width, _ = shape
                draw.line([(x * s, y * s) for x, y in points], fill=colour, width=max(1, round(width * s)))
            elif kind == "polygon":
                _, points, colour, _, width = shape
                closed = [(x * s, y * s) for x, y in points + points[:1]]
                draw.line(closed, fill=colour, width=max(1, round(width * s)))
            elif kind == "dot":
                _, x, y, colour, r = shape
                draw.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=colour)
            else:
                _, x, y, text, anchor, size, colour = shape
                font = fonts.setdefault(size, png_font(size * s))
                pil_anchor = {"start": "ls", "middle": "ms", "end": "rs"}[anchor]
                draw.text((x * s, y * s), text, fill=colour, font=font, anchor=pil_anchor)
        image.save(path, "PNG")


def png_font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans where the system has it (Pillow's built-in font has no å, ä, ö), else the built-in one."""
    try:
        return ImageFont.truetype(PNG_FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _rgba(colour: str, opacity: float) -> tuple[int, int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), round(255 * opacity)


def radar(
    canvas: Canvas,
    cx: float,
    cy: float,
    radius: float,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    maximum: float = 100.0,
    title: str = "",
) -> None:
    """Spokes per label, rings at each quarter of `maximum`, a polygon per series (a None value sits at 0)."""
    n = len(labels)

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(value, maximum)) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    if title:
        canvas.text(cx, cy - radius - 28, title, "middle", FONT_SIZE + 1)
    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = [at(i, maximum * ring) for i in range(n)]
        canvas.line(ring_points + ring_points[:1], AXIS, 0.5)
        canvas.text(cx + 4, cy - radius * ring + 11, f"{maximum * ring:g}", size=FONT_SIZE - 3, colour=AXIS)
    for i, label in enumerate(labels):
        canvas.line([(cx, cy), at(i, maximum)], AXIS, 0.5)
        x, y = at(i, maximum * 1.12)
        anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
        canvas.text(x, y + 4, label, anchor, FONT_SIZE - 1)
    for k, (_, values) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        canvas.polygon([at(i, v or 0.0) for i, v in enumerate(values)], colour)
        for i, v in enumerate(values):
            if v is not None:
                canvas.dot(*at(i, v), colour, 2.5)
    legend(canvas, cx - radius, cy + radius + 30, [name for name, _ in series])


def line_chart(
    canvas: Canvas,
    x0: float,
    y0: float,
    width: float,
    height: float,
    series: list[tuple[str, list[tuple[int, float]]]],
    maximum: float = 800.0,
    title: str = "",
) -> None:
    """Totals over the years: one line per series, years on the x axis, 0–maximum on the y axis."""
    years = sorted({x for _, points in series for x, _ in points})
    if title:
        canvas.text(x0 + width / 2, y0 - 14, title, "middle", FONT_SIZE + 1)
    lo, hi = (years[0] - 1, years[-1] + 1) if years else (0, 1)

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + width * (x - lo) / (hi - lo), y0 + height * (1 - min(y, maximum) / maximum)

    for tick in range(0, int(maximum) + 1, int(maximum) // 4):
        canvas.line([at(lo, tick), at(hi, tick)], AXIS, 0.5, dashed=tick > 0)
        canvas.text(x0 - 6, at(lo, tick)[1] + 4, f"{tick}", "end", FONT_SIZE - 2, AXIS)
    last = -math.inf
    for year in years:
        x = at(year, 0)[0]
        if x - last >= LABEL_GAP:
            canvas.text(x, y0 + height + 16, str(year), "middle", FONT_SIZE - 1)
            last = x
    for k, (_, points) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        xy = [at(x, y) for x, y in sorted(points)]
        if len(xy) > 1:
            canvas.line(xy, colour, 2)
        last = -math.inf
        for (_x, y), (px, py) in zip(sorted(points), xy):
            canvas.dot(px, py, colour, 3.5)
            if px - last >= LABEL_GAP:
                canvas.text(px, py - 8, f"{y:g}", "middle", FONT_SIZE - 2, colour)
                last = px
    legend(canvas, x0, y0 + height + 38, [name for name, _ in series])


def legend(canvas: Canvas, x: float, y: float, names: list[str]) -> None:
    for k, name in enumerate(names):
        colour = COLOURS[k % len(COLOURS)]
        canvas.line([(x, y - 4), (x + 14, y - 4)], colour, 3)
        canvas.text(x + 18, y, name, size=FONT_SIZE - 1)
        x += 26 + 7 * len(name)
