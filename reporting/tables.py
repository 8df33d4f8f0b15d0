"""Report tables: the rows behind every chart, flattened from the API's report bodies.

A `Table` is what the page shows under a chart, what the CSV export writes and what the chart
is drawn from, so the three never disagree.
"""

from dataclasses import dataclass, field

# Chart kinds understood by reporting.charts.
LINE = "line"
BAR = "bar"
NO_CHART = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "bytes" columns are formatted as file sizes on the page, and kept as plain integers in the CSV.
    # "id" columns (site IDs, ASNs) are shown as they are; other numbers get thousands separators on the page.
    unit: str = ""


@dataclass(frozen=True)
class Total:
    label: str
    value: int | float
    unit: str = ""


@dataclass(frozen=True)
class ChartSpec:
    """How to draw a table: `x` names the column on the x axis (time or category label), `y` the value.

    `series` optionally names a column whose values split the rows into one line each.
    `limit` keeps the bar chart to the largest rows, because a bar per ASN would be unreadable.
    """

    kind: str
    x: str = ""
    y: str = ""
    series: str = ""
    limit: int = 15


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: ChartSpec = field(default_factory=lambda: ChartSpec(NO_CHART))
    totals: list[Total] = field(default_factory=list)

    def values(self):
        """Return the rows as lists in column order, for the page and the CSV."""
        return [[row.get(column.key, "") for column in self.columns] for row in self.rows]

    def cells(self):
        """Return the rows as lists of (value, unit) pairs, so the page can format byte columns."""
        return [[(row.get(column.key, ""), column.unit) for column in self.columns] for row in self.rows]

    @property
    def is_empty(self):
        return not self.rows


def zone_groups(zones, key):
    """Return the groups named `key` from every zone of a GraphQL-like report, in order."""
    groups = []
    for zone in zones or []:
        if isinstance(zone, dict) and isinstance(zone.get(key), list):
            groups.extend(item for item in zone[key] if isinstance(item, dict))
    return groups


def group_keys(zones):
    """Return the names of the group lists in the zones (topASNs, countries, ...), in first-seen order."""
    keys = []
    for zone in zones or []:
        if not isinstance(zone, dict):
            continue
        for key, value in zone.items():
            if isinstance(value, list) and key not in keys:
                keys.append(key)
    return keys


def dimension(group, name):
    dimensions = group.get("dimensions") or group.get("d") or {}
    return dimensions.get(name, "") if isinstance(dimensions, dict) else ""


def number(value):
    """Return `value` as an int or float; anything else (missing, text) counts as 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, (int, float)):
        return value
    return 0


def nested(group, outer, inner):
    container = group.get(outer)
    return number(container.get(inner)) if isinstance(container, dict) else 0
