from django.urls import path

from . import views

app_name = "thirdparty"

urlpatterns = [
    path("stations/", views.station_list, name="station_list"),
    path("stations/new/", views.station_create, name="station_create"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("stations/<int:pk>/lines/new/", views.line_create, name="line_create"),
    path("records/", views.record_list, name="record_list"),
    path("records/upload/", views.record_upload, name="record_upload"),
    path("records/template/", views.upload_template, name="upload_template"),
    path("hits/", views.hit_list, name="hit_list"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("hits/<int:pk>/dismiss/", views.hit_dismiss, name="hit_dismiss"),
    path("hits/<int:pk>/refer/", views.hit_refer, name="hit_refer"),
    path("hits/<int:pk>/punished/", views.hit_punished, name="hit_punished"),
]

from . import views_waste  # noqa: E402

urlpatterns += [
    path("waste/points/", views_waste.point_list, name="waste_points"),
    path("waste/records/", views_waste.record_list, name="waste_records"),
    path("waste/records/new/", views_waste.record_create, name="waste_record_create"),
    path("waste/records/import/", views_waste.record_import, name="waste_import"),
    path("waste/records/template/", views_waste.import_template, name="waste_import_template"),
    path("waste/rates/", views_waste.rate_table, name="waste_rates"),
    path("sources/", views_waste.source_list, name="sources"),
    path("sources/store/", views_waste.source_store, name="source_store"),
]

from . import views_dust  # noqa: E402

urlpatterns += [
    path("dust/", views_dust.duty_list, name="duty_list"),
    path("dust/<int:pk>/", views_dust.duty_detail, name="duty_detail"),
    path("dust/<int:pk>/inspect/", views_dust.duty_inspect, name="duty_inspect"),
    path("dust/<int:pk>/review/", views_dust.duty_review, name="duty_review"),
    path("trucks/", views_dust.truck_list, name="truck_list"),
    path("trucks/violations/", views_dust.truck_violation_list, name="truck_violations"),
    path("trucks/<int:pk>/", views_dust.truck_detail, name="truck_detail"),
]
