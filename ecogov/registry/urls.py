from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.object_list, name="object_list"),
    path("objects/new/", views.object_create, name="object_create"),
    path("objects/import/", views.object_import, name="object_import"),
    path("objects/import/template.xlsx", views.import_template, name="import_template"),
    path("objects/<int:pk>/", views.object_detail, name="object_detail"),
    path("objects/<int:pk>/edit/", views.object_edit, name="object_edit"),
    path("objects/<int:pk>/class/", views.object_set_class, name="object_set_class"),
    path("objects/<int:pk>/positive-list/", views.object_positive_list, name="object_positive_list"),
    path("objects/<int:pk>/commitments/", views.commitment_add, name="commitment_add"),
    path("objects/<int:pk>/cp-audits/", views.cp_audit_add, name="cp_audit_add"),
    path("objects/<int:pk>/permits/", views.permit_add, name="permit_add"),
    path("permits/<int:pk>/reports/", views.permit_generate_reports, name="permit_generate_reports"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("permits/", views.permit_list, name="permit_list"),
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/new/", views.registration_create, name="registration_create"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/rates/", views.report_rates, name="report_rates"),
]
