"""Requests and responses where the live API differs from its schema."""

from __future__ import annotations

import pytest
from apimock import BASE_URL, envelope, request_json

from rocketnet import errors
from rocketnet.services import (
    backups,
    billing,
    cdn_cache,
    cloud_backups,
    custom_ssl,
    domains,
    files,
    ftp_accounts,
    plugins,
    reporting,
    sites,
    themes,
    wordpress,
)

SITE = f"{BASE_URL}/v1/sites/123"


def api_calls(mock):
    return [call for call in mock.calls if not call.request.url.endswith("/v1/login")]


def test_plugin_install_joins_slugs(mock_api, login, client):
    mock_api.post(f"{SITE}/plugins", json=envelope([{"name": "akismet", "activated": True}]))

    result = plugins.install_plugins(client, 123, plugins=["akismet", "hello-dolly"], activate=True)

    assert result == [{"name": "akismet", "activated": True}]
    assert request_json(api_calls(mock_api)[0]) == {"plugins": "akismet,hello-dolly", "activate": True}


def test_plugin_delete_accepts_string(mock_api, login, client):
    mock_api.delete(f"{SITE}/plugins", json=envelope({}))

    plugins.delete_plugins(client, 123, plugins=" akismet , hello-dolly ")

    assert request_json(api_calls(mock_api)[0]) == {"plugins": "akismet,hello-dolly"}


def test_theme_install_and_delete_join_slugs(mock_api, login, client):
    mock_api.post(f"{SITE}/themes", json=envelope([]))
    mock_api.delete(f"{SITE}/themes", json=envelope({}))

    themes.install_themes(client, 123, themes=("astra", "neve"))
    themes.delete_themes(client, 123, themes=["twentytwenty"])

    bodies = [request_json(call) for call in api_calls(mock_api)]
    assert bodies == [{"themes": "astra,neve"}, {"themes": "twentytwenty"}]


@pytest.mark.parametrize("slugs", [[], "", [" "], ["two words"]])
def test_bad_slugs_rejected(mock_api, client, slugs):
    with pytest.raises(ValueError, match="plugins"):
        plugins.delete_plugins(client, 123, plugins=slugs)

    assert len(mock_api.calls) == 0


def test_installed_plugins_parsed(mock_api, login, client):
    items = [{"name": "akismet", "title": "Akismet", "status": "active", "version": "5.0",
              "update": "available", "update_version": "5.1"}]
    mock_api.get(f"{SITE}/plugins", json=envelope(items, metadata={"page": 1, "page_size": 100, "total": 1}))

    (plugin,) = plugins.list_plugins(client, 123)

    assert plugin.name == "akismet"
    assert plugin.update_available is True
    assert plugin.update_version == "5.1"
    assert plugin.is_active is True


def test_file_list_always_sends_paging(mock_api, login, client):
    mock_api.get(f"{SITE}/file_manager/files", json=envelope([{"name": "wp-config.php", "type": "file"}]))

    entries = files.list_files(client, 123, path="wp-content")

    assert entries == [{"name": "wp-config.php", "type": "file"}]
    params = api_calls(mock_api)[0].request.params
    assert params["page"] == "1"
    assert params["per_page"] == "100"
    assert params["path"] == "wp-content"


def test_file_create_uses_filename_key(mock_api, login, client):
    mock_api.post(f"{SITE}/files", json=envelope({"success": True, "path": "wp-content/hello.php"}))

    files.upload_file(client, 123, path="wp-content", filename="hello.php", content="<?php echo 1;")

    assert request_json(api_calls(mock_api)[0]) == {
        "path": "wp-content", "filename": "hello.php", "content": "<?php echo 1;",
    }


def test_file_save_uses_file_key(mock_api, login, client):
    mock_api.put(f"{SITE}/files", json=envelope({"success": True, "path": "wp-content/hello.php"}))

    files.save_file(client, 123, path="wp-content", file="hello.php", content="<?php echo 2;")

    assert request_json(api_calls(mock_api)[0]) == {
        "path": "wp-content", "file": "hello.php", "content": "<?php echo 2;",
    }


def test_file_upload_bytes_base64(mock_api, login, client):
    mock_api.post(f"{SITE}/files", json=envelope({"success": True}))

    files.upload_file(client, 123, path="wp-content/uploads", filename="logo.png", content=b"\x89PNG")

    body = request_json(api_calls(mock_api)[0])
    assert body["content"] == "iVBORw=="
    assert body["binary"] is True


def test_file_absolute_path_rejected(mock_api, client):
    with pytest.raises(ValueError, match="'/var/www' must be relative to the site root"):
        files.list_files(client, 123, path="/var/www")

    assert len(mock_api.calls) == 0


def test_chmod_mode_checked(mock_api, client):
    with pytest.raises(ValueError, match="permissions='rwx' is not an octal mode"):
        files.change_permissions(client, 123, file="wp-config.php", permissions="rwx")


def test_report_duration_required_and_checked(mock_api, client):
    with pytest.raises(TypeError):
        reporting.get_cdn_cache_status_report(client, 123)

    with pytest.raises(ValueError) as caught:
        reporting.get_cdn_cache_status_report(client, 123, duration="2h")

    assert str(caught.value) == (
        "duration='2h' is not allowed; use one of '30m', '1h', '6h', '12h', '24h', '72h', '7d', '30d'"
    )
    assert len(mock_api.calls) == 0


def test_graphql_report_body_parsed(mock_api, login, client):
    zones = [{"__typename": "zone", "cacheStatus": [{"count": 10, "dimensions": {"cacheStatus": "hit"}}]}]
    body = {"data": {"viewer": {"__typename": "viewer", "zones": zones}}, "errors": None}
    mock_api.get(f"{BASE_URL}/v1/reporting/sites/123/cdn/cache-status", json=body)

    report = reporting.get_cdn_cache_status_report(client, 123, duration="24h")

    assert report.zones == zones
    assert report.totals == {}
    assert report.raw == body
    assert api_calls(mock_api)[0].request.params["duration"] == "24h"


def test_graphql_report_with_success_key(mock_api, login, client):
    zones = [{"total": 5}]
    body = {"success": True, "data": {"viewer": {"zones": zones}}, "errors": []}
    mock_api.get(f"{BASE_URL}/v1/reporting/sites/123/bandwidth/top-usage", json=body)

    assert reporting.get_bandwidth_top_usage_report(client, 123, duration="7d").zones == zones


def test_graphql_report_keeps_top_level_totals(mock_api, login, client):
    body = {"data": {"viewer": {"zones": [{"uniq": {"uniques": 40}}]}}, "errors": [], "visitorsTotal": 40}
    mock_api.get(f"{BASE_URL}/v1/reporting/sites/123/visitors", json=body)

    report = reporting.get_cdn_visitors_report(client, 123, duration="30d")

    assert report.totals == {"visitorsTotal": 40}
    assert report.zones == [{"uniq": {"uniques": 40}}]


def test_graphql_errors_without_data_raise(mock_api, login, client):
    body = {"data": None, "errors": [{"message": "zone not found"}]}
    mock_api.get(f"{BASE_URL}/v1/reporting/sites/123/waf/events-time", json=body)

    with pytest.raises(errors.ServerError, match="zone not found"):
        reporting.get_waf_events_time_report(client, 123, duration="1h")


def test_custom_ssl_bare_empty_list(mock_api, login, client):
    mock_api.get(f"{SITE}/ssl/certificates", json=[])

    assert custom_ssl.list_certificates(client, 123) == []


def test_custom_ssl_bare_object(mock_api, login, client):
    certificate = {"id": "c-1", "site_id": 123, "domains": ["shop.example.com"], "expires_on": "2027-01-01"}
    mock_api.get(f"{SITE}/ssl/certificates/c-1", json=certificate)
    mock_api.get(f"{SITE}/ssl/certificates", json=[certificate])

    assert custom_ssl.get_certificate(client, 123, "c-1") == certificate
    assert custom_ssl.list_certificates(client, 123) == [certificate]


def test_custom_ssl_delete_204(mock_api, login, client):
    mock_api.delete(f"{SITE}/ssl/certificates/c-1", status=204)

    assert custom_ssl.delete_certificate(client, 123, "c-1") is None


@pytest.mark.parametrize("character", [";", "&", "|", "`", "$", "\n"])
def test_wpcli_forbidden_character_rejected(mock_api, client, character):
    with pytest.raises(errors.WPCLICommandRejected) as caught:
        wordpress.run_wpcli(client, 123, command=f"option get home{character}ls")

    assert caught.value.character == character
    assert "SSH" in str(caught.value)
    assert len(mock_api.calls) == 0


def test_wpcli_rejection_names_newline():
    assert "newline" in str(errors.WPCLICommandRejected("\n"))
    assert "backtick" in str(errors.WPCLICommandRejected("`"))
    assert "';'" in str(errors.WPCLICommandRejected(";"))


def test_wpcli_judged_by_output_not_status(mock_api, login, client):
    mock_api.post(f"{SITE}/wpcli", json=envelope({"response": "Success: Updated 2 plugins.", "status": 1}))
    mock_api.post(f"{SITE}/wpcli", json=envelope(
        {"response": "PHP Notice: x\nError: Plugin 'nope' not found.", "status": 0}))

    clean = wordpress.run_wpcli(client, 123, command="wp plugin update --all")
    failed = wordpress.run_wpcli(client, 123, command="plugin activate nope")

    assert clean.succeeded is True
    assert clean.status == 1
    assert failed.succeeded is False
    assert failed.error_lines == ["Error: Plugin 'nope' not found."]
    assert request_json(api_calls(mock_api)[0]) == {"command": "plugin update --all"}


def test_wpcli_arguments_quoted(mock_api, login, client):
    mock_api.post(f"{SITE}/wpcli", json=envelope({"response": "Success"}))

    wordpress.run_wpcli(client, 123, command=["option", "update", "blogname", "My Shop"])

    assert request_json(api_calls(mock_api)[0]) == {"command": 'option update blogname "My Shop"'}


def test_cache_purge_sends_files(mock_api, login, client):
    mock_api.post(f"{SITE}/cache/purge", json=envelope({"status": "ok"}))

    cdn_cache.purge_cache(client, 123, files=["https://shop.example.com/", "https://shop.example.com/cart/"])

    assert request_json(api_calls(mock_api)[0]) == {
        "files": ["https://shop.example.com/", "https://shop.example.com/cart/"],
    }


def test_cache_purge_needs_urls(mock_api, client):
    with pytest.raises(ValueError, match="purge_everything"):
        cdn_cache.purge_cache(client, 123)
    with pytest.raises(ValueError, match="'/cart/' is not a full URL"):
        cdn_cache.purge_cache(client, 123, files=["/cart/"])
    with pytest.raises(ValueError, match="must be a list"):
        cdn_cache.purge_cache(client, 123, files="https://shop.example.com/")

    assert len(mock_api.calls) == 0


def test_purge_everything_sends_no_body(mock_api, login, client):
    mock_api.post(f"{SITE}/cache/purge_everything", json=envelope({"status": "ok"}))

    cdn_cache.purge_everything(client, 123, staging=True)

    call = api_calls(mock_api)[0]
    assert call.request.body is None
    assert call.request.params == {"staging": "true"}


def test_ftp_create_sends_all_five_fields(mock_api, login, client):
    mock_api.post(f"{SITE}/ftp/accounts", json=envelope({"user": "deploy@shop.example.com"}))

    ftp_accounts.create_ftp_account(
        client, 123, username="deploy", password="s3cret-pass", homedir="public_html", quota=500,
        domain="shop.example.com",
    )

    assert request_json(api_calls(mock_api)[0]) == {
        "username": "deploy", "password": "s3cret-pass", "homedir": "public_html", "quota": 500,
        "domain": "shop.example.com",
    }


def test_ftp_create_requires_fields(mock_api, client):
    with pytest.raises(TypeError):
        ftp_accounts.create_ftp_account(client, 123, username="deploy", password="x", homedir="h", quota=1)
    with pytest.raises(ValueError, match="domain is required"):
        ftp_accounts.create_ftp_account(client, 123, username="deploy", password="x", homedir="h", quota=1,
                                        domain="")

    assert len(mock_api.calls) == 0


def test_ftp_update_names_account_in_query(mock_api, login, client):
    mock_api.patch(f"{SITE}/ftp/accounts", json=envelope({}))

    ftp_accounts.update_ftp_account(client, 123, username="deploy", quota=100)

    call = api_calls(mock_api)[0]
    assert call.request.params == {"username": "deploy"}
    assert request_json(call) == {"quota": 100}


def test_staging_needs_vanity_domain(mock_api, login, client):
    mock_api.post(f"{SITE}/staging", json=envelope({"task_id": "t-3", "task_level": "site"}))

    with pytest.raises(TypeError):
        sites.create_staging(client, 123)
    handle = sites.create_staging(client, 123, vanity_domain=False)

    assert handle.task_id == "t-3"
    assert request_json(api_calls(mock_api)[0]) == {"vanity_domain": False}


def test_backup_download_streams(mock_api, login, client):
    archive = b"x" * 250_000
    mock_api.get(f"{SITE}/backup/9", body=archive, content_type="application/gzip")

    with backups.download_backup(client, 123, 9, token="dl-token") as response:
        chunks = list(response.iter_content(chunk_size=65_536))

    assert b"".join(chunks) == archive
    assert len(chunks) == 4
    call = api_calls(mock_api)[0]
    assert call.request.params == {"token": "dl-token"}
    assert call.request.req_kwargs["stream"] is True


def test_backup_download_expired(mock_api, login, client):
    mock_api.get(f"{SITE}/backup/9", status=410, json=envelope(success=False, messages=["Backup expired"]))

    with pytest.raises(errors.NotFoundError, match="Backup expired"):
        backups.download_backup(client, 123, 9, token="dl-token")


def test_invoice_pdf_streams(mock_api, login, client):
    mock_api.get(f"{BASE_URL}/v1/billing/invoices/77/pdf", body=b"%PDF-1.7 ...", content_type="application/pdf")

    with billing.download_invoice_pdf(client, 77, token="pdf-token") as response:
        content = b"".join(response.iter_content(chunk_size=4))

    assert content == b"%PDF-1.7 ..."
    assert api_calls(mock_api)[0].request.req_kwargs["stream"] is True


def test_cloud_backup_create_returns_handle(mock_api, login, client):
    mock_api.post(f"{SITE}/cloud_backups", json=envelope(
        {"backup_id": "b-1", "task_id": "t-5", "task_level": "site"}))

    handle = cloud_backups.create_cloud_backup(client, 123, label="Nightly")

    assert handle.task_id == "t-5"
    assert handle.site_id == 123


def test_all_optional_body_must_not_be_empty(mock_api, client):
    with pytest.raises(ValueError, match="update_main_domain needs at least one of"):
        domains.update_main_domain(client, 123)

    assert len(mock_api.calls) == 0


def test_array_query_sent_repeated(mock_api, login, client):
    mock_api.get(f"{BASE_URL}/v1/reporting/sites/123/waf/eventlist", json=envelope([]))

    reporting.list_waf_events(client, 123, duration="24h", country=["DE", "FR"])

    url = api_calls(mock_api)[0].request.url
    assert "country=DE&country=FR" in url


def test_domain_aliases_nested_list_walked(mock_api, login, client):
    first = {"additional_domains": [{"id": 1, "domain": "a.example.com"}, {"id": 2, "domain": "b.example.com"}]}
    second = {"additional_domains": [{"id": 3, "domain": "c.example.com"}]}
    mock_api.get(f"{SITE}/domains", json=envelope(first, metadata={"page": 1, "page_size": 2, "total": 3}))
    mock_api.get(f"{SITE}/domains", json=envelope(second, metadata={"page": 2, "page_size": 2, "total": 3}))

    aliases = domains.list_domain_aliases(client, 123, per_page=2)

    assert [alias["domain"] for alias in aliases] == ["a.example.com", "b.example.com", "c.example.com"]
    assert [call.request.params["page"] for call in api_calls(mock_api)] == ["1", "2"]


def test_production_zero_is_not_staging():
    from rocketnet.models import Site

    production = Site.from_api({"id": 1, "production": 0})
    staging = Site.from_api({"id": 2, "production": 1})

    assert production.is_staging is False
    assert production.production_site_id is None
    assert staging.is_staging is True
    assert staging.production_site_id == 1
