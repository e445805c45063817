from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("preview/", views.preview, name="preview"),
    path("generate/", views.generate, name="generate"),
    path("archive/", views.archive, name="archive"),
    path("briefings/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/issue/", views.briefing_issue, name="briefing_issue"),
    path("briefings/<int:pk>/delete/", views.briefing_delete, name="briefing_delete"),
    path("briefings/<int:pk>/pdf/", views.briefing_pdf, name="briefing_pdf"),
    path("briefings/<int:pk>/file.docx", views.briefing_file, {"fmt": "docx"}, name="briefing_docx"),
    path("briefings/<int:pk>/file.pdf", views.briefing_file, {"fmt": "pdf"}, name="briefing_pdf_file"),
    path("briefings/<int:pk>/charts/<str:key>/<int:n>.png", views.briefing_chart, name="briefing_chart"),
    path("types/", views.type_list, name="type_list"),
    path("types/<str:kind>/", views.type_edit, name="type_edit"),
    path("types/<str:kind>/template.docx", views.type_template, name="type_template"),
]
