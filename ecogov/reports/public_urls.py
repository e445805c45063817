from django.urls import path

from . import public_views

app_name = "reports_public"

urlpatterns = [
    path("", public_views.bulletin_list, name="bulletin_list"),
    path("<int:pk>/", public_views.bulletin_detail, name="bulletin_detail"),
    path("<int:pk>/file.docx", public_views.bulletin_file, {"fmt": "docx"}, name="bulletin_docx"),
    path("<int:pk>/file.pdf", public_views.bulletin_file, {"fmt": "pdf"}, name="bulletin_pdf"),
]
