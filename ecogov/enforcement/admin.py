from django.contrib import admin

from .models import CaseTransfer, DeadlineSetting, DiscretionRule, PenaltyCase, YellowCard


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(admin.ModelAdmin):
    list_display = ("case_no", "supervised_object", "status", "filed_date", "decision_date", "amount")
    readonly_fields = ("status",)


admin.site.register([DiscretionRule, DeadlineSetting, YellowCard, CaseTransfer])
