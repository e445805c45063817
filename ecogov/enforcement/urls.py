from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/transition/", views.case_transition, name="case_transition"),
    path("cases/<int:pk>/action/", views.case_action, name="case_action"),
    path("cases/from-inspection/", views.case_from_inspection, name="case_from_inspection"),
    path("overdue/", views.overdue, name="overdue"),
    path("figures/", views.figures, name="figures"),
    path("yellow-cards/", views.yellow_card_list, name="yellow_card_list"),
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("discretion/", views.discretion_list, name="discretion_list"),
]
