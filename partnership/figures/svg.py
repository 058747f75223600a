"""Charts as compact SVG, and the same drawing recoloured for the dark colour mode."""
from __future__ import annotations

import re

_GLYPH_FONT = re.compile(r'(id="|href="#)(NotoSansArabic|NotoNaskhArabic|DejaVuSans)-([A-Za-z]+)-')
_LONG_DECIMAL = re.compile(r"(-?\d+\.\d{3,})")
_COORDINATES = re.compile(r'(\s(?:d|x|y)="|translate\()([^"()]*)')


def _two_places(match) -> str:
    text = f"{float(match.group(1)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact_svg(svg: str, min_font_px: float | None = None) -> str:
    """The same drawing in about a quarter fewer bytes, for pages under 1.5 MB.

    matplotlib draws every letter as a path (so Arabic is shaped without web fonts) and
    names each glyph after its font, «NotoSansArabic-Regular-66a», once per letter drawn.
    Here glyph names shrink to «g0-66a», coordinates keep two decimals (a hundredth of a
    point) and indentation goes. Scales and colours are left exactly as drawn.
    """
    fonts = {}

    def glyph(match):
        key = (match.group(2), match.group(3))
        fonts.setdefault(key, f"g{len(fonts)}")
        return f"{match.group(1)}{fonts[key]}-"

    svg = _GLYPH_FONT.sub(glyph, svg)
    if min_font_px is not None:  # the smallest text as drawn, for the book's legibility test
        svg = re.sub(r"<svg ", f'<svg data-min-font-px="{min_font_px:.2f}" ', svg, count=1)
    svg = _COORDINATES.sub(lambda m: m.group(1) + _LONG_DECIMAL.sub(_two_places, m.group(2)), svg)
    return re.sub(r"\n[ \t]+", "\n", svg)


# A colour value: in a style ("fill: #0072b2") or an attribute (fill="#0072b2"), never an id.
_COLOUR = re.compile(r'((?:fill|stroke|stop-color|flood-color|color)\s*(?::\s*|=\s*"))(#[0-9A-Fa-f]{6})\b')
DARK_BACKGROUND = "#121212"  # sphinx-book-theme's dark page


def _luminance(red: float, green: float, blue: float) -> float:
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def dark_colour(colour: str, background: str = DARK_BACKGROUND) -> str:
    """A colour of a chart drawn for white, as drawn for the dark page.

    The colour keeps its hue and saturation and takes the lightness at which it stands
    out from the dark page exactly as much as it stood out from white (the WCAG contrast
    ratio): white ground becomes the page, the 16:1 ink a near-white, a 3:1 palette
    colour a 3:1 colour, a faint grid a faint grid. Every checked contrast of the light
    drawing holds in the dark one (tests/test_charts.py).
    """
    import colorsys

    white, ground = _luminance(1, 1, 1), _luminance(*_rgb(background))
    rgb = _rgb(colour)
    target = (white + 0.05) / (_luminance(*rgb) + 0.05)  # its contrast with white
    hue, _, sat = colorsys.rgb_to_hls(*rgb)
    low, high = 0.0, 1.0
    for _ in range(40):  # luminance grows with lightness at a fixed hue and saturation
        middle = (low + high) / 2
        if (_luminance(*colorsys.hls_to_rgb(hue, middle, sat)) + 0.05) / (ground + 0.05) < target:
            low = middle
        else:
            high = middle
    if target <= 1.0001:
        return background.upper()
    return "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, high, sat))


def dark_svg(svg: str, background: str = DARK_BACKGROUND) -> str:
    """The same drawing for the dark colour mode: every colour mapped by :func:`dark_colour`."""
    return _COLOUR.sub(lambda m: m.group(1) + dark_colour(m.group(2), background), svg)
