"""Bandwidth: a site's requests, bytes and visits over a ``duration`` window, with a graph.

The date-range bandwidth reports (``/v1/account/bandwidth`` and
``/v1/sites/{id}/reporting/bandwidth``) live with usage and visitors in ``usage.py``.
"""

from ..responses import envelope
from ..router import route
from .reporting import site_traffic


@route("GET", "/v1/sites/{id}/reporting/bandwidth/usage")
def bandwidth_usage(ctx, id):
    traffic = site_traffic(ctx, id)

    def graph(values):
        return [{"count": value, "ts": bucket.ts} for bucket, value in zip(traffic.buckets, values)]

    return envelope({
        "totals": {
            "requests": {"count": traffic.requests},
            "usage": {"count": traffic.bytes},
            "visits": {"count": traffic.visits},
        },
        "graph": {
            "requests": graph(bucket.requests for bucket in traffic.buckets),
            "usage": graph(bucket.bytes for bucket in traffic.buckets),
            "visits": graph(bucket.visits for bucket in traffic.buckets),
        },
    })
