from django.contrib import admin

from sites.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "team", "connection", "site_id", "kind", "status", "perc", "created_at"]
    list_filter = ["status", "kind", "team"]
    readonly_fields = ["created_at", "started_at", "finished_at", "updated_at"]
