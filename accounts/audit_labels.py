"""Descriptions of the audit log's action codes, for the audit log page and the "Changes" section of a report.

Both show a translated sentence instead of a code such as billing.update_address, because a report
goes to people outside the team. Codes built at run time are listed too: plugins and themes add
install, activate, deactivate, update and delete, and bulk jobs add bulk.<BulkAction value>.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "account.update_settings": _("Account details changed"),
    "account_users.change_roles": _("Account user's roles changed"),
    "account_users.invite": _("Account user invited"),
    "account_users.remove": _("Account user removed"),
    "account_users.resend_invite": _("Account user invitation sent again"),
    "activity.delete_event": _("Activity log entry deleted"),
    "activity.disable": _("Activity log turned off"),
    "activity.enable": _("Activity log turned on"),
    "backups.automated_restore": _("Automatic backup restored"),
    "backups.create": _("Backup created"),
    "backups.delete": _("Backup deleted"),
    "backups.download": _("Backup downloaded"),
    "backups.restore": _("Backup restored"),
    "billing.add_payment_method": _("Payment card added"),
    "billing.change_plan": _("Hosting plan changed"),
    "billing.create_address": _("Billing address added"),
    "billing.create_paypal_subscription": _("PayPal subscription set up"),
    "billing.delete_address": _("Billing address deleted"),
    "billing.delete_payment_method": _("Payment card removed"),
    "billing.pay_invoice": _("Invoice paid"),
    "billing.start_card_setup": _("Payment card setup started"),
    "billing.update_address": _("Billing address changed"),
    "billing.update_payment_method": _("Payment card changed"),
    "billing.update_paypal_subscription": _("PayPal subscription changed"),
    "bulk.cancel": _("Bulk job cancelled"),
    "bulk.change_setting": _("Site setting changed on several sites"),
    "bulk.create_backup": _("Backups created on several sites"),
    "bulk.purge_cache": _("CDN cache purged on several sites"),
    "bulk.retry": _("Bulk job retried"),
    "bulk.update_plugins": _("Plugins updated on several sites"),
    "bulk.update_themes": _("Themes updated on several sites"),
    "cache.purge": _("CDN cache purged for some files"),
    "cache.purge_everything": _("Whole CDN cache purged"),
    "cloud_backups.create": _("Cloud backup created"),
    "cloud_backups.download_link": _("Cloud backup download link created"),
    "cloud_backups.restore": _("Cloud backup restored"),
    "connection.add": _("Account connected to the dashboard"),
    "connection.delete": _("Account disconnected from the dashboard"),
    "connection.edit": _("Dashboard connection changed"),
    "domains.alias_added": _("Domain alias added"),
    "domains.alias_removed": _("Domain alias removed"),
    "domains.certificate_deleted": _("SSL certificate deleted"),
    "domains.certificate_uploaded": _("SSL certificate uploaded"),
    "domains.edge_settings_updated": _("Domain edge settings changed"),
    "domains.main_replaced": _("Main domain replaced"),
    "domains.main_set": _("Main domain set"),
    "domains.prefix_changed": _("Domain prefix changed"),
    "domains.rechecked": _("Domain checked again"),
    "domains.validation_method_changed": _("Domain validation method changed"),
    "files.chmod": _("File permissions changed"),
    "files.compress": _("Files compressed"),
    "files.create_file": _("File created"),
    "files.create_folder": _("Folder created"),
    "files.delete": _("Files deleted"),
    "files.extract": _("Archive extracted"),
    "files.save": _("File edited"),
    "files.upload": _("File uploaded"),
    "ftp.create": _("FTP account created"),
    "ftp.delete": _("FTP account deleted"),
    "ftp.update": _("FTP account changed"),
    "members.add": _("Team member added"),
    "members.change_role": _("Team member's role changed"),
    "members.invite": _("Team member invited"),
    "members.reinvite": _("Team member invitation sent again"),
    "members.remove": _("Team member removed"),
    "plugins.activate": _("Plugin activated"),
    "plugins.deactivate": _("Plugin deactivated"),
    "plugins.delete": _("Plugins deleted"),
    "plugins.install": _("Plugins installed"),
    "plugins.install_cdn_cache": _("CDN cache plugin installed"),
    "plugins.update": _("Plugin updated"),
    "protection.add_user": _("Password protection user added"),
    "protection.disable": _("Password protection turned off"),
    "protection.enable": _("Password protection turned on"),
    "protection.remove_user": _("Password protection user removed"),
    "reports.create_schedule": _("Report schedule created"),
    "reports.delete_schedule": _("Report schedule deleted"),
    "reports.resubscribe": _("Report recipient subscribed again"),
    "reports.send_now": _("Report sent on request"),
    "reports.unsubscribe": _("Report recipient unsubscribed"),
    "reports.update_schedule": _("Report schedule changed"),
    "settings.update": _("Site settings changed"),
    "shopshield.disable": _("ShopShield turned off"),
    "shopshield.enable": _("ShopShield turned on"),
    "site.clone": _("Site cloned"),
    "site.create": _("Site created"),
    "site.credentials_revealed": _("Site login details viewed"),
    "site.deleted": _("Site deleted"),
    "site.locked": _("Site locked"),
    "site.phpmyadmin_login": _("phpMyAdmin opened"),
    "site.unlocked": _("Site unlocked"),
    "site.updated": _("Site details changed"),
    "site.wp_admin_login": _("WordPress admin opened"),
    "site_users.invite": _("Site user invited"),
    "site_users.remove": _("Site user removed"),
    "site_users.resend_invite": _("Site user invitation sent again"),
    "ssh.authorize": _("SSH key authorized"),
    "ssh.deauthorize": _("SSH key deauthorized"),
    "ssh.delete": _("SSH key deleted"),
    "ssh.import": _("SSH key added"),
    "staging.create": _("Staging site created"),
    "staging.delete": _("Staging site deleted"),
    "staging.publish": _("Staging site published"),
    "team.create": _("Team created"),
    "team.rename": _("Team renamed"),
    "templates.create": _("Site template created"),
    "templates.create_site": _("Site created from a template"),
    "templates.delete": _("Site template deleted"),
    "themes.activate": _("Theme activated"),
    "themes.deactivate": _("Theme deactivated"),
    "themes.delete": _("Themes deleted"),
    "themes.install": _("Themes installed"),
    "themes.update": _("Theme updated"),
    "transfers.accept": _("Site transfer accepted"),
    "transfers.cancel": _("Site transfer cancelled"),
    "transfers.reject": _("Site transfer rejected"),
    "transfers.start": _("Site transfer started"),
    "wpcli.run": _("WP-CLI command run"),
}

# Actions whose audit target means nothing to a client (an internal Rocket.net ID such as an address,
# card, certificate or transfer number, or a setting key the description already names), so the
# report leaves it out.
INTERNAL_TARGETS = {
    "activity.delete_event",
    "activity.disable",
    "activity.enable",
    "backups.automated_restore",
    "billing.add_payment_method",
    "billing.delete_address",
    "billing.delete_payment_method",
    "billing.start_card_setup",
    "billing.update_address",
    "billing.update_payment_method",
    "domains.certificate_deleted",
    "transfers.accept",
    "transfers.cancel",
    "transfers.reject",
}


def describe_action(action: str) -> str:
    """Return the description of an audit action code in the active language, or a generic one naming the code."""
    label = ACTION_LABELS.get(action)
    if label is not None:
        return str(label)
    return gettext("Other change (%(code)s)") % {"code": action}


@dataclass(frozen=True)
class ChangeRow:
    """One audit event as a report shows it; the texts are read when rendered, in the report's language."""

    event: object

    @property
    def created_at(self):
        return self.event.created_at

    @property
    def description(self) -> str:
        return describe_action(self.event.action)

    @property
    def target(self) -> str:
        if self.event.action in INTERNAL_TARGETS or self.event.target == self.event.site_label:
            return ""
        return self.event.target

    @property
    def site_label(self) -> str:
        return self.event.site_label

    @property
    def result(self) -> str:
        return self.event.get_result_display()

    @property
    def actor_email(self) -> str:
        return self.event.actor_email
