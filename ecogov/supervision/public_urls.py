from django.urls import path

from . import public_views

app_name = "supervision_public"


urlpatterns = [
    path("", public_views.plan_list, name="plan_list"),
    path("<str:code>/", public_views.plan_results, name="plan_results"),
    path("<str:code>/pool.txt", public_views.plan_snapshot, name="plan_snapshot"),
]
