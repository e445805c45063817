from django.urls import include, path

from . import views, views_reports

app_name = "rectification"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/close/", views.item_close, name="item_close"),
    path("items/<int:pk>/move/<str:to>/", views.item_move, name="item_move"),
    path("items/<int:pk>/report/", views.item_report, name="item_report"),
    path("items/<int:pk>/milestone/", views.milestone_add, name="milestone_add"),
    path("items/<int:pk>/extend/", views.item_extend, name="item_extend"),
    path("items/<int:pk>/task/", views.task_add, name="task_add"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/import/", views.batch_import, name="batch_import"),
    path("batches/<int:pk>/problem/", views.problem_add, name="problem_add"),
    path("import-template/", views.import_template, name="import_template"),
    path("red-list/", views_reports.red_list, name="red_list"),
    path("weekly/", views_reports.weekly, name="weekly"),
    path("patrols/", views_reports.patrols, name="patrols"),
    path("bulletin.docx", views_reports.bulletin, name="bulletin"),
    path("", include("ecogov.rectification.responsibility.urls")),
]
