from django.urls import path

from . import views_reports

app_name = "rectification_public"

urlpatterns = [
    path("", views_reports.public_index, name="index"),
]
