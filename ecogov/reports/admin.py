from django.contrib import admin

from .models import Briefing, BriefingType


@admin.register(BriefingType)
class BriefingTypeAdmin(admin.ModelAdmin):
    list_display = ("kind", "name", "issuing_office", "updated")


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    """Read-only: briefings are written by the services, and issued ones are frozen."""

    list_display = ("title", "kind", "period_code", "jurisdiction", "status", "year", "number", "version")
    list_filter = ("kind", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
