from django.contrib import admin

from .models import (
    ConflictOfInterest,
    Inspection,
    InspectionItem,
    InspectionPlan,
    OffsiteCheck,
)


@admin.register(InspectionItem)
class InspectionItemAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name", "is_current")


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "status", "period_start", "period_end")
    readonly_fields = ("status", "snapshot_sha256", "seed_sha256", "seed_revealed", "quota", "pool_counts")
    exclude = ("snapshot",)


admin.site.register([ConflictOfInterest, Inspection, OffsiteCheck])
