from django.urls import path

from . import views

app_name = "inventory"

urlpatterns = [
    path("", views.source_list, name="source_list"),
    path("checks/", views.check_list, name="check_list"),
    path("import/", views.source_import, name="source_import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.source_detail, name="source_detail"),
    path("<int:pk>/check/", views.check_add, name="check_add"),
]
