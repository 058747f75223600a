"""Charts as compact SVG: the same drawing in about a quarter fewer bytes."""
from __future__ import annotations

import re

_GLYPH_FONT = re.compile(r'(id="|href="#)(NotoSansArabic|NotoNaskhArabic|DejaVuSans)-([A-Za-z]+)-')
_LONG_DECIMAL = re.compile(r"(-?\d+\.\d{3,})")
_COORDINATES = re.compile(r'(\s(?:d|x|y)="|translate\()([^"()]*)')


def _two_places(match) -> str:
    text = f"{float(match.group(1)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact_svg(svg: str) -> str:
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
    svg = _COORDINATES.sub(lambda m: m.group(1) + _LONG_DECIMAL.sub(_two_places, m.group(2)), svg)
    return re.sub(r"\n[ \t]+", "\n", svg)
