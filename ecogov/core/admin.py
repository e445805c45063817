"""Django admin: superusers only; audit records are read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, AuditLog, Department, Jurisdiction, Notification, User


def _superuser_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = "ecogov 管理后台"


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_bureau_division", "jurisdiction")


@admin.register(User)
class EcogovUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "role", "jurisdiction", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + (
        ("ecogov", {"fields": ("full_name", "role", "jurisdiction", "department", "phone",
                               "cert_no", "cert_valid_from", "cert_valid_to")}),
    )


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "event", "content_type", "object_repr")
    list_filter = ("event", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(ApiToken)
admin.site.register(Notification)
