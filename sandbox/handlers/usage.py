"""Usage, visitors and bandwidth over date ranges, per site and per account.

Disk and bandwidth are in kilobytes, as the spec documents for account usage.
"""

from ..metrics import daily_bandwidth_kb, daily_visitors, date_range
from ..responses import envelope
from ..router import route


def account_limits(account):
    gigabyte_kb = 1024 * 1024
    return {
        "bandwidth": account.site_limit * 50 * gigabyte_kb,
        "disk": account.site_limit * 10 * gigabyte_kb,
        "visitors": account.site_limit * 25_000,
    }


def site_totals(state, site, days):
    return {
        "visitors": sum(daily_visitors(state, site, day) for day in days),
        "disk": site.disk_usage_kb,
        "bandwidth": sum(daily_bandwidth_kb(state, site, day) for day in days),
    }


@route("GET", "/v1/sites/{id}/usage")
def site_usage(ctx, id):
    site = ctx.site(id)
    days = date_range(ctx.state, ctx.query)
    return envelope({"totals": site_totals(ctx.state, site, days)})


@route("GET", "/v1/account/usage")
def account_usage(ctx):
    days = date_range(ctx.state, ctx.query)
    usage = []
    for site in ctx.state.sites_of(ctx.account):
        usage.append({"site_id": site.id, **site_totals(ctx.state, site, days)})

    totals = {key: sum(item[key] for item in usage) for key in ("visitors", "disk", "bandwidth")}
    return envelope({"usage": usage, "totals": totals, "limits": account_limits(ctx.account)})


def _visitors_series(state, sites, days):
    series = [{"date": day.isoformat(), "visitors": sum(daily_visitors(state, site, day) for site in sites)}
              for day in days]
    return {"visitors": series, "total": sum(item["visitors"] for item in series)}


def _bandwidth_series(state, sites, days):
    series = [{"date": day.isoformat(), "bandwidth": sum(daily_bandwidth_kb(state, site, day) for site in sites)}
              for day in days]
    return {"usages": series, "total": sum(item["bandwidth"] for item in series)}


@route("GET", "/v1/sites/{id}/visitors")
def site_visitors(ctx, id):
    site = ctx.site(id)
    return envelope(_visitors_series(ctx.state, [site], date_range(ctx.state, ctx.query)))


@route("GET", "/v1/account/visitors")
def account_visitors(ctx):
    days = date_range(ctx.state, ctx.query, required=True)
    return envelope(_visitors_series(ctx.state, ctx.state.sites_of(ctx.account), days))


@route("GET", "/v1/sites/{id}/reporting/bandwidth")
def site_bandwidth(ctx, id):
    site = ctx.site(id)
    return envelope(_bandwidth_series(ctx.state, [site], date_range(ctx.state, ctx.query)))


@route("GET", "/v1/account/bandwidth")
def account_bandwidth(ctx):
    days = date_range(ctx.state, ctx.query)
    return envelope(_bandwidth_series(ctx.state, ctx.state.sites_of(ctx.account), days))
