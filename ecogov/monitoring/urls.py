from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.station_list, name="station_list"),
    path("stations/<str:code>/", views.station_detail, name="station_detail"),
    path("report/", views.city_report, name="city_report"),
    path("water/", views.section_list, name="section_list"),
    path("water/<str:code>/", views.section_detail, name="section_detail"),
    path("water/sources/<str:code>/", views.source_detail, name="source_detail"),
    path("ingest/", views.batch_list, name="batch_list"),
    path("ingest/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("ingest/upload/", views.upload, name="upload"),
    path("warnings/", views.warning_list, name="warning_list"),
    path("warnings/new/", views.warning_create, name="warning_create"),
    path("warnings/forecast/", views.forecast_create, name="forecast_create"),
    path("warnings/<int:pk>/<str:action>/", views.warning_action, name="warning_action"),
]
