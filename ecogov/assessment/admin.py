from django.contrib import admin

from .models import Methodology, MethodologyItem, PeerCityAir, Unit, VetoEvent, VetoRule


class ItemInline(admin.TabularInline):
    model = MethodologyItem
    extra = 0


class VetoInline(admin.TabularInline):
    model = VetoRule
    extra = 0


@admin.register(Methodology)
class MethodologyAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "year", "version", "status", "valid_from")
    inlines = [ItemInline, VetoInline]


admin.site.register(Unit)
admin.site.register(VetoEvent)
admin.site.register(PeerCityAir)
