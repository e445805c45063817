from django.urls import path

from . import views

app_name = "emergency"

urlpatterns = [
    path("", views.incident_list, name="incident_list"),
    path("new/", views.incident_new, name="incident_new"),
    path("<int:pk>/", views.incident_detail, name="incident_detail"),
    path("<int:pk>/move/<str:to>/", views.incident_move, name="incident_move"),
    path("plans/", views.plan_list, name="plan_list"),
    path("drills/", views.drill_list, name="drill_list"),
    path("drills/new/", views.drill_new, name="drill_new"),
    path("drills/<int:pk>/", views.drill_detail, name="drill_detail"),
    path("findings/<int:pk>/raise/", views.finding_raise, name="finding_raise"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/check/", views.campaign_check, name="campaign_check"),
    path("checks/", views.check_list, name="check_list"),
    path("hazards/", views.hazard_list, name="hazard_list"),
    path("hazards/sync/", views.hazards_sync, name="hazards_sync"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/move/<str:to>/", views.action_move, name="action_move"),
    path("actions/<int:pk>/targets/", views.target_add, name="target_add"),
    path("actions/<int:pk>/targets/from-list/", views.targets_from_list, name="targets_from_list"),
    path("targets/<int:pk>/checks/", views.compliance_add, name="compliance_add"),
    path("reduction-plans/", views.reduction_plan_list, name="reduction_plan_list"),
    path("ozone/", views.ozone_list, name="ozone_list"),
]
