"""`kompass report`: the static site's files, links and offline-ness; every page in headless Chromium."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner
from PIL import Image

from cli import cli
from tests.chromium import QUIET_FLAGS, chromium_path
from tests.datasets import DOCS, write_sample_dataset

CHROMIUM = chromium_path()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (make test installs it when run as root with apt-get)"
)
PAGES = [
    "index.html",
    "themes.html",
    "checks.html",
    "org/hasselby-vallingby-stadsdelsomrade.html",
    "org/ljusdals-kommun.html",
    "org/tyreso-kommun.html",
]


class Links(HTMLParser):
    """Every href/src of a page, and the text of each link."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.anchors: list[tuple[str, str]] = []  # (href, text)
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None:
            self.anchors.append((self._href, data))
            self._href = None


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    data = write_sample_dataset(root / "processed")
    result = CliRunner().invoke(cli, ["report", "--data", str(data), "--out", str(root / "site")])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote 6 pages to {root / 'site'} (5 evaluations, 3 organisations); open {root / 'site' / 'index.html'}\n"
    )
    return root / "site"


def test_the_site_has_its_pages_and_nothing_points_outside(site):
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()) == sorted(PAGES)
    for name in PAGES:
        parsed = links(site / name)
        for tag, _, value in parsed.refs:
            target = urlparse(value)
            if target.scheme == "":  # a page of the site
                assert ((site / name).parent / unquote(target.path)).resolve().is_file(), (name, value)
            elif tag == "a":  # a document: local copy or as published
                assert target.scheme == "file" or value.startswith("https://www.tyreso.example/"), (name, value)
            else:  # no script, style or image from outside
                assert target.scheme == "data", (name, tag, value)


def test_index_lists_every_evaluation_with_status(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr data-status="(\w+)"><td><a href="([^"]+)">([^<]+)</a></td><td>(\d*)</td>'
        r'<td class="n">(\d+)</td>',
        html,
    )
    assert rows == [
        ("ok", "org/hasselby-vallingby-stadsdelsomrade.html", "Hässelby-Vällingby stadsdelsområde", "0180", "2010"),
        ("warning", "org/ljusdals-kommun.html", "Ljusdals kommun", "2161", "2010"),
        ("ok", "org/tyreso-kommun.html", "Tyresö kommun", "0138", "2006"),
        ("ok", "org/tyreso-kommun.html", "Tyresö kommun", "0138", "2010"),
        ("ok", "org/tyreso-kommun.html", "Tyresö kommun", "0138", "2015"),
    ]
    assert "5 evaluations · 4 ok · 1 warning · 0 error" in html


def test_every_score_links_to_its_document_and_page(site):
    anchors = links(site / "org" / "tyreso-kommun.html").anchors
    t15 = "https://www.tyreso.example/kompassen/Kompassen_Tyreso_2015.pdf"
    assert (f"{t15}#page=4", "63.5") in anchors  # area 1, 2015
    assert (f"{t15}#page=4", "505.5") in anchors  # the total
    assert (f"{t15}#page=5", "380") in anchors  # 2006, quoted in the 2015 report
    assert (f"{t15}#page=9", "p. 9") in anchors  # a finding
    local = [href for href, text in anchors if text == "50"]
    assert local == [Path(DOCS["t10"][2]).resolve().as_uri() + "#page=4", f"{t15}#page=4"]  # 2010 area 1; avg 7


def test_organisation_page_has_charts_findings_and_themes(site):
    html = (site / "org" / "tyreso-kommun.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 1 and html.count("<polygon ") == 2
    assert "Använd medborgarpaneler inför större beslut" in html
    assert '<span class="theme">medborgardialog</span>' in html


def test_themes_and_checks_pages(site):
    themes = (site / "themes.html").read_text(encoding="utf-8")
    assert "Utveckla uppföljningen av nämndernas mål" in themes and "r-upp" in themes
    assert re.search(
        r'<td>medborgardialog</td><td>Medborgardialog och delaktighet</td><td class="n">1</td>'
        r'<td class="n">1</td>',
        themes,
    )
    checks = (site / "checks.html").read_text(encoding="utf-8")
    assert re.findall(
        r'<tr data-status="(\w+)"><td><span class="status \w+">\w+</span></td><td>(\w+)</td>', checks
    ) == [("error", "document_corrupt"), ("warning", "sum_mismatch")]


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            *QUIET_FLAGS,
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@needs_chromium
def test_console_check_sees_a_script_error(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>missingFunction();</script>", encoding="utf-8")
    run = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert any("missingFunction is not defined" in m for m in console_messages(run.stderr))


@needs_chromium
@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_console_errors(site, tmp_path, name):
    run = chromium("--virtual-time-budget=2000", "--dump-dom", (site / name).as_uri(), profile=tmp_path / "profile")
    assert run.returncode == 0
    assert console_messages(run.stderr) == []
    assert "</main>" in run.stdout


@needs_chromium
def test_index_screenshot_is_not_blank_and_filters_from_the_link(site, tmp_path):
    shot = tmp_path / "index.png"
    chromium(
        f"--screenshot={shot}", "--window-size=1200,800", (site / "index.html").as_uri(), profile=tmp_path / "profile"
    )
    with Image.open(shot) as image:
        assert image.size == (1200, 800)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    background = max(colours)[0]
    assert len(colours) > 50 and background < 0.95 * 1200 * 800  # text, a table, the navigation bar
    run = chromium(
        "--virtual-time-budget=2000",
        "--dump-dom",
        (site / "index.html").as_uri() + "#status=warning",
        profile=tmp_path / "profile",
    )
    assert re.findall(r'<tr data-status="(\w+)"( hidden="")?>', run.stdout) == [
        ("ok", ' hidden=""'),
        ("warning", ""),
        ("ok", ' hidden=""'),
        ("ok", ' hidden=""'),
        ("ok", ' hidden=""'),
    ]
    assert '<span id="shown">1</span>' in run.stdout


@needs_chromium
def test_index_sorts_from_the_link(site, tmp_path):
    run = chromium(
        "--virtual-time-budget=2000",
        "--dump-dom",
        (site / "index.html").as_uri() + "#sort=total&order=descending&q=kommun",
        profile=tmp_path / "profile",
    )
    rows = re.findall(
        r'<tr data-status="\w+"( hidden="")?>.*?<td class="n">(\d+)</td>.*?'
        r'<td class="n" data-value="([\d.]*)">',
        run.stdout,
    )
    assert rows == [
        ("", "2015", "505.5"),
        ("", "2010", "408.0"),
        ("", "2006", "380.0"),
        (' hidden=""', "2010", "360.0"),
        ("", "2010", "330.0"),
    ]
    assert '<th data-type="number" class="n" aria-sort="descending">Total</th>' in run.stdout
