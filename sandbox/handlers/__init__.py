"""One module per API category; importing this package registers all their routes.

To add a category, create ``sandbox/handlers/<category>.py`` with ``@route`` handlers
and add its import below.
"""

from . import account, auth, backups, cache, domains, plugins, site_tasks, sites, themes  # noqa: F401
