"""Open311 GeoReport v2, mounted at /open311/v2/ by ecogov/urls.py."""

from django.urls import re_path

from . import open311

app_name = "open311"

F = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + F, open311.discovery, name="discovery"),
    re_path(r"^services" + F, open311.services_list, name="services"),
    re_path(r"^services/(?P<code>[\w-]+)" + F, open311.service_definition, name="service_definition"),
    re_path(r"^requests" + F, open311.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[\w-]+)" + F, open311.request_detail, name="request_detail"),
    re_path(r"^tokens/(?P<token>\w+)" + F, open311.token_detail, name="token_detail"),
]
