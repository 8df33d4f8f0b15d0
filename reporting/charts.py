"""Draw a report Table as a PNG with matplotlib's Agg backend.

The browser page, the email (inline image) and the PDF all embed the bytes returned here, so a
chart looks the same everywhere.

NOTE: the charts carry no translated text (titles and column names stay in the HTML, text and
PDF around them), because matplotlib's bundled DejaVu font has no Chinese glyphs.
"""

import datetime as dt
import io
import threading

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from reporting.tables import BAR, LINE, Table  # noqa: E402

WIDTH_INCHES = 8
HEIGHT_INCHES = 3
DPI = 100
DEFAULT_ACCENT = "#0d6efd"

# matplotlib's font cache and text layout are not thread-safe; gunicorn threads and Celery
# threads may draw at the same time.
_lock = threading.Lock()


def render_png(table: Table, *, accent: str = DEFAULT_ACCENT) -> bytes | None:
    """Return the chart of `table` as PNG bytes, or None when the table has no chart or no rows."""
    if table.chart.kind not in (LINE, BAR) or table.is_empty:
        return None

    with _lock:
        figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
        axes = figure.add_subplot()
        unit = next((column.unit for column in table.columns if column.key == table.chart.y), "")
        value_formatter = FuncFormatter(_bytes_tick if unit == "bytes" else _count_tick)
        if table.chart.kind == LINE:
            _draw_lines(axes, table, accent)
            axes.yaxis.set_major_formatter(value_formatter)
            axes.grid(axis="y", alpha=0.3)
        else:
            _draw_bars(axes, table, accent)
            axes.xaxis.set_major_formatter(value_formatter)
            axes.grid(axis="x", alpha=0.3)

        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()

        buffer = io.BytesIO()
        # Empty metadata keeps the bytes free of a software version, so equal tables give equal images.
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _draw_lines(axes, table, accent):
    spec = table.chart
    series = {}
    for row in table.rows:
        name = row.get(spec.series, "") if spec.series else ""
        series.setdefault(name, []).append((_parse_time(row.get(spec.x)), row.get(spec.y) or 0))

    for index, (name, points) in enumerate(sorted(series.items())):
        points = sorted(point for point in points if point[0] is not None)
        if not points:
            continue
        colour = accent if len(series) == 1 else None
        axes.plot([p[0] for p in points], [p[1] for p in points], label=name or None, color=colour, linewidth=1.8)

    if spec.series:
        axes.legend(loc="upper left", fontsize=8, frameon=False)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
    axes.set_ylim(bottom=0)


def _draw_bars(axes, table, accent):
    spec = table.chart
    rows = sorted(table.rows, key=lambda row: row.get(spec.y) or 0, reverse=True)[: spec.limit]
    rows.reverse()  # the largest bar on top
    labels = [str(row.get(spec.x, ""))[:40] for row in rows]
    axes.barh(range(len(rows)), [row.get(spec.y) or 0 for row in rows], color=accent)
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
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:g}{suffix}"
    return f"{value:g}"


def _bytes_tick(value, _position):
    for limit, suffix in ((1024**4, "TB"), (1024**3, "GB"), (1024**2, "MB"), (1024, "KB")):
        if abs(value) >= limit:
            return f"{value / limit:.3g} {suffix}"
    return f"{value:g} B"
