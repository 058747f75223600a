"""The book's chart style: Arabic type, a colour-blind-safe palette, a source line.

matplotlib 3.11 shapes Arabic and orders mixed Arabic/Latin text itself, so labels
are passed as plain Unicode: no reshaping or bidi libraries, which now reverse it.
Every chart is made through :func:`figure`, which will not draw one without sources.
"""
from __future__ import annotations

import colorsys
import warnings

import matplotlib
from matplotlib import font_manager
from matplotlib import pyplot as plt

import textwrap

from ..data import bibliography
from ..text import word
from ..text.labels import NBSP, RLM, SOURCES
from . import screens
from .svg import compact_svg

ARABIC_FONT = "Noto Sans Arabic"  # Debian: fonts-noto-core
LATIN_FALLBACK = "DejaVu Sans"  # Debian: fonts-dejavu-core

# Okabe & Ito (2008), without the yellow and sky blue, and with the orange darkened
# (#E69F00 to #C48800): every data colour has the 3:1 contrast on white that WCAG 2.1
# asks of graphical objects (1.4.11). Text drawn in a data colour goes through
# text_colour(), and text on a coloured fill through ink_on(), for the 4.5:1 of 1.4.3.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#C48800",
    "grey": "#5F5F5F",
}
INK = "#222222"
BACKGROUND = "#FFFFFF"
GRAPHIC_CONTRAST = 3.0  # WCAG 2.1, 1.4.11 (non-text contrast)
TEXT_CONTRAST = 4.5  # WCAG 2.1, 1.4.3 (AA, normal-size text)


def _luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = matplotlib.colors.to_rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(colour: str, background: str = BACKGROUND) -> str:
    """The colour itself if text in it is legible (4.5:1), else the same hue darkened until it is."""
    hue, light, sat = colorsys.rgb_to_hls(*matplotlib.colors.to_rgb(colour))
    while light > 0:
        shade = matplotlib.colors.to_hex(colorsys.hls_to_rgb(hue, light, sat)).upper()
        if contrast(shade, background) >= TEXT_CONTRAST:
            return shade
        light = max(0.0, light - 0.01)
    return "#000000"


def ink_on(fill: str) -> str:
    """White or black text, whichever reads better on a coloured fill.

    The two ratios multiply to 21, so the better one is always at least 4.58:1.
    """
    return max(("#FFFFFF", "#000000"), key=lambda c: contrast(c, fill))

RC = {
    "font.family": [ARABIC_FONT, LATIN_FALLBACK],
    "font.size": 11,
    "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE.values())),
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlesize": 13,
    "axes.titlelocation": "right",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    # Labels come from data: a '$' is a dollar sign, never the start of TeX math
    # (which would drop it and draw the Arabic after it unjoined).
    "text.parse_math": False,
    # Byte-identical SVG from run to run: fixed id salt, no creation date.
    "svg.hashsalt": "the-cautious-partnership",
    "svg.fonttype": "path",
}


def _require_font(family: str) -> None:
    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        raise RuntimeError(
            f"The font '{family}' is not installed; run `make system` "
            "(it installs the Debian packages listed in apt-packages.txt)."
        ) from None


def setup() -> None:
    """Apply the house style in a notebook: fonts, palette, SVG output, warnings as errors."""
    warnings.simplefilter("error")
    # ipykernel's own notice about its shutdown API fires as the kernel exits, in no
    # cell of ours; as an error it only fills the build log with a traceback.
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning, module="ipykernel")
    _require_font(ARABIC_FONT)
    _require_font(LATIN_FALLBACK)
    matplotlib.rcParams.update(RC)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside Jupyter: nothing to configure
        return
    set_matplotlib_formats("svg", metadata={"Date": None, "Creator": None})
    from IPython import get_ipython
    from matplotlib.figure import Figure

    shell = get_ipython()
    if shell is not None:  # every chart a notebook shows goes through compact_svg
        formatter = shell.display_formatter.formatters["image/svg+xml"]
        draw = formatter.lookup_by_type(Figure)
        if getattr(draw, "__wrapped__", None) is None:
            formatter.for_type(Figure, _for_screens(draw))


def _for_screens(draw):
    """The SVG formatter of a notebook: the desktop drawing as the image, the phone drawing
    in the output's metadata (see :mod:`.screens`), both compact and marked with their
    smallest text size."""
    def attempt(fig):
        """The drawing, or None where the layout leaves the axes no room."""
        try:
            return draw(fig)
        except UserWarning as warning:
            if "collapsed" not in str(warning):
                raise
            return None

    def svg_for(fig, screen):
        with screens.drawn_for(fig, screen):
            svg, font = draw(fig), screens.min_font_px(fig)
            # A label or legend that juts out widens the tight-cropped drawing past the
            # screen's width, and the browser shrinks it: narrow the figure by the overhang.
            for _ in range(3):
                overhang = screens.drawn_width_px(svg) - screen.width_in * screens.PX_PER_INCH
                if overhang <= 4:
                    break
                width, height = fig.get_size_inches()
                fig.set_size_inches(max(width - overhang / screens.PX_PER_INCH, width * 0.6), height)
                narrower = attempt(fig)
                if narrower is None:  # no room left for the axes: keep the last drawing
                    fig.set_size_inches(width, height)
                    break
                svg = narrower
            # Still wider than the screen (text that moves with the axes' edge): the
            # browser shrinks it, so raise the text until it shows at the screen's size.
            for _ in range(3):
                shown = screens.on_screen_px(svg, screen, font)
                if shown >= screen.min_text_px - 0.6:
                    break
                screens.raise_text(fig, font * screen.min_text_px / shown * 72 / 96)
                larger = attempt(fig)
                if larger is None:
                    break
                svg, font = larger, screens.min_font_px(fig)
            return compact_svg(svg, min_font_px=font)

    def for_screens(fig):
        desktop = svg_for(fig, screens.DESKTOP)
        phone_fig = screens.redraw(fig, screens.PHONE)
        try:
            phone = svg_for(phone_fig, screens.PHONE)
        finally:
            if phone_fig is not fig:
                plt.close(phone_fig)
        return desktop, {screens.PHONE.name: phone}

    for_screens.__wrapped__ = draw
    return for_screens


def figure(sources, title: str = None, size=(8, 4.2), source_lines: int = None):
    """A new figure with its title and «المصدر: …» line; ``sources`` are bib keys. A chart
    resting on a whole table's sources gives ``source_lines``: past that many lines, the
    line ends with how many more there are, all of them in the chapter's references."""
    keys = bibliography.split_keys(sources) if isinstance(sources, str) else list(sources)
    if not keys:
        raise ValueError("a chart needs at least one source key")
    screen = screens.current()
    if not screen.keep_aspect:  # a narrow screen: its own width, a taller drawing
        size = (screen.width_in, size[1] * screen.height_scale)
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    if title:
        ax.set_title(title, loc="right", pad=12)
    # Extra side padding: mixed Arabic/Latin labels measure slightly narrower than drawn.
    fig.get_layout_engine().set(h_pad=0.12, w_pad=0.2)
    source_note(fig, keys, max_lines=source_lines)
    return fig, ax


def source_note(fig, keys, width: int = 120, max_lines: int = None) -> None:
    """The «المصدر: …» line under a figure; wide figures citing many sources pass a width."""
    fig.supxlabel(source_line(keys, width=width, max_lines=max_lines), x=0.99, ha="right", fontsize=8.5,
                  color=PALETTE["grey"])
    fig._partnership_sources = list(keys)  # each screen re-wraps the line to its width
    fig._partnership_source_lines = max_lines


def source_line(keys, width: int = 120, max_lines: int | None = None) -> str:
    """The text under a chart, «المصدر: A 2022؛ B 2023», wrapped to fit the figure.

    With ``max_lines`` (a phone's drawing), a list too long for that many lines ends
    with how many sources it leaves out and where they are: the chapter's references,
    which list every source of the chart, as the desktop drawing does.
    """
    labels = list(dict.fromkeys(bibliography.short_label(k) for k in keys))
    prefix = word("sources.one") if len(labels) == 1 else word("sources.many")
    for shown in range(len(labels), 0, -1):
        # No-break spaces inside a label: a line may end only between two sources.
        # (A label longer than half a line may break inside: it could never fit otherwise.)
        body = prefix + SOURCES.join(label if len(label) > width // 2 else label.replace(" ", NBSP)
                                     for label in labels[:shown])
        if shown < len(labels):
            body += SOURCES + word("sources.more", n=len(labels) - shown)
        lines = textwrap.wrap(body, width=width, break_on_hyphens=False, break_long_words=False)
        if max_lines is None or len(lines) <= max_lines:
            break
    # Each wrapped line is its own paragraph to the text engine, and a line that opens
    # with a Latin name would be laid out left-to-right, its sources in reverse order.
    # A right-to-left mark at the head of every line keeps them all right-to-left.
    return "\n".join(RLM + line for line in lines)
