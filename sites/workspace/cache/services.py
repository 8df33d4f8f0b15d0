"""CDN cache writes for one site, and the host names its purge URLs may use."""

from accounts.services import client_for
from rocketnet.services import cdn_cache, domains


def site_hostnames(connection, site):
    """Return the lower-case host names of the site: main domain, CDN URL and every alias."""
    names = {value.lower() for value in (site.domain, site.display_domain, site.rocket_url) if value}
    with client_for(connection) as client:
        for alias in domains.list_domain_aliases(client, site.id):
            if alias.get("domain"):
                names.add(str(alias["domain"]).lower())
    return sorted(names)


def purge_urls(connection, site_id, urls):
    with client_for(connection) as client:
        return cdn_cache.purge_cache(client, site_id, files=urls)


def purge_everything(connection, site_id, *, include_aliases=False):
    with client_for(connection) as client:
        return cdn_cache.purge_everything(client, site_id, include_additional_domains=include_aliases or None)
