"""Django admin for the open facilities and their open days."""

from django.contrib import admin

from . import models


@admin.register(models.Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "jurisdiction", "active")


@admin.register(models.OpenDayEvent)
class OpenDayEventAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "facility", "capacity", "registration_open", "held")
