from django.urls import path

from . import views

urlpatterns = [
    path("duties/", views.duty_list, name="duty_list"),
    path("duties/new/", views.duty_add, name="duty_add"),
    path("committees/<int:pk>/meeting/", views.meeting_add, name="meeting_add"),
    path("units/<str:code>/", views.unit_page, name="unit"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/decision/", views.decision_add, name="decision_add"),
]
