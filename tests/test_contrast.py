"""WCAG AA contrast in the charts: data colours 3:1 on white, chart text 4.5:1.

The palette is checked by rule, and every chart the chapters store is scanned, so a
new chart drawn in a colour that fails (Okabe-Ito's own orange, say) is caught too.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from partnership.figures import frame, hindsight, style, tactical

ROOT = Path(__file__).resolve().parent.parent
# Tints that are backgrounds, grid lines and shading, never data or text: 1.4.11
# exempts them. Anything else drawn in a chart must reach 3:1 on white.
DECORATION = {"#FFFFFF", "#DDDDDD", "#CCCCCC", "#E8E8E8", "#EEEEEE", "#F2F2F2", "#E3ECF5",
              "#BBBBBB", "#999999"}
COLOUR = re.compile(r"(?:fill|stroke):\s*(#[0-9a-fA-F]{6})")


def test_contrast_matches_wcag_reference_values():
    # Values from the WCAG 2.1 definition: black on white is 21:1, and #767676 is the
    # lightest grey that passes 4.5:1 on white while #777777 does not.
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast("#767676", "#FFFFFF") >= 4.5 > style.contrast("#777777", "#FFFFFF")


@pytest.mark.parametrize("name", sorted(style.PALETTE))
def test_every_palette_colour_stands_out_on_white(name):
    assert style.contrast(style.PALETTE[name], style.BACKGROUND) >= style.GRAPHIC_CONTRAST


@pytest.mark.parametrize("mapping", [(hindsight, "HINDSIGHT_BEARING_COLOURS"),
                                     (frame, "VERDICT_COLOURS"), (tactical, "JUDGEMENT_COLOURS"),
                                     (tactical, "COUNTRY_COLOURS")], ids=lambda m: m[1])
def test_category_colours_stand_out_and_carry_legible_labels(mapping):
    for category, colour in getattr(*mapping).items():
        assert style.contrast(colour, style.BACKGROUND) >= style.GRAPHIC_CONTRAST, (mapping, category)
        assert style.contrast(style.ink_on(colour), colour) >= style.TEXT_CONTRAST, (mapping, category)


@pytest.mark.parametrize("colour", sorted(set(style.PALETTE.values())) + ["#E69F00", "#56B4E9"])
def test_text_colour_is_legible_and_keeps_colours_that_already_are(colour):
    shade = style.text_colour(colour)
    assert style.contrast(shade, style.BACKGROUND) >= style.TEXT_CONTRAST
    if style.contrast(colour, style.BACKGROUND) >= style.TEXT_CONTRAST:
        assert shade == colour.upper()


@pytest.mark.parametrize("level", range(0, 256, 15))
def test_ink_on_any_grey_fill_reads_at_4_5_to_1(level):
    fill = f"#{level:02X}{level:02X}{level:02X}"
    assert style.contrast(style.ink_on(fill), fill) >= style.TEXT_CONTRAST


def _chart_colours():
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                svg = output.get("data", {}).get("image/svg+xml")
                if svg:
                    for colour in COLOUR.findall("".join(svg)):
                        yield notebook.name, colour.upper()


def test_every_colour_drawn_in_a_stored_chart_reaches_3_to_1():
    seen = set(_chart_colours())
    assert seen, "no SVG chart found in chapters/*.ipynb"
    failing = sorted((nb, c) for nb, c in seen
                     if c not in DECORATION and style.contrast(c, style.BACKGROUND) < style.GRAPHIC_CONTRAST)
    assert not failing, f"chart colours under 3:1 on white (WCAG 1.4.11): {failing}"
