from django.urls import path

from . import public_views

app_name = "reports_public"

urlpatterns = [
    path("", public_views.bulletin_list, name="bulletin_list"),
    path("<int:pk>/", public_views.bulletin_detail, name="bulletin_detail"),
    path("<int:pk>/file.<str:fmt>", public_views.bulletin_file, name="bulletin_file"),
]
