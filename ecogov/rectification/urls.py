from django.urls import path

from . import views

app_name = "rectification"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("items/<int:pk>/close/", views.item_close, name="item_close"),
]
