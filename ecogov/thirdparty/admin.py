"""Django admin for third-party supervision."""

from django.contrib import admin

from . import models


@admin.register(models.Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "jurisdiction", "active")


@admin.register(models.FraudHit)
class FraudHitAdmin(admin.ModelAdmin):
    list_display = ("found_on", "kind", "station", "status", "case_no")
