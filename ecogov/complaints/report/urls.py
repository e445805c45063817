"""The report page, included in the ``complaints`` namespace by ``complaints/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("report/", views.report_monthly, name="report_monthly"),
]
