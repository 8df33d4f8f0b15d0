"""The Domains tab against the sandbox over real HTTP."""

import json
import re

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
CDN_SITE_ID = 1004  # a staging copy that is still served on its CDN URL only
CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBsandboxcertificate\n-----END CERTIFICATE-----"
PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEsandboxprivatekeyvalue\n-----END PRIVATE KEY-----"


def url(name, connection, site_id=SITE_ID, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": site_id, **extra})


def site(sandbox, site_id=SITE_ID):
    return sandbox.state.sites[site_id]


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def section(html, element_id):
    """Return the HTML from the element with `element_id` on, so a check applies next to that form."""
    return html[html.index(f'id="{element_id}"'):]


def add_alias(browser, connection, domain):
    return browser.post(url("ws_domains_alias_add", connection), {"alias-domain": domain})


def upload(browser, connection, domains=("brightbakery.com",), certificate=CERTIFICATE, key=PRIVATE_KEY):
    data = {"cert-domains": list(domains), "cert-certificate": certificate, "cert-key": key}
    return browser.post(url("ws_domains_cert_upload", connection), data)


# -- main domain ----------------------------------------------------------------------------------


def test_tab_shows_main_domain(browser_for, connection_one):
    html = browser_for("viewer").get(url("ws_domains", connection_one)).content.decode()

    assert 'id="main-domain-name">brightbakery.com<' in html
    assert 'id="main-domain-status">active<' in html
    assert 'aria-current="page">Domains<' in html
    assert 'id="form-main-domain"' not in html


def test_replace_main_domain_shows_records(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_domains_main", connection_one), {"main-domain": "BrightBakes.com"},
                                          follow=True)

    html = response.content.decode()
    assert site(sandbox).domain == "brightbakes.com"
    assert "brightbakes.com is now the main domain." in html
    records = section(html, "main-expected-records")
    assert "<code>brightbakes.com</code>" in records
    assert f"<code>{site(sandbox).rocket_url}</code>" in records
    assert "not yet" in records
    event = AuditEvent.objects.get(action="domains.main_replaced")
    assert event.target == "brightbakes.com"
    assert event.detail == {"previous": "brightbakery.com", "from_alias": False}


def test_replace_main_domain_with_alias(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_alias(browser, connection_one, "bakery-alias.com")

    browser.post(url("ws_domains_main", connection_one), {"main-domain": "bakery-alias.com"})

    assert site(sandbox).domain == "bakery-alias.com"
    assert site(sandbox).extras["aliases"] == []
    assert AuditEvent.objects.get(action="domains.main_replaced").detail["from_alias"] is True


def test_set_main_domain_on_cdn_site(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    page = browser.get(url("ws_domains", connection_one, CDN_SITE_ID)).content.decode()

    browser.post(url("ws_domains_main", connection_one, CDN_SITE_ID), {"main-domain": "northwind-staging.com"})

    assert "Set the main domain" in page
    assert site(sandbox, CDN_SITE_ID).domain == "northwind-staging.com"
    assert AuditEvent.objects.get(action="domains.main_set").result == AuditResult.SUCCEEDED


@pytest.mark.parametrize("value", ["https://brightbakes.com", "brightbakes.com/shop", "not a domain", "localhost"])
def test_main_domain_rejects_invalid_value(browser_for, connection_one, sandbox, value):
    response = browser_for("member").post(url("ws_domains_main", connection_one), {"main-domain": value})

    html = response.content.decode()
    assert response.status_code == 400
    assert f"“{value}” is not a valid domain name." in section(html, "form-main-domain")
    assert site(sandbox).domain == "brightbakery.com"
    assert not AuditEvent.objects.exists()


def test_main_domain_api_error_next_to_form(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_domains_main", connection_one), {"main-domain": "harbordental.co"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "domain harbordental.co is already used by another site" in section(html, "form-main-domain")
    assert AuditEvent.objects.get(action="domains.main_replaced").result == AuditResult.FAILED


def test_prefix_switches_to_www(browser_for, connection_one, sandbox):
    browser_for("member").post(url("ws_domains_prefix", connection_one), {"prefix-www": "www"})

    assert site(sandbox).domain == "www.brightbakery.com"
    assert AuditEvent.objects.get(action="domains.prefix_changed").detail == {"www": True}


def test_prefix_rejects_unknown_choice(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_domains_prefix", connection_one), {"prefix-www": "ww"})

    assert response.status_code == 400
    assert "Select a valid choice. ww is not one of the available choices." in section(response.content.decode(),
                                                                                        "form-prefix")
    assert site(sandbox).domain == "brightbakery.com"


def test_validation_method_txt_shows_txt_record(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(url("ws_domains_main", connection_one), {"main-domain": "brightbakes.com"})

    response = browser.post(url("ws_domains_validation", connection_one), {"validation-validation_method": "txt"},
                            follow=True)

    html = response.content.decode()
    assert site(sandbox).maindomain()["validation_method"] == "txt"
    assert "<code>_acme-challenge.brightbakes.com</code>" in section(html, "main-validation-records")
    assert AuditEvent.objects.get(action="domains.validation_method_changed").result == AuditResult.SUCCEEDED


def test_recheck_with_force_activates(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(url("ws_domains_main", connection_one), {"main-domain": "brightbakes.com"})

    response = browser.post(url("ws_domains_recheck", connection_one), {"recheck-force": "on"}, follow=True)

    assert site(sandbox).maindomain()["hostname_status"] == "active"
    assert "Rocket.net replied: brightbakes.com validated and active" in response.content.decode()
    assert AuditEvent.objects.get(action="domains.rechecked").detail == {"force": True}


# -- aliases --------------------------------------------------------------------------------------


def test_add_and_remove_alias(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    add_alias(browser, connection_one, "bakery-alias.com")
    added = browser.get(url("ws_domains", connection_one))
    alias = site(sandbox).extras["aliases"][0]
    removed = browser.post(url("ws_domains_alias_delete", connection_one, domain_id=alias["id"]), follow=True)

    assert alias["domain"] == "bakery-alias.com"
    assert f'id="alias-{alias["id"]}"' in added.content.decode()
    assert site(sandbox).extras["aliases"] == []
    assert "Alias bakery-alias.com removed." in removed.content.decode()
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "target", "result"))
    assert actions == [("domains.alias_added", "bakery-alias.com", AuditResult.SUCCEEDED),
                       ("domains.alias_removed", "bakery-alias.com", AuditResult.SUCCEEDED)]


def test_add_alias_rejects_invalid_domain(browser_for, connection_one, sandbox):
    response = add_alias(browser_for("member"), connection_one, "http://alias.example")

    assert response.status_code == 400
    assert "“http://alias.example” is not a valid domain name." in section(response.content.decode(), "form-alias")
    assert site(sandbox).extras.get("aliases", []) == []


def test_add_alias_api_error_next_to_form(browser_for, connection_one, sandbox):
    response = add_alias(browser_for("member"), connection_one, "lumenlaw.com")

    form = section(response.content.decode(), "form-alias")
    assert response.status_code == 400
    assert "Rocket.net did not add the alias lumenlaw.com. A domain can be used by only one site" in form
    assert "Message from Rocket.net: domain lumenlaw.com is already used by a site" in form
    assert "HTTP 400" not in form
    assert AuditEvent.objects.get(action="domains.alias_added").result == AuditResult.FAILED


def test_add_alias_twice_explained(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_alias(browser, connection_one, "bakery-alias.com")

    response = add_alias(browser, connection_one, "bakery-alias.com")

    assert response.status_code == 400
    assert "bakery-alias.com is already an alias of this site." in section(response.content.decode(), "form-alias")


def test_remove_alias_error_on_its_row(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_alias(browser, connection_one, "bakery-alias.com")
    alias_id = site(sandbox).extras["aliases"][0]["id"]
    site(sandbox).lock_holders.add("fault")

    response = browser.post(url("ws_domains_alias_delete", connection_one, domain_id=alias_id))

    assert response.status_code == 400
    assert "locked" in section(response.content.decode(), f"alias-{alias_id}")
    assert len(site(sandbox).extras["aliases"]) == 1


def test_remove_unknown_alias_is_404(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_domains_alias_delete", connection_one, domain_id=999999))

    assert response.status_code == 404
    assert not AuditEvent.objects.exists()


# -- edge settings --------------------------------------------------------------------------------


def test_edge_settings_form_from_api(browser_for, connection_one, sandbox):
    html = browser_for("member").get(url("ws_domains_edge_main", connection_one)).content.decode()

    assert 'name="xmlrpc_protection__enabled"' in html
    assert 'name="user_agent__go_http_client__allow"' in html
    assert 'name="wp_login__challenge__enabled"' in html
    assert "available" not in html.split('id="form-edge"')[1].split("</form>")[0].replace("Not available", "")


def test_edge_settings_save_changes_only(browser_for, connection_one, sandbox):
    # The sandbox starts with these three options on and xmlrpc_protection on: leave the three on,
    # turn xmlrpc_protection off and the wp-login challenge on.
    data = {"ai_crawlers__allow": "on", "user_agent__empty__allow": "on", "user_agent__go_http_client__allow": "on",
            "wp_login__challenge__enabled": "on"}

    browser_for("member").post(url("ws_domains_edge_main", connection_one), data)

    settings = site(sandbox).maindomain()["_edge_settings"]
    assert settings["xmlrpc_protection"]["enabled"] is False
    assert settings["wp_login"]["challenge"]["enabled"] is True
    assert settings["ai_crawlers"]["allow"] is True
    event = AuditEvent.objects.get(action="domains.edge_settings_updated")
    assert event.detail["changed"] == ["wp_login__challenge__enabled", "xmlrpc_protection__enabled"]


def test_edge_setting_unavailable_is_disabled(browser_for, connection_one, sandbox):
    holder = site(sandbox).maindomain()
    browser_for("member").get(url("ws_domains_edge_main", connection_one))
    holder["_edge_settings"]["managed_challenge"]["available"] = False

    html = browser_for("member").get(url("ws_domains_edge_main", connection_one)).content.decode()
    browser_for("member").post(url("ws_domains_edge_main", connection_one), {"managed_challenge__enabled": "on"})

    checkbox = re.search(r'<input[^>]*name="managed_challenge__enabled"[^>]*>', html).group(0)
    assert "disabled" in checkbox
    assert "Not available on this plan." in html
    assert holder["_edge_settings"]["managed_challenge"]["enabled"] is False


def test_alias_edge_settings_saved(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_alias(browser, connection_one, "bakery-alias.com")
    alias = site(sandbox).extras["aliases"][0]

    page = browser.get(url("ws_domains_edge_alias", connection_one, domain_id=alias["id"])).content.decode()
    browser.post(url("ws_domains_edge_alias", connection_one, domain_id=alias["id"]),
                 {"ai_crawlers__allow": "on", "user_agent__empty__allow": "on", "user_agent__go_http_client__allow": "on",
                  "xmlrpc_protection__enabled": "on", "managed_challenge__enabled": "on"})

    assert "Edge settings of bakery-alias.com" in page
    assert alias["_edge_settings"]["managed_challenge"]["enabled"] is True
    assert AuditEvent.objects.get(action="domains.edge_settings_updated").target == "bakery-alias.com"


def test_edge_settings_api_error_next_to_form(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="client_error", status=400, method="PATCH", path="/v1/sites/*/maindomain/edge_settings")

    response = browser_for("member").post(url("ws_domains_edge_main", connection_one), {})

    assert response.status_code == 400
    assert "sandbox fault: request rejected with 400" in section(response.content.decode(), "form-edge")
    assert AuditEvent.objects.get(action="domains.edge_settings_updated").result == AuditResult.FAILED


# -- custom SSL -----------------------------------------------------------------------------------


def test_upload_view_delete_certificate(browser_for, connection_one, sandbox, caplog):
    browser = browser_for("member")

    upload(browser, connection_one)
    certificate_id = next(iter(site(sandbox).extras["custom_ssl"]))
    listed = browser.get(url("ws_domains", connection_one)).content.decode()
    detail = browser.get(url("ws_domains_cert_detail", connection_one, certificate_id=certificate_id)).content.decode()
    browser.post(url("ws_domains_cert_delete", connection_one, certificate_id=certificate_id))

    assert "Sandbox Uploaded CA" in listed
    assert site(sandbox).extras["custom_ssl"] == {}
    assert "Fingerprint" in detail
    assert f"Certificate {certificate_id}" in detail
    events = list(AuditEvent.objects.order_by("pk"))
    assert [event.action for event in events] == ["domains.certificate_uploaded", "domains.certificate_deleted"]
    assert events[0].detail == {"domains": ["brightbakery.com"]}
    assert "sandboxprivatekey" not in json.dumps(events[0].detail)
    assert "sandboxprivatekey" not in caplog.text


def test_certificate_error_does_not_echo_key(browser_for, connection_one, sandbox):
    response = upload(browser_for("member"), connection_one, certificate="not a certificate")

    html = response.content.decode()
    assert response.status_code == 400
    assert "This is not a PEM certificate" in section(html, "form-certificate")
    assert "sandboxprivatekey" not in html
    assert "not a certificate" in html


def test_certificate_rejects_foreign_domain(browser_for, connection_one, sandbox):
    response = upload(browser_for("member"), connection_one, domains=["harbordental.co"])

    assert response.status_code == 400
    assert "harbordental.co is not a domain of this site." in response.content.decode()
    assert site(sandbox).extras.get("custom_ssl", {}) == {}


def test_certificate_api_error_next_to_form(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="client_error", status=400, method="POST", path="/v1/sites/*/ssl/certificates")

    response = upload(browser_for("member"), connection_one)

    assert response.status_code == 400
    assert "sandbox fault: request rejected with 400" in section(response.content.decode(), "form-certificate")
    assert AuditEvent.objects.get(action="domains.certificate_uploaded").result == AuditResult.FAILED


def test_unknown_certificate_is_404(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_domains_cert_detail", connection_one,
                                             certificate_id="00000000-0000-4000-8000-000000000000"))

    assert response.status_code == 404


# -- roles ----------------------------------------------------------------------------------------


WRITES = [
    ("ws_domains_main", {}, {"main-domain": "brightbakes.com"}),
    ("ws_domains_prefix", {}, {"prefix-www": "www"}),
    ("ws_domains_validation", {}, {"validation-validation_method": "txt"}),
    ("ws_domains_recheck", {}, {"recheck-force": "on"}),
    ("ws_domains_edge_main", {}, {"wp_login__challenge__enabled": "on"}),
    ("ws_domains_alias_add", {}, {"alias-domain": "bakery-alias.com"}),
    ("ws_domains_alias_delete", {"domain_id": "ALIAS"}, {}),
    ("ws_domains_edge_alias", {"domain_id": "ALIAS"}, {"managed_challenge__enabled": "on"}),
    ("ws_domains_cert_upload", {}, {"cert-domains": ["brightbakery.com"], "cert-certificate": CERTIFICATE,
                                    "cert-key": PRIVATE_KEY}),
    ("ws_domains_cert_delete", {"certificate_id": "CERT"}, {}),
]
READS = [
    ("ws_domains", {}), ("ws_domains_edge_main", {}), ("ws_domains_edge_alias", {"domain_id": "ALIAS"}),
    ("ws_domains_cert_detail", {"certificate_id": "CERT"}),
]


@pytest.fixture
def existing(browser_for, connection_one, sandbox):
    """An alias and a certificate on the site, so that role tests act on real objects."""
    browser = browser_for("member")
    add_alias(browser, connection_one, "bakery-alias.com")
    upload(browser, connection_one)
    AuditEvent.objects.all().delete()
    return {"ALIAS": site(sandbox).extras["aliases"][0]["id"], "CERT": next(iter(site(sandbox).extras["custom_ssl"]))}


def resolve(extra, existing):
    return {name: existing[value] for name, value in extra.items()}


def snapshot(sandbox):
    state = site(sandbox)
    return json.dumps({"domain": state.domain, "main": state.maindomain(), "aliases": state.extras.get("aliases"),
                       "ssl": list(state.extras.get("custom_ssl", {}))}, sort_keys=True, default=str)


@pytest.mark.parametrize(("name", "extra", "data"), WRITES)
def test_viewer_gets_403_on_writes(browser_for, connection_one, sandbox, existing, name, extra, data):
    before = snapshot(sandbox)

    response = browser_for("viewer").post(url(name, connection_one, **resolve(extra, existing)), data)

    assert response.status_code == 403
    assert snapshot(sandbox) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "extra", "data"), WRITES)
def test_outsider_gets_404_on_writes(browser_for, connection_one, outsider_connection, sandbox, existing,
                                     name, extra, data):
    before = snapshot(sandbox)

    response = browser_for("outsider").post(url(name, connection_one, **resolve(extra, existing)), data)

    assert response.status_code == 404
    assert snapshot(sandbox) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "extra"), READS)
def test_outsider_gets_404_on_reads(browser_for, connection_one, outsider_connection, sandbox, existing, name, extra):
    response = browser_for("outsider").get(url(name, connection_one, **resolve(extra, existing)))

    assert response.status_code == 404
    assert "brightbakery.com" not in response.content.decode()
    assert "bakery-alias.com" not in response.content.decode()


@pytest.mark.parametrize(("name", "extra"), READS)
def test_viewer_can_read(browser_for, connection_one, sandbox, existing, name, extra):
    html = browser_for("viewer").get(url(name, connection_one, **resolve(extra, existing))).content.decode()

    assert "brightbakery.com" in html
    assert "Save edge settings" not in html
