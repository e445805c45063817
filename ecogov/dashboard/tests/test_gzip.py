"""The map's layers go out gzipped to a browser that accepts it, and unzip to the same GeoJSON."""

import gzip
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _both(client, url):
    plain = client.get(url)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    return plain, zipped


def test_a_staff_layer_is_gzipped_and_unzips_to_the_same_features(sources, officer, client_for):
    plain, zipped = _both(client_for(officer), "/dashboard/map/layers/inventory-restaurant/?zoom=16")
    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    body = json.loads(gzip.decompress(zipped.content))
    assert body == plain.json() and len(body["features"]) >= 4
    assert len(zipped.content) < len(plain.content)


def test_a_public_layer_is_gzipped_too(station):
    plain, zipped = _both(Client(), "/public/dashboard/map/layers/monitoring-stations/")
    assert zipped["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
