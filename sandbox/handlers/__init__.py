"""One module per API category; importing this package registers all their routes.

To add a category, create ``sandbox/handlers/<category>.py`` with ``@route`` handlers
and add its import below.
"""

from . import (  # noqa: F401
    account,
    account_plan,
    account_users,
    activity,
    auth,
    automated_backups,
    backups,
    bandwidth,
    billing,
    cache,
    cloud_backups,
    custom_ssl,
    domains,
    files,
    ftp_accounts,
    password_protection,
    password_strength,
    plugins,
    reporting,
    settings,
    shop_shield,
    site_access,
    site_tasks,
    site_templates,
    site_transfers,
    site_users,
    sites,
    ssh_keys,
    staging,
    themes,
    usage,
    wordpress,
)
