"""Draw a report Table as a PNG with matplotlib's Agg backend.

The browser page, the email (inline image) and the PDF all embed the bytes returned here, so a
chart looks the same everywhere.

Titles and column names stay in the HTML, text and PDF around a chart. The chart itself carries
only tick labels: date labels follow the active language, drawn in Noto Sans CJK for Chinese.
"""

import datetime as dt
import io
import threading

import matplotlib

matplotlib.use("Agg")

from django.utils import formats, translation  # noqa: E402
from matplotlib import dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from reporting.fonts import CJK_LANGUAGES, cjk_font_path  # noqa: E402
from reporting.formatting import grouped  # noqa: E402
from reporting.tables import BAR, LINE, Table  # noqa: E402

WIDTH_INCHES = 8
HEIGHT_INCHES = 3
DPI = 100
DEFAULT_ACCENT = "#0d6efd"
# Round tick steps (times a power of ten), so an axis reads 0, 5, 10, 15 GB rather than 4.66, 9.31 GB.
NICE_STEPS = [1, 2, 2.5, 5, 10]
# Binary units, as Django's filesizeformat uses them in the tables next to the charts.
BYTE_UNITS = ((1024**4, "TB"), (1024**3, "GB"), (1024**2, "MB"), (1024, "KB"), (1, "B"))

# matplotlib's font cache and text layout are not thread-safe; gunicorn threads and Celery
# threads may draw at the same time.
_lock = threading.Lock()


def render_png(table: Table, *, accent: str = DEFAULT_ACCENT) -> bytes | None:
    """Return the chart of `table` as PNG bytes, or None when the table has no chart or no rows."""
    if table.chart.kind not in (LINE, BAR) or table.is_empty:
        return None

    with _lock:
        figure = draw_figure(table, accent)
        buffer = io.BytesIO()
        # Empty metadata keeps the bytes free of a software version, so equal tables give equal images.
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def draw_figure(table: Table, accent: str = DEFAULT_ACCENT) -> Figure:
    """Draw the chart of a non-empty `table` with its tick labels in the active language."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    axes = figure.add_subplot()
    unit = next((column.unit for column in table.columns if column.key == table.chart.y), "")
    values = [row.get(table.chart.y) or 0 for row in table.rows]
    scale, formatter = _value_axis(unit, max(values, default=0))

    if table.chart.kind == LINE:
        _draw_lines(axes, table, accent, scale)
        value_axis = axes.yaxis
        axes.grid(axis="y", alpha=0.3)
    else:
        _draw_bars(axes, table, accent, scale)
        value_axis = axes.xaxis
        axes.grid(axis="x", alpha=0.3)
    value_axis.set_major_locator(MaxNLocator(nbins=5, steps=NICE_STEPS, integer=unit != "bytes"))
    value_axis.set_major_formatter(formatter)

    font = _label_font()
    if font is not None:
        for label in axes.get_xticklabels() + axes.get_yticklabels():
            label.set_fontproperties(font)

    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def _value_axis(unit, largest):
    """Return (divisor, tick formatter) for the value axis: bytes in the largest unit that fits, counts grouped."""
    if unit == "bytes":
        divisor, suffix = next(((size, name) for size, name in BYTE_UNITS if largest >= size), (1, "B"))
        return divisor, FuncFormatter(lambda value, _position: f"{value:g} {suffix}")
    return 1, FuncFormatter(_count_tick)


def _label_font():
    """Return the CJK font for tick labels when the active language needs it, else None (matplotlib's default)."""
    if translation.get_language() not in CJK_LANGUAGES:
        return None
    return FontProperties(fname=str(cjk_font_path()))


def _draw_lines(axes, table, accent, scale):
    spec = table.chart
    series = {}
    for row in table.rows:
        name = row.get(spec.series, "") if spec.series else ""
        series.setdefault(name, []).append((_parse_time(row.get(spec.x)), (row.get(spec.y) or 0) / scale))

    times = []
    for name, points in sorted(series.items()):
        points = sorted(point for point in points if point[0] is not None)
        if not points:
            continue
        times.extend(point[0] for point in points)
        colour = accent if len(series) == 1 else None
        axes.plot([p[0] for p in points], [p[1] for p in points], label=name or None, color=colour, linewidth=1.8)

    if spec.series:
        # Below the plot, so the legend never covers a line.
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=min(len(series), 5), fontsize=8,
                    frameon=False)
    # Six labels at most, because a localised day label such as "November 29" is wide.
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    axes.xaxis.set_major_formatter(FuncFormatter(_time_tick(times)))
    axes.set_ylim(bottom=0)


def _time_tick(times):
    """Return a tick formatter for the time axis: day labels ("Dec 5", "12月5日") or, within one day, hours."""
    span = (max(times) - min(times)) if times else dt.timedelta(0)
    month_day = formats.get_format("MONTH_DAY_FORMAT")

    def tick(value, _position):
        moment = mdates.num2date(value)
        if span <= dt.timedelta(days=1):
            return formats.date_format(moment, "H:i")
        if span <= dt.timedelta(days=3):
            return f"{formats.date_format(moment, month_day)} {formats.date_format(moment, 'H:i')}"
        return formats.date_format(moment, month_day)

    return tick


def _draw_bars(axes, table, accent, scale):
    spec = table.chart
    rows = sorted(table.rows, key=lambda row: row.get(spec.y) or 0, reverse=True)[: spec.limit]
    rows.reverse()  # the largest bar on top
    labels = [str(row.get(spec.x, ""))[:40] for row in rows]
    axes.barh(range(len(rows)), [(row.get(spec.y) or 0) / scale for row in rows], color=accent)
    axes.set_yticks(range(len(rows)), labels, fontsize=8)


def _parse_time(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            return dt.datetime.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _count_tick(value, _position):
    if abs(value) >= 1e6:
        for limit, suffix in ((1e9, "G"), (1e6, "M")):
            if abs(value) >= limit:
                return f"{value / limit:g}{suffix}"
    return grouped(int(value)) if float(value).is_integer() else f"{value:g}"
