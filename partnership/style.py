"""The book's chart style: Arabic type, a colour-blind-safe palette, a source line.

matplotlib 3.11 shapes Arabic and orders mixed Arabic/Latin text itself, so labels
are passed as plain Unicode: no reshaping or bidi libraries, which now reverse it.
Every chart is made through :func:`figure`, which will not draw one without sources.
"""
from __future__ import annotations

import warnings

import matplotlib
from matplotlib import font_manager
from matplotlib import pyplot as plt

from . import refs

ARABIC_FONT = "Noto Sans Arabic"  # Debian: fonts-noto-core
LATIN_FALLBACK = "DejaVu Sans"  # Debian: fonts-dejavu-core

# Okabe & Ito (2008), without the yellow and sky blue that fail 3:1 contrast on white.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "grey": "#5F5F5F",
}
INK = "#222222"

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


def figure(sources, title: str = None, size=(8, 4.2)):
    """A new figure with its title and «المصدر: …» line; ``sources`` are bib keys."""
    keys = refs.split_keys(sources) if isinstance(sources, str) else list(sources)
    if not keys:
        raise ValueError("a chart needs at least one source key")
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    if title:
        ax.set_title(title, loc="right", pad=12)
    # Extra side padding: mixed Arabic/Latin labels measure slightly narrower than drawn.
    fig.get_layout_engine().set(h_pad=0.12, w_pad=0.2)
    source_note(fig, keys)
    return fig, ax


def source_note(fig, keys, width: int = 120) -> None:
    """The «المصدر: …» line under a figure; wide figures citing many sources pass a width."""
    fig.supxlabel(refs.source_line(keys, width=width), x=0.99, ha="right", fontsize=8.5,
                  color=PALETTE["grey"])
