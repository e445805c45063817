"""Django admin for the complaint reference data (categories, policies, rewards, Open311 clients)."""

from django.contrib import admin

from . import models


class AttributeInline(admin.TabularInline):
    model = models.ServiceAttribute
    extra = 0


@admin.register(models.ComplaintCategory)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent", "department", "order", "active")
    list_filter = ("active", "parent")
    search_fields = ("code", "name")
    inlines = [AttributeInline]


@admin.register(models.ComplaintPolicy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("jurisdiction", "acceptance_days", "finish_days", "max_extension_days", "duplicate_radius_m",
                    "duplicate_window_days")


@admin.register(models.RewardKind)
class RewardKindAdmin(admin.ModelAdmin):
    list_display = ("order", "code", "name", "amount_yuan", "active")


@admin.register(models.RewardTier)
class RewardTierAdmin(admin.ModelAdmin):
    list_display = ("kind", "penalty_from", "penalty_to", "amount_yuan")


@admin.register(models.Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "contact", "active", "created")
    readonly_fields = ("key_hash",)
