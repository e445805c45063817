from django.contrib import admin

from .models import Source, SourceCheck


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name", "jurisdiction", "state", "last_checked")
    list_filter = ("kind", "state")
    search_fields = ("code", "name", "holder")


@admin.register(SourceCheck)
class SourceCheckAdmin(admin.ModelAdmin):
    list_display = ("source", "date", "outcome", "ledger_ref")
    list_filter = ("outcome",)
