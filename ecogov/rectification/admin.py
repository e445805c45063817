from django.contrib import admin

from .models import RectificationItem


@admin.register(RectificationItem)
class RectificationItemAdmin(admin.ModelAdmin):
    list_display = ("problem", "supervised_object", "deadline", "status", "closed_date")
    list_filter = ("status",)
    raw_id_fields = ("supervised_object", "source_inspection")
