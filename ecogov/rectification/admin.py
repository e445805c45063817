from django.contrib import admin

from .models import Batch, Committee, CommitteeMember, Duty, Escalation, Milestone, RectificationItem


@admin.register(RectificationItem)
class RectificationItemAdmin(admin.ModelAdmin):
    list_display = ("problem", "batch", "jurisdiction", "deadline", "state", "plan_state", "status", "closed_date")
    list_filter = ("state", "plan_state", "status")
    raw_id_fields = ("supervised_object", "source_inspection", "parent", "owner", "supervisor", "reviewed_by",
                     "rechecked_by")


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "source", "received_date", "deadline")


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "parent")
    inlines = [MemberInline]


admin.site.register([Milestone, Escalation, Duty])
