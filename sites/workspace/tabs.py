"""The tabs of the site workspace, in display order.

A tab whose URL name does not resolve (its module is not installed yet) is left out of the bar.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (slug, title, URL name of the tab's landing page)
TABS = [
    ("overview", _("Overview"), "sites:site_detail"),
    ("domains", _("Domains"), "sites:ws_domains"),
    ("cache", _("CDN cache"), "sites:ws_cache"),
    ("plugins", _("Plugins"), "sites:ws_plugins"),
    ("themes", _("Themes"), "sites:ws_themes"),
    ("backups", _("Backups"), "sites:ws_backups"),
    ("files", _("Files"), "sites:ws_files"),
    ("ftp", _("FTP"), "sites:ws_ftp"),
    ("ssh", _("SSH keys"), "sites:ws_ssh"),
    ("wpcli", _("WP-CLI"), "sites:ws_wpcli"),
    ("staging", _("Staging"), "sites:ws_staging"),
    ("users", _("Site users"), "sites:ws_users"),
    ("protection", _("Password protection"), "sites:ws_protection"),
    ("shopshield", _("ShopShield"), "sites:ws_shopshield"),
    ("activity", _("Activity"), "sites:ws_activity"),
    ("logs", _("Access logs"), "sites:ws_logs"),
    ("reports", _("Reports"), "reporting:site_reports"),
    ("settings", _("Settings"), "sites:ws_settings"),
    ("templates", _("Templates"), "sites:ws_templates"),
    ("transfers", _("Transfers"), "sites:ws_transfers"),
]


def tab_links(connection_pk, site_id, active):
    """Return the tab bar entries (slug, title, url, is_active) for one site."""
    links = []
    for slug, title, url_name in TABS:
        try:
            url = reverse(url_name, kwargs={"connection_pk": connection_pk, "site_id": site_id})
        except NoReverseMatch:
            continue
        links.append({"slug": slug, "title": title, "url": url, "active": slug == active})
    return links
