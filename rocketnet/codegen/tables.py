"""Tables for generate_services.py: each operation's function name, docstrings, renames and overrides."""

from __future__ import annotations

# (method, path) -> function name, grouped by module. Every operation of the spec that is not in
# a hand-written module belongs here; tests/rocketnet/test_registry.py fails on a missing or
# duplicated operation.
OPERATIONS: dict[str, dict[tuple[str, str], str]] = {
    "site_templates": {
        ("GET", "/v1/sites/templates"): "list_site_templates",
        ("GET", "/v1/sites/templates/{template_id}"): "get_site_template",
        ("DELETE", "/v1/sites/templates/{template_id}"): "delete_site_template",
        ("POST", "/v1/site_templates"): "create_site_template",
        ("POST", "/v1/sites/templates"): "create_site_template_now",
        ("POST", "/v1/sites/templates/{template_id}/sites"): "create_site_from_template",
    },
    "domains": {
        ("GET", "/v1/sites/{id}/domains"): "list_domain_aliases",
        ("POST", "/v1/sites/{id}/domains"): "create_domain_alias",
        ("DELETE", "/v1/sites/{id}/domains/{domain_id}"): "delete_domain_alias",
        ("GET", "/v1/sites/{id}/domains/{domain_id}/edge_settings"): "get_domain_alias_edge_settings",
        ("PATCH", "/v1/sites/{id}/domains/{domain_id}/edge_settings"): "update_domain_alias_edge_settings",
        ("GET", "/v1/sites/{id}/maindomain"): "get_main_domain",
        ("POST", "/v1/sites/{id}/maindomain"): "set_main_domain",
        ("PATCH", "/v1/sites/{id}/maindomain"): "update_main_domain",
        ("PUT", "/v1/sites/{id}/maindomain"): "replace_main_domain",
        ("GET", "/v1/sites/{id}/maindomain/edge_settings"): "get_main_domain_edge_settings",
        ("PATCH", "/v1/sites/{id}/maindomain/edge_settings"): "update_main_domain_edge_settings",
        ("PATCH", "/v1/sites/{id}/maindomain/prefix"): "change_main_domain_prefix",
        ("GET", "/v1/sites/{id}/maindomain/recheck"): "recheck_main_domain",
        ("GET", "/v1/sites/{id}/maindomain/status"): "get_domain_status",
    },
    "cloud_backups": {
        ("GET", "/v1/sites/{id}/cloud_backups"): "list_cloud_backups",
        ("POST", "/v1/sites/{id}/cloud_backups"): "create_cloud_backup",
        ("GET", "/v1/sites/{id}/cloud_backups/{backup_id}"): "get_cloud_backup",
        ("DELETE", "/v1/sites/{id}/cloud_backups/{backup_id}"): "delete_cloud_backup",
        ("GET", "/v1/sites/{id}/cloud_backups/{backup_id}/download"): "get_cloud_backup_download_link",
        ("POST", "/v1/sites/{id}/cloud_backups/{backup_id}/restore"): "restore_cloud_backup",
    },
    "ssh_keys": {
        ("GET", "/v1/sites/{id}/ssh/keys"): "list_ssh_keys",
        ("POST", "/v1/sites/{id}/ssh/keys"): "import_ssh_key",
        ("DELETE", "/v1/sites/{id}/ssh/keys"): "delete_ssh_key",
        ("POST", "/v1/sites/{id}/ssh/keys/authorize"): "authorize_ssh_key",
        ("POST", "/v1/sites/{id}/ssh/keys/deauthorize"): "deauthorize_ssh_key",
        ("GET", "/v1/sites/{id}/ssh/keys/{name}"): "get_ssh_key",
    },
    "visitors": {
        ("GET", "/v1/account/visitors"): "get_account_visitors",
        ("GET", "/v1/sites/{id}/visitors"): "get_site_visitors",
    },
    "bandwidth": {
        ("GET", "/v1/account/bandwidth"): "get_account_bandwidth",
        ("GET", "/v1/sites/{id}/reporting/bandwidth"): "get_site_bandwidth",
        ("GET", "/v1/sites/{id}/reporting/bandwidth/usage"): "get_site_bandwidth_usage_report",
    },
    "account_users": {
        ("GET", "/v1/users"): "list_users",
        ("POST", "/v1/users"): "create_user",
        ("GET", "/v1/users/accept"): "accept_user_invitation",
        ("GET", "/v1/users/{user_id}"): "get_user",
        ("PATCH", "/v1/users/{user_id}"): "update_user",
        ("DELETE", "/v1/users/{user_id}"): "delete_user",
        ("POST", "/v1/users/{user_id}/password"): "set_user_password",
        ("POST", "/v1/users/{user_id}/reinvite"): "reinvite_user",
    },
    "site_users": {
        ("GET", "/v1/sites/users"): "list_site_user_sites",
        ("POST", "/v1/sites/users"): "create_site_user",
        ("POST", "/v1/sites/users/login"): "log_in_site_user",
        ("POST", "/v1/sites/users/reset-password"): "reset_site_user_password",
        ("PATCH", "/v1/sites/users/{user_id}"): "update_site_user",
        ("POST", "/v1/sites/users/{user_id}/password"): "set_site_user_password",
        ("GET", "/v1/sites/{id}/users"): "list_site_users",
        ("POST", "/v1/sites/{id}/users"): "invite_site_user",
        ("GET", "/v1/sites/{id}/users/accept"): "accept_site_invitation_link",
        ("POST", "/v1/sites/{id}/users/accept"): "accept_site_invitation",
        ("DELETE", "/v1/sites/{id}/users/{user_id}"): "remove_site_user",
        ("POST", "/v1/sites/{id}/users/{user_id}/reinvite"): "reinvite_site_user",
    },
    "billing": {
        ("GET", "/v1/billing/addresses"): "list_billing_addresses",
        ("POST", "/v1/billing/addresses"): "create_billing_address",
        ("GET", "/v1/billing/addresses/{address_id}"): "get_billing_address",
        ("PATCH", "/v1/billing/addresses/{address_id}"): "update_billing_address",
        ("DELETE", "/v1/billing/addresses/{address_id}"): "delete_billing_address",
        ("GET", "/v1/billing/emails"): "list_billing_emails",
        ("GET", "/v1/billing/emails/{email_id}"): "get_billing_email",
        ("GET", "/v1/billing/invoices"): "list_invoices",
        ("GET", "/v1/billing/invoices/{invoice_id}"): "get_invoice",
        ("POST", "/v1/billing/invoices/{invoice_id}/credit_card_payment"): "pay_invoice_by_credit_card",
        ("POST", "/v1/billing/invoices/{invoice_id}/paypal_subscription"): "create_paypal_subscription",
        ("PATCH", "/v1/billing/invoices/{invoice_id}/paypal_subscription"): "update_paypal_subscription",
        ("GET", "/v1/billing/invoices/{invoice_id}/pdf"): "download_invoice_pdf",
        ("GET", "/v1/billing/payment_methods"): "list_payment_methods",
        ("POST", "/v1/billing/payment_methods"): "add_credit_card",
        ("POST", "/v1/billing/payment_methods/credit_card_setup_intent"): "create_credit_card_setup_intent",
        ("GET", "/v1/billing/payment_methods/{payment_method_id}"): "get_payment_method",
        ("PATCH", "/v1/billing/payment_methods/{payment_method_id}"): "update_payment_method",
        ("DELETE", "/v1/billing/payment_methods/{payment_method_id}"): "delete_payment_method",
        ("GET", "/v1/billing/products"): "list_products",
    },
    "password_protection": {
        ("GET", "/v1/sites/{id}/password_protection"): "get_password_protection",
        ("POST", "/v1/sites/{id}/password_protection"): "enable_password_protection",
        ("DELETE", "/v1/sites/{id}/password_protection"): "disable_password_protection",
        ("GET", "/v1/sites/{id}/password_protection/users"): "list_password_protection_users",
        ("POST", "/v1/sites/{id}/password_protection/users"): "add_password_protection_user",
        ("DELETE", "/v1/sites/{id}/password_protection/users/{user_id}"): "remove_password_protection_user",
    },
    "password_strength": {
        ("POST", "/v1/password_strength"): "check_password_strength",
        ("POST", "/v1/users/password_strength"): "check_user_password_strength",
        ("POST", "/v1/users/generate_password"): "generate_password",
    },
    "shopshield": {
        ("GET", "/v1/sites/{id}/shop_shield"): "list_shopshield_uris",
        ("POST", "/v1/sites/{id}/shop_shield"): "enable_shopshield",
        ("GET", "/v1/sites/{id}/shop_shield/{uri_id}"): "get_shopshield_uri",
        ("DELETE", "/v1/sites/{id}/shop_shield/{uri_id}"): "disable_shopshield",
    },
    "activity": {
        ("POST", "/v1/sites/{id}/activity/enable"): "enable_activity_log",
        ("POST", "/v1/sites/{id}/activity/disable"): "disable_activity_log",
        ("GET", "/v1/sites/{id}/activity/events"): "list_activity_events",
        ("POST", "/v1/sites/{id}/activity/events"): "create_activity_event",
        ("GET", "/v1/sites/{id}/activity/events/{event_id}"): "get_activity_event",
        ("DELETE", "/v1/sites/{id}/activity/events/{event_id}"): "delete_activity_event",
    },
    "site_transfers": {
        ("POST", "/v1/sites/{id}/transfer"): "start_site_transfer",
        ("POST", "/v1/sites/{id}/transfer/{transfer_id}/accept"): "accept_site_transfer",
        ("POST", "/v1/sites/{id}/transfer/{transfer_id}/cancel"): "cancel_site_transfer",
        ("POST", "/v1/sites/{id}/transfer/{transfer_id}/reject"): "reject_site_transfer",
    },
    "reporting/cdn": {
        ("GET", "/v1/reporting/sites/{id}/bandwidth/top-usage"): "get_bandwidth_top_usage_report",
        ("GET", "/v1/reporting/sites/{id}/bandwidth/usage"): "get_bandwidth_usage_report",
        ("GET", "/v1/reporting/sites/{id}/cdn/cache-content"): "get_cdn_cache_content_report",
        ("GET", "/v1/reporting/sites/{id}/cdn/cache-status"): "get_cdn_cache_status_report",
        ("GET", "/v1/reporting/sites/{id}/cdn/cache-top"): "get_cdn_cache_top_report",
        ("GET", "/v1/reporting/sites/{id}/cdn/requests"): "get_cdn_requests_report",
        ("GET", "/v1/reporting/sites/{id}/visitors"): "get_cdn_visitors_report",
        ("GET", "/v1/sites/{id}/reporting/cdn_request_volume_by_source"): "get_cdn_request_volume_by_source",
        ("GET", "/v1/sites/{id}/reporting/total_requests"): "get_total_requests_report",
    },
    "reporting/waf": {
        ("GET", "/v1/reporting/sites/{id}/waf/eventlist"): "list_waf_events",
        ("GET", "/v1/reporting/sites/{id}/waf/events"): "list_waf_events_legacy",
        ("GET", "/v1/reporting/sites/{id}/waf/events-services"): "get_waf_events_services_report",
        ("GET", "/v1/reporting/sites/{id}/waf/events-source"): "get_waf_events_source_report",
        ("GET", "/v1/reporting/sites/{id}/waf/events-time"): "get_waf_events_time_report",
        ("GET", "/v1/reporting/sites/{id}/waf/firewall-events"): "get_waf_firewall_events_report",
    },
    "reporting/access_logs": {
        ("GET", "/v1/sites/{id}/access-logs"): "list_access_logs_legacy",
        ("GET", "/v1/sites/{id}/access_logs"): "list_access_logs",
    },
}

MODULE_DOCS = {
    "site_templates": "Site templates: save a site as a template and create sites from it.",
    "domains": "Domains: the main domain, domain aliases and their edge settings.",
    "cloud_backups": "Cloud backups of a site (kept off the server), with restore and download links.",
    "ssh_keys": "SSH keys of a site: import, authorize, deauthorize, delete.",
    "visitors": "Unique visitor statistics for the account or one site.",
    "bandwidth": "Bandwidth usage statistics for the account or one site.",
    "account_users": "Additional users of the Rocket.net account.",
    "site_users": "Site users: people given access to single sites.",
    "billing": "Billing: addresses, billing emails, invoices, payment methods and products.",
    "password_protection": "Password protection of a site and its users.",
    "password_strength": "Password strength checks and generated passwords.",
    "shopshield": "ShopShield: protection of chosen URIs against traffic bursts.",
    "activity": "The activity log of a site.",
    "site_transfers": "Transfers of a site between Rocket.net accounts.",
    "reporting": "Reports of a site: CDN traffic and cache, WAF events and access logs.",
    "reporting/cdn": "CDN traffic, cache and bandwidth reports of a site.",
    "reporting/waf": "WAF (web application firewall) event lists and reports of a site.",
    "reporting/access_logs": "Access logs of a site.",
}

# One-line docstrings, written for this client. Functions whose name says everything have none.
DOCS = {
    "list_site_templates": "Return every site template, optionally filtered by source site, domain or tags.",
    "create_site_template": "Save a site as a template.",
    "create_site_template_now": "Save a site as a template within the request (the old call).",
    "create_site_from_template": "Create a new site from a template; `name` becomes the new site's name.",
    "list_domain_aliases": "Return every additional domain (alias) of the site.",
    "create_domain_alias": "Add an additional domain that serves the same WordPress install.",
    "update_domain_alias_edge_settings": "Change an alias's edge settings; each group is an object of options.",
    "get_main_domain": "Return the main domain with its SSL and validation state.",
    "set_main_domain": "Give a site that still uses its CDN URL a main domain.",
    "update_main_domain": "Change the main domain's validation method (http or txt) or certificate authority.",
    "replace_main_domain": "Move the site to a different main domain.",
    "update_main_domain_edge_settings": "Change the main domain's edge settings; each group is an object of options.",
    "change_main_domain_prefix": "Switch the main domain between its www and apex forms (`www=True` for www).",
    "recheck_main_domain": "Check the main domain's validation again now.",
    "get_domain_status": "Return the validation and SSL status of the main, alternate and additional domains.",
    "list_cloud_backups": "Return every cloud backup of the site.",
    "create_cloud_backup": "Start a cloud backup; `exclude_paths` leaves directories out.",
    "get_cloud_backup_download_link": "Return a temporary download link for a cloud backup (not the file itself).",
    "restore_cloud_backup": "Restore a cloud backup's files, database or both; `restore_paths` limits a file restore.",
    "list_ssh_keys": "Return every SSH key of the site with its authorization status.",
    "import_ssh_key": "Store a public key under `name`; authorize it before it can log in.",
    "authorize_ssh_key": "Allow the named key to log in over SSH.",
    "deauthorize_ssh_key": "Stop the named key from logging in, keeping it stored.",
    "get_account_visitors": "Return unique visitor counts of the whole account between two dates (YYYY-MM-DD).",
    "get_site_visitors": "Return unique visitor counts of one site between two dates (YYYY-MM-DD).",
    "get_account_bandwidth": "Return the account's bandwidth use between two dates (YYYY-MM-DD).",
    "get_site_bandwidth": "Return one site's bandwidth use between two dates (YYYY-MM-DD).",
    "get_site_bandwidth_usage_report": "Return the site's bandwidth report over `duration` (30m to 30d).",
    "list_users": "Return every additional user of the account.",
    "create_user": "Invite a user to the account; the API emails them a link to set a password.",
    "accept_user_invitation": "Accept an invitation to an account with the token from its email.",
    "update_user": "Change a user's roles or whether they must use two-factor authentication.",
    "set_user_password": "Set an invited user's first password.",
    "reinvite_user": "Send the invitation email again.",
    "list_site_user_sites": "Return the sites the logged-in site user may access.",
    "create_site_user": "Create a site user (a person who gets access to single sites).",
    "log_in_site_user": "Log in as a site user; the result contains a token, which is a secret.",
    "reset_site_user_password": "Email a site user a link to reset their password.",
    "set_site_user_password": "Set a site user's password with the token from their email.",
    "list_site_users": "Return every site user with access to the site.",
    "invite_site_user": "Invite a person by email to access the site.",
    "accept_site_invitation_link": "Accept a site invitation with the token from its email.",
    "accept_site_invitation": "Accept a pending site invitation as the logged-in user.",
    "remove_site_user": "Remove a site user's access to the site.",
    "reinvite_site_user": "Send the site invitation email again.",
    "list_invoices": (
        "Return every invoice, optionally searched and filtered by status.\n\n"
        "    With `page`, return only that page as a Page whose `total` counts every matching invoice."
    ),
    "pay_invoice_by_credit_card": "Charge the account's credit card for an invoice.",
    "create_paypal_subscription": "Start a PayPal subscription for an invoice.",
    "update_paypal_subscription": "Record the PayPal order and subscription ids of an invoice.",
    "download_invoice_pdf": "Open an invoice as PDF; `token` is the download token the API requires.",
    "list_payment_methods": "Return every payment method; `include_token` adds card tokens, which are secrets.",
    "add_credit_card": "Add a credit card from the payment provider's `card_token`.",
    "create_credit_card_setup_intent": "Start adding a credit card and return the payment provider's setup intent.",
    "list_products": "Return the hosting products on sale, priced for an optional coupon.",
    "get_password_protection": "Return whether the site is behind HTTP password protection.",
    "enable_password_protection": "Put the site behind HTTP password protection.",
    "disable_password_protection": "Remove the site's HTTP password protection.",
    "list_password_protection_users": "Return every username allowed past the password protection.",
    "add_password_protection_user": "Allow a username and password past the password protection.",
    "check_password_strength": "Return the API's rating of a password; the password is sent to the API.",
    "check_user_password_strength": "Return the API's rating of an account user's password.",
    "generate_password": "Return a generated password that meets the API's strength rules.",
    "list_shopshield_uris": "Return every URI that ShopShield protects on the site.",
    "enable_shopshield": "Protect a URI (such as /checkout/) against traffic bursts.",
    "disable_shopshield": "Stop protecting a URI.",
    "enable_activity_log": "Start recording WordPress activity events on the site.",
    "disable_activity_log": "Stop recording WordPress activity events on the site.",
    "list_activity_events": "Return one page of activity events, filtered by author, dates, IP, type or user.",
    "create_activity_event": "Record a custom activity event.",
    "start_site_transfer": "Offer the site to another Rocket.net account, named by its email.",
    "accept_site_transfer": "Accept a site offered to this account.",
    "cancel_site_transfer": "Withdraw a transfer this account started.",
    "reject_site_transfer": "Decline a site offered to this account.",
    "get_bandwidth_top_usage_report": "Return bandwidth grouped by country, method, ASN, browser and more over `duration`.",
    "get_bandwidth_usage_report": "Return the bandwidth usage report over `duration`.",
    "get_cdn_cache_content_report": "Return the CDN cache-content report over `duration`.",
    "get_cdn_cache_status_report": "Return requests grouped by cache status (hit, miss, ...) over `duration`.",
    "get_cdn_cache_top_report": "Return the old CDN cache-top report over `duration`.",
    "get_cdn_requests_report": "Return the CDN requests report over `duration`.",
    "get_cdn_visitors_report": "Return the CDN visitors report over `duration`; `totals` has visitorsTotal.",
    "get_cdn_request_volume_by_source": "Return request counts by country, path, user agent and more over `duration`.",
    "get_total_requests_report": "Return total, edge, origin and WAF request counts over `duration`.",
    "list_waf_events": "Return one page of WAF events over `duration`, filtered as given.",
    "list_waf_events_legacy": "Return WAF events over `duration` with the old call.",
    "get_waf_events_services_report": "Return the WAF events-by-service report over `duration`.",
    "get_waf_events_source_report": "Return the WAF events-by-source report over `duration`.",
    "get_waf_events_time_report": "Return the WAF events-over-time report over `duration`.",
    "get_waf_firewall_events_report": "Return the WAF firewall event report over `duration`.",
    "list_access_logs": "Return one page of the site's access log over `duration`.",
    "list_access_logs_legacy": "Return one page of the access log of `domain` with the old call.",
}

# Deprecated operations and the function that replaces each.
DEPRECATED = {
    ("POST", "/v1/sites/templates"): "site_templates.create_site_template (POST /v1/site_templates)",
    ("GET", "/v1/reporting/sites/{id}/cdn/cache-top"):
        "reporting.get_cdn_request_volume_by_source (GET /v1/sites/{id}/reporting/cdn_request_volume_by_source)",
    ("GET", "/v1/reporting/sites/{id}/waf/events"): "reporting.list_waf_events (GET /v1/reporting/sites/{id}/waf/eventlist)",
    ("GET", "/v1/sites/{id}/access-logs"): "reporting.list_access_logs (GET /v1/sites/{id}/access_logs)",
}

# Writes that set fields to given values, so repeating one after a 502/503/504 cannot do harm.
IDEMPOTENT = {
    ("PATCH", "/v1/sites/{id}/domains/{domain_id}/edge_settings"),
    ("PATCH", "/v1/sites/{id}/maindomain/edge_settings"),
    ("PATCH", "/v1/sites/{id}/maindomain/prefix"),
    ("PATCH", "/v1/billing/addresses/{address_id}"),
    ("PATCH", "/v1/billing/payment_methods/{payment_method_id}"),
    ("PATCH", "/v1/users/{user_id}"),
    ("PATCH", "/v1/sites/users/{user_id}"),
}

# Paged searches and event logs can be very long, so their functions return one page and take
# page/per_page. Every other paged list is walked to the end.
SINGLE_PAGE = {
    ("GET", "/v1/reporting/sites/{id}/waf/eventlist"),
    ("GET", "/v1/sites/{id}/access-logs"),
    ("GET", "/v1/sites/{id}/access_logs"),
    ("GET", "/v1/sites/{id}/activity/events"),
}

# Lists that are walked to the end unless the caller passes `page`, which returns that one page
# as a Page with the API's total, for views that page through them.
PAGE_OPTION = {
    ("GET", "/v1/billing/invoices"),
}

# Python names for API names that are not valid or would shadow a builtin.
RENAMES = {
    "id": "site_id",
    "type": "event_type_name",
    "created_from.site_id": "created_from_site_id",
    "created_from.domain": "created_from_domain",
}
RENAMES_BY_OPERATION = {
    ("GET", "/v1/billing/products"): {"type": "product_type"},
    ("POST", "/v1/sites/{id}/activity/events"): {"type": "event_type"},
}

# Item fields that identify list entries (to detect a server that ignores `page`), for items
# whose schema has no `id`. Other lists take `id`, or the first field ending in `_id`.
ID_KEYS = {
    ("GET", "/v1/sites/{id}/ssh/keys"): "name",
}

# Responses that carry a task_id (the cloud backup create adds the new backup's id beside it).
TASK_RESPONSES = {"TaskIDResponse", "CreateCloudBackupResponse"}

PYTHON_TYPES = {
    "string": "str", "integer": "int", "boolean": "bool", "array": "list", "object": "dict", "number": "float",
}
DURATIONS = ["30m", "1h", "6h", "12h", "24h", "72h", "7d", "30d"]
DIRECTIONS = ["asc", "desc", "ASC", "DESC"]
