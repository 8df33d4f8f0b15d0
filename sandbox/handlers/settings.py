"""Site settings (PHP version, auto-updates, SSH access) and their schema."""

from ..responses import bad_request, envelope
from ..router import route

PHP_VERSIONS = ("5.6", "7.0", "7.2", "7.3", "7.4", "8.0", "8.1", "8.2", "8.3", "8.4")

SCHEMA = {
    "current_php_version": {
        "description": "PHP version the site runs on",
        "options": [{"value": version, "label": f"PHP {version}"} for version in PHP_VERSIONS],
    },
    "wp_activity_log": {
        "description": "Record WordPress activity events",
        "options": [{"value": 0, "label": "Disabled"}, {"value": 1, "label": "Enabled"}],
    },
    "wp_core_auto_updates": {
        "description": "Automatic WordPress core updates",
        "options": [{"value": 0, "label": "Disabled"}, {"value": 1, "label": "Minor versions only"},
                    {"value": 2, "label": "Minor and major versions"}],
    },
    "wp_plugin_auto_updates": {
        "description": "Automatic plugin updates",
        "options": [{"value": 0, "label": "Disabled"}, {"value": 1, "label": "Enabled"}],
    },
    "wp_theme_auto_updates": {
        "description": "Automatic theme updates",
        "options": [{"value": 0, "label": "Disabled"}, {"value": 1, "label": "Enabled"}],
    },
    "ssh_access": {
        "description": "SSH access for the site's SFTP user",
        "options": [{"value": 0, "label": "Disabled"}, {"value": 1, "label": "Enabled"}],
    },
}

INTEGER_SETTINGS = {
    "wp_core_auto_updates": (0, 1, 2),
    "wp_plugin_auto_updates": (0, 1),
    "wp_theme_auto_updates": (0, 1),
    "ssh_access": (0, 1),
}
UPDATABLE = ("new_php_version", "wp_admin_sso_default_user_id", *INTEGER_SETTINGS)


def site_settings(state, site):
    """Return the site's settings, seeding plausible values on first use."""
    if "settings" not in site.extras:
        rng = state.rng("settings", site.id)
        site.extras["settings"] = {
            "current_php_version": rng.choice(("8.1", "8.2", "8.2", "8.3")),
            "wp_activity_log": 1,
            "wp_admin_sso_default_user_id": 1,
            "wp_core_auto_updates": rng.choice((1, 2)),
            "wp_theme_auto_updates": rng.choice((0, 1)),
            "wp_plugin_auto_updates": rng.choice((0, 1)),
            "ssh_access": rng.choice((0, 1)),
        }
    return site.extras["settings"]


@route("GET", "/v1/sites/{id}/settings")
def get_settings(ctx, id):
    site = ctx.site(id)
    return envelope(dict(site_settings(ctx.state, site)))


@route("PATCH", "/v1/sites/{id}/settings")
def update_settings(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    unknown = sorted(set(body) - set(UPDATABLE))
    if unknown:
        raise bad_request(f"unknown setting(s): {', '.join(unknown)}; allowed: {', '.join(UPDATABLE)}")

    changes = {}
    if "new_php_version" in body:
        version = body["new_php_version"]
        if version not in PHP_VERSIONS:
            raise bad_request(f"new_php_version must be one of {', '.join(PHP_VERSIONS)}, got {version!r}")
        changes["current_php_version"] = version

    for name, allowed in INTEGER_SETTINGS.items():
        if name in body:
            value = body[name]
            if isinstance(value, bool) or value not in allowed:
                raise bad_request(f"{name} must be one of {', '.join(map(str, allowed))}, got {value!r}")
            changes[name] = value

    if "wp_admin_sso_default_user_id" in body:
        user_id = body["wp_admin_sso_default_user_id"]
        if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id < 1:
            raise bad_request(f"wp_admin_sso_default_user_id must be a WordPress user id >= 1, got {user_id!r}")
        changes["wp_admin_sso_default_user_id"] = user_id

    settings = site_settings(ctx.state, site)
    settings.update(changes)
    return envelope(dict(settings))


@route("GET", "/v1/sites/{id}/settings/schema")
def settings_schema(ctx, id):
    ctx.site(id)
    return envelope(SCHEMA)
