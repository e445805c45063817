"""Django admin for the registry (superusers only, see core.admin). Everyday
changes go through the pages and the API, which audit them."""

from django.contrib import admin

from .models import (
    ClassChange,
    CleanerProductionAudit,
    Commitment,
    ExecutionReport,
    Permit,
    PositiveListEntry,
    Registration,
    SupervisedObject,
)


@admin.register(SupervisedObject)
class SupervisedObjectAdmin(admin.ModelAdmin):
    list_display = ("uscc", "name", "jurisdiction", "supervision_class", "on_positive_list", "status")
    list_filter = ("supervision_class", "on_positive_list", "status", "is_key_unit")
    search_fields = ("uscc", "name", "address")
    raw_id_fields = ("jurisdiction",)


@admin.register(Permit)
class PermitAdmin(admin.ModelAdmin):
    list_display = ("permit_no", "supervised_object", "management_class", "valid_from", "valid_to", "status")
    list_filter = ("management_class", "status")
    search_fields = ("permit_no", "supervised_object__name")
    raw_id_fields = ("supervised_object",)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("registration_no", "unit_name", "registered_date", "jurisdiction")
    search_fields = ("registration_no", "unit_name", "uscc")
    raw_id_fields = ("supervised_object", "jurisdiction")


@admin.register(ExecutionReport)
class ExecutionReportAdmin(admin.ModelAdmin):
    list_display = ("permit", "frequency", "period_start", "period_end", "due_date", "submitted_date")
    list_filter = ("frequency",)
    raw_id_fields = ("permit",)


for model in (ClassChange, PositiveListEntry, Commitment, CleanerProductionAudit):
    admin.site.register(model, raw_id_fields=("supervised_object",))
