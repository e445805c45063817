from django.urls import path

from . import public_views

app_name = "outreach_public"

urlpatterns = [
    path("open-days/", public_views.public_list, name="openday_list"),
    path("open-days/<int:pk>/", public_views.public_register, name="openday_register"),
]
