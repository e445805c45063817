from django.urls import include, path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/", views.complaint_create, name="complaint_create"),
    path("<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("<int:pk>/reveal/", views.reporter_reveal, name="reporter_reveal"),
    path("<int:pk>/move/<str:to>/", views.complaint_transition, name="complaint_transition"),
    path("<int:pk>/merge-into/<int:target>/", views.complaint_merge_into, name="complaint_merge_into"),
    path("<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("<int:pk>/penalty-case/", views.complaint_penalty_case, name="complaint_penalty_case"),
    path("<int:pk>/inspection/", views.complaint_inspection, name="complaint_inspection"),
    path("<int:pk>/inspection/link/", views.complaint_inspection_link, name="complaint_inspection_link"),
    path("<int:pk>/rate/", views.complaint_rate, name="complaint_rate"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("", include("ecogov.complaints.rewards.urls")),
    path("", include("ecogov.complaints.report.urls")),
    path("categories/", views.category_list, name="category_list"),
    path("categories/<int:pk>/", views.category_list, name="category_edit"),
]
