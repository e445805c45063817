"""Reward pages, included in the ``complaints`` namespace by ``complaints/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("rewards/", views.reward_list, name="reward_list"),
    path("rewards/<int:pk>/", views.reward_detail, name="reward_detail"),
    path("<int:pk>/reward/", views.reward_propose, name="reward_propose"),
    path("rewards/<int:pk>/<str:step>/", views.reward_step, name="reward_step"),
]
