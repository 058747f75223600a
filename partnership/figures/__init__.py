"""What a chapter shows: the house style, numbered tables, and every chart type.

* :mod:`.style`: fonts, the colour-blind-safe palette, contrast, :func:`style.figure`
  (no chart without its «المصدر» line);
* :mod:`.tables`: numbered, captioned tables whose source cells are citations;
* :mod:`.svg`: charts written as compact SVG;
* the chart types, by the chapters they serve: :mod:`.timelines` (the whole book),
  :mod:`.frame` (summary, mind map, claims), :mod:`.drivers` (02_*), :mod:`.tactical`
  (03_*), :mod:`.hindsight` (05). Notebooks call them flat, as ``p.charts.<name>``.
"""
from __future__ import annotations

from .drivers import (gas_reserves_editions, gas_share_history, hormuz_shares, ideal_distances,  # noqa: F401
                      ideal_points, nato_steps, unhcr_stacked, vetoes_by_year)
from .frame import mindmap_tree, verdicts_by_section  # noqa: F401
from .measure import composite_path, indicator_panels  # noqa: F401
from .hindsight import hindsight_scorecard, hindsight_timeline, stated_shares  # noqa: F401
from .tactical import arms_by_recipient, arms_by_year, oil_producers, scorecard, two_fuels, unsc_resolutions  # noqa: F401
from .timelines import long_timeline, milestones, monthly_counts, timeline, timeline_years  # noqa: F401
from .screens import redrawable as _redrawable

# Every chart type can draw itself again for a phone (see .screens).
CHARTS = tuple(name for name, value in list(globals().items())
               if callable(value) and getattr(value, "__module__", "").startswith(__name__ + ".")
               and value.__module__ != __name__ + ".screens")
for _name in CHARTS:
    globals()[_name] = _redrawable(globals()[_name])
