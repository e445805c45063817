"""Open311 GeoReport v2, mounted at /open311/v2/ (namespace "open311")."""

from django.urls import re_path

from . import views

app_name = "open311"

F = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + F, views.discovery, name="discovery"),
    re_path(r"^services" + F, views.services_list, name="services"),
    re_path(r"^services/(?P<code>[\w-]+)" + F, views.service_definition, name="service_definition"),
    re_path(r"^requests" + F, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[\w-]+)" + F, views.request_detail, name="request_detail"),
    re_path(r"^tokens/(?P<token>\w+)" + F, views.token_detail, name="token_detail"),
]
