from django.urls import path

from . import views, views_mobile

app_name = "inventory"

urlpatterns = [
    path("", views.source_list, name="source_list"),
    path("checks/", views.check_list, name="check_list"),
    path("import/", views.source_import, name="source_import"),
    path("import/template/", views.import_template, name="import_template"),
    path("mobile/", views_mobile.run_list, name="mobile_run_list"),
    path("mobile/import/", views_mobile.run_import, name="mobile_run_import"),
    path("mobile/import/template/", views_mobile.run_template, name="mobile_run_template"),
    path("mobile/<int:pk>/", views_mobile.run_detail, name="mobile_run_detail"),
    path("<int:pk>/", views.source_detail, name="source_detail"),
    path("<int:pk>/check/", views.check_add, name="check_add"),
]
