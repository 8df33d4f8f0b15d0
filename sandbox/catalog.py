"""The WordPress.org plugins and themes the sandbox can install, with their latest versions."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    slug: str
    title: str
    version: str
    description: str
    rating: int = 90
    active_installs: int = 100_000


PLUGINS = [
    Package("woocommerce", "WooCommerce", "9.4.2", "Sell anything online with an open-source commerce platform.", 90, 5_000_000),
    Package("wordpress-seo", "Yoast SEO", "23.9", "Improve search rankings with on-page SEO analysis and sitemaps.", 96, 10_000_000),
    Package("contact-form-7", "Contact Form 7", "6.0.1", "Manage several contact forms and customise them with simple markup.", 82, 10_000_000),
    Package("akismet", "Akismet Anti-spam", "5.3.5", "Checks comments and form submissions against a spam service.", 92, 6_000_000),
    Package("elementor", "Elementor Website Builder", "3.25.10", "Drag-and-drop page builder with live editing.", 92, 10_000_000),
    Package("wordfence", "Wordfence Security", "8.0.1", "Firewall, malware scanner and login security.", 94, 5_000_000),
    Package("classic-editor", "Classic Editor", "1.6.6", "Restores the previous post editor and its screens.", 98, 5_000_000),
    Package("wp-mail-smtp", "WP Mail SMTP", "4.2.0", "Send WordPress email through a proper SMTP provider.", 96, 4_000_000),
    Package("redirection", "Redirection", "5.5.1", "Manage 301 redirects and keep track of 404 errors.", 88, 2_000_000),
    Package("advanced-custom-fields", "Advanced Custom Fields", "6.3.11", "Add custom fields to edit screens.", 96, 2_000_000),
    Package("updraftplus", "UpdraftPlus Backup", "1.24.11", "Schedule backups to remote storage and restore them.", 96, 3_000_000),
    Package("really-simple-ssl", "Really Simple Security", "9.1.2", "SSL, hardening and vulnerability detection.", 94, 4_000_000),
    Package("wpforms-lite", "WPForms Lite", "1.9.2.2", "Drag-and-drop form builder for contact and survey forms.", 98, 6_000_000),
    Package("duplicate-post", "Yoast Duplicate Post", "4.5", "Clone posts and pages in one click.", 92, 4_000_000),
    Package("rocket-cdn-cache-management", "Rocket.net CDN Cache Management", "1.4.0",
            "Purges the Rocket.net CDN cache when content changes.", 90, 100_000),
]

THEMES = [
    Package("twentytwentyfive", "Twenty Twenty-Five", "1.0", "The default block theme for 2025, built for full site editing."),
    Package("twentytwentyfour", "Twenty Twenty-Four", "1.3", "A versatile block theme with a range of templates."),
    Package("twentytwentythree", "Twenty Twenty-Three", "1.6", "A minimal block theme with style variations."),
    Package("astra", "Astra", "4.8.7", "A fast, lightweight theme that works with page builders."),
    Package("generatepress", "GeneratePress", "3.5.1", "A lightweight theme focused on speed and usability."),
    Package("kadence", "Kadence", "1.2.11", "A multipurpose theme with a header and footer builder."),
    Package("oceanwp", "OceanWP", "4.0.2", "An extendable multipurpose theme for shops and blogs."),
    Package("hello-elementor", "Hello Elementor", "3.1.1", "A plain theme made to be styled with Elementor."),
]

ROCKET_CDN_PLUGIN = "rocket-cdn-cache-management"


def find(packages, slug):
    for package in packages:
        if package.slug == slug:
            return package
    return None


def older_version(version):
    """Return a plausible earlier version, so a seeded install has an update available."""
    parts = version.split(".")
    minor = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if minor > 0:
        return ".".join([parts[0], str(minor - 1), *parts[2:]])
    return f"{max(int(parts[0]) - 1, 0)}.9"
