"""Timeline charts: one lane per (exporter -> country) direction, one band per group over time.

SVG and PNG are drawn with matplotlib (static, for reports); HTML with Plotly, self-contained
(the JavaScript is inlined, so the file opens offline) with the measure shown on hover.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exportctl.engine.results import Interval
from exportctl.errors import InputError

PALETTE = {
    "jp:A": "#2e7d32",
    "jp:B": "#f9a825",
    "jp:C": "#9e9e9e",
    "jp:D": "#c62828",
    "kr:Ga": "#1565c0",
    "kr:Ga-1": "#42a5f5",
    "kr:Ga-2": "#ef6c00",
    "kr:Na": "#757575",
}
FORMATS = (".svg", ".png", ".html")


@dataclass(frozen=True)
class Event:
    """A measure that changed licensing (not groups) for a lane: drawn as a numbered marker."""

    lane: str
    day: dt.date
    measure: str
    title: str


def _color(group: str) -> str:
    return PALETTE.get(group, "#8e24aa")


def default_window(lanes: Sequence[Sequence[Interval]]) -> tuple[dt.date, dt.date]:
    """From a year before the first change within ten years of the last one, to a year after it or today."""
    changes = sorted({d for lane in lanes for iv in lane for d in (iv.from_, iv.to) if d is not None})
    if not changes:
        today = dt.date.today()
        return dt.date(today.year - 5, 1, 1), dt.date(today.year + 1, 1, 1)
    last = changes[-1]
    recent = [d for d in changes if d >= last.replace(year=last.year - 10)]
    end = max(dt.date(last.year + 2, 1, 1), dt.date(dt.date.today().year + 1, 1, 1))
    return dt.date(recent[0].year - 1, 1, 1), end


def _category_bands(lane: Sequence[Interval], categories: set[str]) -> list[Interval]:
    return [iv for iv in lane if iv.group in categories]


def _label(lane: Sequence[Interval]) -> str:
    iv = lane[0]
    return f"{iv.exporter} law -> {iv.country}"


def _clip(iv: Interval, lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date] | None:
    start, end = max(iv.from_ or lo, lo), min(iv.to or hi, hi)
    return (start, end) if start < end else None


def chart_format(path: Path) -> str:
    """The format ``path``'s suffix asks for (.svg, .png, .html), refused otherwise: the command line
    asks this before it prints anything, so a wrong suffix is one error line, not a table then an error."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unsupported chart format {path.suffix or '(none)'!r}", list(FORMATS))
    return suffix


def write_chart(
    lanes: Sequence[Sequence[Interval]],
    categories: set[str],
    path: Path,
    window: tuple[dt.date, dt.date] | None = None,
    events: Sequence[Event] = (),
) -> Path:
    """Write the chart to ``path``; the suffix (.svg, .png, .html) picks the format."""
    suffix = chart_format(path)
    lanes = [_category_bands(lane, categories) for lane in lanes if lane]
    lanes = [lane for lane in lanes if lane]
    if not lanes:
        raise InputError("nothing to chart: no group history for that country")
    lo, hi = window or default_window(lanes)
    path.parent.mkdir(parents=True, exist_ok=True)
    events = sorted((e for e in events if lo <= e.day <= hi), key=lambda e: (e.day, e.lane))
    if suffix == ".html":
        _write_html(lanes, path, lo, hi, events)
    else:
        _write_static(lanes, path, lo, hi, events)
    return path


def _private_matplotlib_dirs() -> None:
    """Point matplotlib's config and cache at a temporary folder of this process, unless the user
    chose one (``MPLCONFIGDIR``); it is removed when the process ends.

    Why: otherwise matplotlib writes its font cache and config folder into ``$HOME/.cache`` and
    ``$HOME/.config`` on first import, and drawing a chart is not a reason for exportctl to leave
    files in the user's home (nor to fail on a read-only one). The price is the font list built
    again on each run that draws an SVG or PNG. Only effective before matplotlib is imported.
    """
    if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
        return
    folder = tempfile.mkdtemp(prefix="exportctl-matplotlib-")
    os.environ["MPLCONFIGDIR"] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


def _write_static(
    lanes: Sequence[Sequence[Interval]], path: Path, lo: dt.date, hi: dt.date, events: Sequence[Event] = ()
) -> None:
    _private_matplotlib_dirs()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(13, 1.6 + 1.5 * len(lanes) + 0.22 * len(events)))
    labels = []
    for row, lane in enumerate(reversed(lanes)):
        labels.append(_label(lane))
        for iv in lane:
            span = _clip(iv, lo, hi)
            if span is None:
                continue
            start, end = span
            width = (end - start).days
            ax.barh(
                row,
                width,
                left=mdates.date2num(start),
                height=0.55,
                color=_color(iv.group),
                edgecolor="white",
                hatch="//" if iv.by_default else None,
            )
            if width > 120:
                ax.text(
                    mdates.date2num(start) + width / 2,
                    row,
                    iv.group,
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=9,
                    fontweight="bold",
                )
            if iv.from_ is not None and lo < iv.from_ < hi and iv.measure:
                ax.axvline(mdates.date2num(iv.from_), color="#424242", lw=0.6, ls=":")
                ax.annotate(
                    f"{iv.from_}\n{iv.measure}",
                    (mdates.date2num(iv.from_), row + 0.32),
                    fontsize=7,
                    rotation=0,
                    ha="left",
                    va="bottom",
                    color="#212121",
                )
    rows = {label: row for row, label in enumerate(labels)}
    for n, e in enumerate(events, start=1):
        lane_row = rows.get(e.lane)
        if lane_row is None:
            continue
        x = mdates.date2num(e.day)
        ax.plot([x], [lane_row - 0.36], marker="^", color="#212121", markersize=7)
        ax.annotate(str(n), (x, lane_row - 0.36), xytext=(0, -11), textcoords="offset points", ha="center", fontsize=7)
    if events:
        key = "\n".join(f"{n}. {e.day}  {e.lane}: {e.title} [{e.measure}]" for n, e in enumerate(events, start=1))
        fig.text(0.01, 0.01, key, fontsize=7.5, va="bottom", ha="left", family="monospace")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-0.6, len(labels) - 0.2)
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title("Destination status over time (bands = country groups; labels = measure that made the change)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout(rect=(0, min(0.45, 0.035 * len(events) + (0.02 if events else 0)), 1, 1))
    fmt = path.suffix.lower().lstrip(".")
    # No timestamps in the file: the same data must give the same chart, byte for byte.
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    if fmt == "svg":
        plt.rcParams["svg.hashsalt"] = "exportctl"
    fig.savefig(path, format=fmt, dpi=120, metadata=metadata)
    plt.close(fig)


def _write_html(
    lanes: Sequence[Sequence[Interval]], path: Path, lo: dt.date, hi: dt.date, events: Sequence[Event] = ()
) -> None:
    path.write_text(html_figure(lanes, lo, hi, full_html=True, events=events), encoding="utf-8")


def html_figure(
    lanes: Sequence[Sequence[Interval]], lo: dt.date, hi: dt.date, full_html: bool = False, events: Sequence[Event] = ()
) -> str:
    """The Plotly chart as HTML (a full page, or a div for embedding) with hover per band."""
    import plotly.graph_objects as go

    fig = go.Figure()
    shown: set[str] = set()
    for lane in lanes:
        for iv in lane:
            span = _clip(iv, lo, hi)
            if span is None:
                continue
            start, end = span
            hover = (
                f"<b>{iv.group}</b> ({_label(lane)})<br>{iv.from_ or 'before records'} to "
                f"{iv.to or 'open'}<br>measure: {iv.measure or '-'}<br>{iv.measure_title or ''}"
            )
            fig.add_trace(
                go.Bar(
                    y=[_label(lane)],
                    x=[(end - start).days * 86_400_000],
                    base=[start.isoformat()],
                    orientation="h",
                    marker_color=_color(iv.group),
                    name=iv.group,
                    legendgroup=iv.group,
                    showlegend=iv.group not in shown,
                    hovertext=[hover],
                    hoverinfo="text",
                    text=[iv.group],
                    textposition="inside",
                )
            )
            shown.add(iv.group)
    if events:
        fig.add_trace(
            go.Scatter(
                x=[e.day.isoformat() for e in events],
                y=[e.lane for e in events],
                mode="markers",
                marker={"symbol": "triangle-up", "size": 11, "color": "#212121"},
                name="licensing and dispute measures",
                hovertext=[f"{e.day}: {e.title}<br>{e.measure}" for e in events],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        barmode="overlay",
        xaxis={"type": "date", "range": [lo.isoformat(), hi.isoformat()]},
        yaxis={"autorange": "reversed"},
        height=160 + 90 * len(lanes),
        title="Destination status over time",
        margin={"l": 140, "r": 20, "t": 50, "b": 40},
    )
    return str(fig.to_html(full_html=full_html, include_plotlyjs=full_html, div_id="timeline-chart"))
