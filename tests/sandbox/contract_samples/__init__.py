"""Sample calls for the contract test: one per implemented operation, by category.

Each module defines ``SAMPLES``, a dict from ``(method, spec path)`` to a function that
takes a logged-in ``Api`` against a freshly reset sandbox and returns the response
to validate. To cover a new category, add a module here and list it in ``MODULES``.
"""

from . import access_files, account_plan, backups, billing, cloud_backups, core, domains, packages, reporting, site_features, site_people, site_templates, site_tools

MODULES = [core, account_plan, access_files, backups, cloud_backups, domains, packages, site_tools, site_people, site_features, site_templates, billing, reporting]


def all_samples():
    samples = {}
    for module in MODULES:
        duplicated = set(samples) & set(module.SAMPLES)
        if duplicated:
            raise ValueError(f"{module.__name__} repeats samples for {sorted(duplicated)}")
        samples.update(module.SAMPLES)
    return samples
