"""The sheet the person takes home (``--format html``), rendered in a real headless browser.

Chromium comes from the distribution's packages (``scripts/ensure_chromium.sh``, run by
``scripts/test.sh``) and is driven from its command line: print to PDF (A4, at most two pages),
dump the DOM after a measuring script (nothing wider than the A4 page), and a screenshot whose
pixels are checked (margins clear, title and emergency frame where they belong), so that a broken
layout fails the test.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from .conftest import SITUATIONS, Invoke

CHROMIUM = "/usr/bin/chromium"
DIRECTORY = SITUATIONS / "annuaires" / "dordogne.yaml"
EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))
A4_WIDTH_PX, A4_HEIGHT_PX = 794, 1123  # 210 × 297 mm at 96 px per inch
MAX_PAGES = 2

MEASURE = """<script>
window.addEventListener('load', () => {
  const width = document.documentElement.clientWidth;
  let widest = document.documentElement.scrollWidth;
  for (const element of document.body.querySelectorAll('*')) {
    widest = Math.max(widest, Math.ceil(element.getBoundingClientRect().right));
  }
  document.body.setAttribute('data-measure', width + 'x' + widest);
});
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def sheet(invoke: Invoke, tmp_path: Path, situation: Path) -> Path:
    result = invoke("simulate", str(situation), "--format", "html", "--partners", str(DIRECTORY))
    assert result.exit_code == 0, result.output
    page = tmp_path / f"{situation.stem}.html"
    page.write_text(result.stdout, encoding="utf-8")
    return page


def read_png(path: Path) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB or RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows, channels


@pytest.mark.parametrize("situation", EXAMPLES, ids=lambda p: p.stem)
def test_the_sheet_prints_on_at_most_two_a4_pages_without_overflow(
    invoke: Invoke, tmp_path: Path, situation: Path
) -> None:
    page = sheet(invoke, tmp_path, situation)
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.split("<body>", 1)[0]
    pdf = tmp_path / "sheet.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    counts = [
        int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes())
    ]
    counts += [
        int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf.read_bytes())
    ]
    assert counts and 1 <= max(counts) <= MAX_PAGES, counts

    measured = tmp_path / "measured.html"
    measured.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium(
        tmp_path,
        f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        measured.as_uri(),
    ).stdout
    match = re.search(r'data-measure="(\d+)x(\d+)"', dom)
    assert match is not None, "the measuring script did not run"
    width, widest = int(match.group(1)), int(match.group(2))
    assert widest <= width, f"content {widest}px wide on a {width}px A4 page"


def test_screenshot_of_the_sheet_keeps_its_layout(invoke: Invoke, tmp_path: Path) -> None:
    """The fullest example (eviction, four partners): the margins stay clear, the title sits at
    the top left, the emergency frame is drawn in red near the top."""
    page = sheet(invoke, tmp_path, SITUATIONS / "famille_menace_expulsion.yaml")
    shot = tmp_path / "sheet.png"
    chromium(
        tmp_path,
        f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    width, height, rows, channels = read_png(shot)
    assert (width, height) == (A4_WIDTH_PX, A4_HEIGHT_PX)

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        start = x * channels
        red, green, blue = rows[y][start : start + 3]
        return red, green, blue

    def dark(x: int, y: int) -> bool:
        return sum(pixel(x, y)) < 200

    margin = 30
    for y in range(height):
        for x in (*range(margin), *range(width - margin, width)):
            assert min(pixel(x, y)) > 235, f"content in the margin at ({x}, {y})"
    title = sum(dark(x, y) for y in range(0, 60) for x in range(margin, width // 2))
    assert title > 300, "no title at the top left"
    red_frame = sum(
        1
        for y in range(60, 400)
        for x in range(margin, width - margin)
        if pixel(x, y)[0] > 140 and pixel(x, y)[1] < 60 and pixel(x, y)[2] < 80
    )
    assert red_frame > 500, "no emergency frame near the top"
    text = sum(
        dark(x, y) for y in range(height // 2, height) for x in range(margin, width - margin)
    )
    assert text > 1000, "the lower half of the page is empty"
