from django.contrib import admin

from reporting import services
from reporting.models import DeliveryRecipient, ReportDelivery, ReportSchedule, Unsubscribe


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["connection", "team", "frequency", "weekday", "hour", "timezone", "language", "enabled", "next_send_at"]
    list_filter = ["enabled", "frequency", "language"]
    search_fields = ["connection__label", "team__name"]
    raw_id_fields = ["team", "connection", "created_by", "member_recipients"]
    readonly_fields = ["next_send_at", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        services.save_schedule(obj)


class DeliveryRecipientInline(admin.TabularInline):
    model = DeliveryRecipient
    fields = ["email", "external", "status", "error", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ReportDelivery)
class ReportDeliveryAdmin(admin.ModelAdmin):
    """Read-only: deliveries change only through the claim and send services."""

    inlines = [DeliveryRecipientInline]

    list_display = ["schedule", "period_key", "trigger", "status", "attempts", "sent_at", "created_at"]
    list_filter = ["status", "trigger"]
    search_fields = ["period_key", "schedule__connection__label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Unsubscribe)
class UnsubscribeAdmin(admin.ModelAdmin):
    """Addresses that left a schedule; deleting a row subscribes the address again."""

    list_display = ["email", "schedule", "created_at"]
    search_fields = ["email", "schedule__connection__label"]
    raw_id_fields = ["schedule"]
