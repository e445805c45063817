from django.urls import path

from . import inspection_views, manage_views, openday_views, report_views, reward_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/", views.complaint_create, name="complaint_create"),
    path("<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("<int:pk>/move/<str:to>/", views.complaint_transition, name="complaint_transition"),
    path("<int:pk>/merge-into/<int:target>/", views.complaint_merge_into, name="complaint_merge_into"),
    path("<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("<int:pk>/penalty-case/", views.complaint_penalty_case, name="complaint_penalty_case"),
    path("<int:pk>/inspection/", inspection_views.complaint_inspection, name="complaint_inspection"),
    path("<int:pk>/inspection/link/", inspection_views.complaint_inspection_link, name="complaint_inspection_link"),
    path("<int:pk>/rate/", views.complaint_rate, name="complaint_rate"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("rewards/", reward_views.reward_list, name="reward_list"),
    path("<int:pk>/reward/", reward_views.reward_propose, name="reward_propose"),
    path("rewards/<int:pk>/<str:step>/", reward_views.reward_step, name="reward_step"),
    path("report/", report_views.report_monthly, name="report_monthly"),
    path("open-days/", openday_views.openday_list, name="openday_list"),
    path("open-days/<int:pk>/", openday_views.openday_detail, name="openday_detail"),
    path("open-days/<int:pk>/attendance/", openday_views.openday_attendance, name="openday_attendance"),
    path("open-days/new/", manage_views.event_create, name="event_create"),
    path("categories/", manage_views.category_list, name="category_list"),
    path("categories/<int:pk>/", manage_views.category_list, name="category_edit"),
]
