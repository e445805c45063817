from django.urls import path

from . import views, views_programmes, views_scorecards

app_name = "assessment"

urlpatterns = [
    path("air/", views.air_assessment, name="air"),
    path("air/province/", views.province_ranking, name="province"),
    path("air/national/", views.national_ranking, name="national"),
    path("water/", views.water_assessment, name="water"),
    path("water/drinking/", views.drinking_water, name="drinking"),
    path("scorecards/", views_scorecards.scorecard, name="scorecards"),
    path("scorecards/<int:pk>/", views_scorecards.unit_detail, name="result"),
    path("scorecards/methodology/<int:pk>/publish/", views_scorecards.publish, name="publish"),
    path("scorecards/corrections/", views_scorecards.corrections, name="corrections"),
    path("scorecards/corrections/new/<int:pk>/", views_scorecards.correction_new, name="correction_new"),
    path("scorecards/corrections/<int:pk>/<str:decision>/", views_scorecards.correction_decide,
         name="correction_decide"),
    path("indicators/", views_scorecards.indicator_list, name="indicators"),
    path("scorecards/vetoes/", views_scorecards.veto_events, name="vetoes"),
    path("scorecards/vetoes/new/", views_scorecards.veto_event_new, name="veto_new"),
    path("eco-indicators/import/", views_programmes.eco_import, name="eco_import"),
    path("eco-indicators/<int:pk>/value/", views_programmes.eco_value, name="eco_value"),
    path("eco-indicators/", views_programmes.exam_paper, name="exam"),
    path("projects/", views_programmes.project_list, name="projects"),
    path("projects/import/", views_programmes.project_import, name="project_import"),
    path("compensation/", views_programmes.compensation, name="compensation"),
]
