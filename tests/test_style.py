"""The chart style: Arabic fonts present, every chart sourced, output reproducible."""
from __future__ import annotations

import io

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402

from partnership import data  # noqa: E402
from partnership import figures as charts  # noqa: E402
from partnership.figures import style  # noqa: E402
from partnership.text import labels  # noqa: E402
from partnership.text.labels import NBSP, RLM  # noqa: E402


@pytest.fixture(autouse=True)
def house_style():
    with matplotlib.rc_context():
        style.setup()
        yield


def test_arabic_and_latin_fonts_resolve_to_real_files():
    for family in (style.ARABIC_FONT, style.LATIN_FALLBACK):
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        assert family.split()[0].lower() in path.lower()


def test_chart_without_source_is_refused():
    with pytest.raises(ValueError, match="at least one source"):
        style.figure([])


def test_unknown_source_key_is_refused():
    with pytest.raises(data.DataError, match="unknown source key 'nowhere2020'"):
        style.figure(["nowhere2020"])


def test_source_line_names_every_source():
    fig, _ = style.figure(["kpszsu2026reports", "ivaniuk2026attacks"])
    line = fig._supxlabel.get_text().replace(NBSP, " ").replace(RLM, "")
    assert line.startswith("المصادر: ")
    assert "Ivaniuk 2026" in line and "Air Force of the Armed Forces of Ukraine 2026" in line


def test_wrapped_source_lines_stay_right_to_left_and_break_only_between_sources():
    width = 60
    keys = sorted(data.bib_keys())[:40]
    text = style.source_line(keys, width=width)
    lines = text.split("\n")
    assert len(lines) > 2, "the test needs a source line that wraps"
    # A line that opened with a Latin name would be laid out left-to-right.
    assert all(line.startswith(RLM) for line in lines), lines
    # Every line ends at a separator (or is the last), never inside an author's name,
    # unless that name is longer than half a line and would otherwise overflow it.
    for line, following in zip(lines, lines[1:]):
        if line.endswith("؛"):
            continue
        split = line.rsplit("؛ ", 1)[-1] + " " + following.removeprefix(RLM).split("؛", 1)[0]
        assert len(split) > width // 2, (line, following)


def _svg(fig):
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


_DRAW = """
import sys, matplotlib
matplotlib.use("Agg")
from partnership import data, figures as charts
from partnership.figures import style
style.setup()
fig = charts.monthly_counts(data.load("shahed_monthly"), "عنوان", {"launched": "أُطلقت"})
fig.savefig(sys.stdout.buffer, format="svg", metadata={"Date": None, "Creator": None})
"""


def test_chart_svg_is_byte_identical_across_runs():
    """Two separate Python processes, with different hash seeds, draw the same bytes."""
    import os
    import subprocess
    import sys

    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append(subprocess.run([sys.executable, "-c", _DRAW], env=env, capture_output=True,
                                   check=True, timeout=120).stdout)
    assert runs[0].startswith(b"<?xml") and len(runs[0]) > 10_000
    assert runs[0] == runs[1]


def _glyphs(label: str) -> list[str]:
    """The glyphs the house style draws for one label, in drawing order."""
    import re

    fig, ax = style.figure(["kpszsu2026reports"])
    ax.set_axis_off()
    ax.text(0.5, 0.5, label)
    svg = _svg(fig)
    group = svg[svg.index(f"<!-- {label} -->"):]
    group = group[:group.index("</g>")]
    return re.findall(r'xlink:href="#([^"]+)"', group)


def test_a_dollar_sign_in_a_label_is_drawn_as_a_dollar_sign():
    """Data labels are not TeX: «صفقة $5-$6» keeps both dollar signs and its joined letters.

    As TeX, '$5-$' would be math: both dollars dropped, and the Arabic set by mathtext,
    letter by letter, in isolated forms.
    """
    drawn = _glyphs("صفقة $5-$6")
    dollar = _glyphs("$")
    assert len(dollar) == 1 and drawn.count(dollar[0]) == 2, (drawn, dollar)
    word = _glyphs("صفقة")
    assert set(word) <= set(drawn), "the Arabic word is not drawn in its joined forms"


def test_dates_read_in_both_arabic_month_traditions():
    assert labels.format_date("2022-11-09") == "9 نوفمبر/تشرين الثاني 2022"
    assert labels.format_date("2022-10-01", "month") == "أكتوبر/تشرين الأول 2022"
    assert labels.format_date("1946-05-01", "year") == "1946"
    assert labels.format_month("2023-02") == "فبراير 2023"


def test_short_labels_come_from_the_bibliography():
    assert data.short_label("aej2019pan") == "Pan & Michalski 2019"
    assert data.short_label("anon2023partnership") == "Anonymous 2023"


def _numbers(svg):
    import re
    found = []
    for attr in re.findall(r'\s(?:d|x|y)="([^"]*)"|translate\(([^)]*)\)', svg):
        found += [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", "".join(attr))]
    return found


def test_compact_svg_draws_the_same_picture_in_fewer_bytes():
    from xml.etree import ElementTree
    drawn = _svg(charts.monthly_counts(data.load("shahed_monthly"), "عنوان", {"launched": "أُطلقت"}))
    compact = charts.svg.compact_svg(drawn)
    assert len(compact) < 0.9 * len(drawn)
    root = ElementTree.fromstring(compact.encode())
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    links = {el.get("{http://www.w3.org/1999/xlink}href") for el in root.iter()} - {None}
    assert links and {link[1:] for link in links} <= ids, "a glyph reference lost its definition"
    before, after = _numbers(drawn), _numbers(compact)
    assert len(before) == len(after) > 100
    assert max(abs(a - b) for a, b in zip(before, after)) <= 0.005 + 1e-9
