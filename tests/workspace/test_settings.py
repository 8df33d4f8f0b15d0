"""The Settings tab against the sandbox over real HTTP."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import Fault
from sandbox.handlers import settings as sandbox_settings

SITE_ID = 1001  # Bright Bakery, on agency-one's account


def url(name, connection):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})


def current(sandbox):
    return sandbox_settings.site_settings(sandbox.state, sandbox.state.sites[SITE_ID])


def form_data(sandbox, **changes):
    """Return the form as the page would post it: every current value, then `changes`."""
    values = current(sandbox)
    data = {
        "new_php_version": values["current_php_version"],
        "wp_core_auto_updates": str(values["wp_core_auto_updates"]),
        "wp_plugin_auto_updates": str(values["wp_plugin_auto_updates"]),
        "wp_theme_auto_updates": str(values["wp_theme_auto_updates"]),
        "ssh_access": str(values["ssh_access"]),
        "wp_admin_sso_default_user_id": str(values["wp_admin_sso_default_user_id"]),
    }
    data.update(changes)
    return data


def guard_patch(sandbox):
    fault = Fault(kind="client_error", path="/v1/sites/*/settings", method="PATCH", count=1, status=400)
    sandbox.state.faults.add(fault)
    return fault


def other_php(sandbox):
    return "8.4" if current(sandbox)["current_php_version"] != "8.4" else "8.3"


def test_form_built_from_schema(browser_for, connection_one, sandbox):
    values = current(sandbox)

    html = browser_for("member").get(url("ws_settings", connection_one)).content.decode()

    assert 'name="new_php_version"' in html
    assert f'<option value="{values["current_php_version"]}" selected>PHP {values["current_php_version"]}</option>' in html
    assert '<option value="2"' in html
    assert "Minor and major versions" in html
    assert 'name="wp_activity_log"' in html
    assert '<select name="wp_activity_log" class="form-select form-select-sm" disabled' in html
    assert '<select name="new_php_version" class="form-select form-select-sm" aria-describedby' in html
    assert 'type="number" name="wp_admin_sso_default_user_id"' in html
    assert 'min="1"' in html
    assert "Save settings" in html


def test_sso_user_help_text_translated(browser_for, connection_one, sandbox):
    from django.utils.functional import Promise

    from sites.workspace.settings.forms import SUPPLEMENT

    html = browser_for("member").get(url("ws_settings", connection_one)).content.decode()

    assert isinstance(SUPPLEMENT["wp_admin_sso_default_user_id"]["description"], Promise)
    assert "ID of the WordPress user that wp-admin single sign-on logs in as." in html


def test_viewer_sees_disabled_form(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_settings", connection_one)).content.decode()

    assert '<select name="new_php_version" class="form-select form-select-sm" disabled' in html
    assert 'name="wp_admin_sso_default_user_id" value="1" min="1" class="form-control form-control-sm" required disabled' in html
    assert "Save settings" not in html


def test_save_sends_only_changed_fields(browser_for, connection_one, sandbox):
    before = dict(current(sandbox))
    target = other_php(sandbox)
    flipped = 1 - before["ssh_access"]

    response = browser_for("member").post(url("ws_settings_save", connection_one),
                                          form_data(sandbox, new_php_version=target, ssh_access=str(flipped)),
                                          follow=True)

    after = current(sandbox)
    assert after["current_php_version"] == target
    assert after["ssh_access"] == flipped
    assert after["wp_core_auto_updates"] == before["wp_core_auto_updates"]
    event = AuditEvent.objects.get(action="settings.update")
    assert event.result == AuditResult.SUCCEEDED
    assert event.detail == {"new_php_version": target, "ssh_access": flipped}
    assert "Saved 2 setting(s): PHP version, SSH access." in response.content.decode()


def test_save_nothing_changed_named(browser_for, connection_one, sandbox):
    fault = guard_patch(sandbox)

    response = browser_for("member").post(url("ws_settings_save", connection_one), form_data(sandbox))

    assert response.status_code == 400
    assert "Nothing changed" in response.content.decode()
    assert fault in sandbox.state.faults.faults
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("wp_core_auto_updates", "7", "7 is not one of the offered values."),
    ("new_php_version", "4.0", "4.0 is not one of the offered values."),
    ("wp_admin_sso_default_user_id", "0", "Ensure this value is greater than or equal to 1."),
])
def test_bad_value_named_by_field(browser_for, connection_one, sandbox, field, value, message):
    fault = guard_patch(sandbox)

    response = browser_for("member").post(url("ws_settings_save", connection_one), form_data(sandbox, **{field: value}))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'<div class="invalid-feedback d-block" id="settings_{field}_error">{message}' in html
    assert fault in sandbox.state.faults.faults


def test_activity_log_setting_not_sent(browser_for, connection_one, sandbox):
    fault = guard_patch(sandbox)

    response = browser_for("member").post(url("ws_settings_save", connection_one),
                                          form_data(sandbox, wp_activity_log="0"))

    assert response.status_code == 400
    assert "Nothing changed" in response.content.decode()
    assert current(sandbox)["wp_activity_log"] == 1
    assert fault in sandbox.state.faults.faults


def test_api_error_shown_next_to_field(browser_for, connection_one, sandbox, monkeypatch):
    # The schema still offers every version, but the update now accepts fewer: the API rejects the value.
    before = current(sandbox)["current_php_version"]
    target = other_php(sandbox)
    monkeypatch.setattr(sandbox_settings, "PHP_VERSIONS", tuple(v for v in sandbox_settings.PHP_VERSIONS if v != target))

    response = browser_for("member").post(url("ws_settings_save", connection_one), form_data(sandbox, new_php_version=target))

    html = response.content.decode()
    assert response.status_code == 400
    field_error = html[html.index('id="settings_new_php_version_error"'):]
    assert field_error.split("</div>")[0].endswith(f"got &#x27;{target}&#x27;")
    assert current(sandbox)["current_php_version"] == before
    event = AuditEvent.objects.get(action="settings.update")
    assert event.result == AuditResult.FAILED
    assert target in event.detail["error"]


def test_locked_site_error_above_form(browser_for, connection_one, sandbox):
    current(sandbox)
    sandbox.state.sites[SITE_ID].lock_holders.add("fault")

    response = browser_for("member").post(url("ws_settings_save", connection_one),
                                          form_data(sandbox, new_php_version=other_php(sandbox)))

    html = response.content.decode()
    assert response.status_code == 400
    assert html.index("locked") < html.index('name="new_php_version"')
    assert html.index("locked") > html.index("<form")


def test_viewer_cannot_save(browser_for, connection_one, sandbox):
    before = dict(current(sandbox))
    fault = guard_patch(sandbox)

    response = browser_for("viewer").post(url("ws_settings_save", connection_one),
                                          form_data(sandbox, new_php_version=other_php(sandbox)))

    assert response.status_code == 403
    assert current(sandbox) == before
    assert fault in sandbox.state.faults.faults
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("method", "name"), [("get", "ws_settings"), ("post", "ws_settings_save")])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, method, name):
    before = dict(current(sandbox))
    fault = Fault(kind="client_error", path="/v1/sites/*/settings*", count=1, status=400)
    sandbox.state.faults.add(fault)

    response = getattr(browser_for("outsider"), method)(url(name, connection_one), form_data(sandbox, ssh_access="1"))

    assert response.status_code == 404
    assert "PHP version" not in response.content.decode()
    assert fault in sandbox.state.faults.faults
    assert current(sandbox) == before


def test_current_value_missing_from_schema_kept(browser_for, connection_one, sandbox):
    current(sandbox)["current_php_version"] = "7.1"
    flipped = 1 - current(sandbox)["ssh_access"]

    page = browser_for("member").get(url("ws_settings", connection_one)).content.decode()
    browser_for("member").post(url("ws_settings_save", connection_one), form_data(sandbox, ssh_access=str(flipped)))

    assert '<option value="7.1" selected>7.1</option>' in page
    assert current(sandbox)["ssh_access"] == flipped
    assert AuditEvent.objects.get(action="settings.update").detail == {"ssh_access": flipped}
