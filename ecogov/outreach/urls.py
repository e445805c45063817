from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("open-days/", views.openday_list, name="openday_list"),
    path("open-days/<int:pk>/", views.openday_detail, name="openday_detail"),
    path("open-days/<int:pk>/reveal/", views.registrations_reveal, name="registrations_reveal"),
    path("open-days/<int:pk>/attendance/", views.openday_attendance, name="openday_attendance"),
    path("open-days/new/", views.event_create, name="event_create"),
]
