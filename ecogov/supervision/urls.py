from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/transition/", views.plan_transition, name="plan_transition"),
    path("plans/<int:pk>/include/", views.plan_include, name="plan_include"),
    path("plans/<int:pk>/ratios/", views.plan_ratios, name="plan_ratios"),
    path("plans/<int:pk>/snapshot.txt", views.plan_snapshot, name="plan_snapshot"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/attachments/<int:att>/", views.inspection_attachment, name="inspection_attachment"),
    path("offsite/", views.offsite_list, name="offsite_list"),
    path("items/", views.item_list, name="item_list"),
    path("coverage/", views.coverage, name="coverage"),
]
