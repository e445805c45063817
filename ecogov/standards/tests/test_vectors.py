"""Every shared vector, in the scalar AND the array path.

Trusted vectors must pass exactly; untrusted ones pass with the standard-correct
``expected``; ``policy:*`` vectors pass with the documented convention
(docs/standards.md): cap at 500, rounding on request, pH outside 6-9 is 劣V.
"""

from __future__ import annotations

import numpy as np
import pytest

from ecogov.standards import (
    aqi_daily,
    aqi_daily_array,
    aqi_hourly,
    aqi_hourly_array,
    category,
    iaqi,
    iaqi_array,
    primary_names,
    section_class,
    water_item_class,
)

from .conftest import VECTORS, load_vectors

VECTORS_LIST = load_vectors()
pytestmark = pytest.mark.skipif(not VECTORS_LIST, reason=f"shared vectors not found at {VECTORS}")
KNOWN_POLICIES = {"policy:cap500", "policy:round_inputs", "policy:invalid_ph"}


def _ids(kind):
    return [v for v in VECTORS_LIST if v["kind"] == kind]


def _id(v):
    return f"{v['kind']}-{v['input']}"


def test_vector_file_complete():
    assert len(VECTORS_LIST) == 202
    policies = {v["trusted"] for v in VECTORS_LIST if isinstance(v["trusted"], str)}
    assert policies <= KNOWN_POLICIES, "a new policy:* vector needs a documented convention"


@pytest.mark.parametrize("v", _ids("iaqi"), ids=_id)
def test_iaqi(v):
    inp = v["input"]
    kw = {"version": inp["version"]}
    if "round_inputs" in inp:
        kw["round_inputs"] = inp["round_inputs"]
    assert iaqi(inp["indicator"], inp["value"], **kw) == v["expected"]["iaqi"]
    arr = iaqi_array(inp["indicator"], np.array([inp["value"]], dtype=float), **kw)
    expected = v["expected"]["iaqi"]
    assert int(arr[0]) == (-1 if expected is None else expected)


@pytest.mark.parametrize("v", _ids("category"), ids=_id)
def test_category(v):
    for version in ("2012", "2026"):
        cat = category(v["input"]["aqi"], version=version)
        assert cat is not None and cat.level_no == v["expected"]["level_no"]


def _as_arrays(values):
    return {k: np.array([np.nan if x is None else x], dtype=float) for k, x in values.items()}


def _check_aqi(result, arrays, expected):
    if "aqi_published" in expected:
        assert result.published is expected["aqi_published"]
        assert bool(arrays.published[0]) is expected["aqi_published"]
        return
    assert result.aqi == expected["aqi"]
    assert list(result.primary) == sorted(expected["primary"])
    assert int(arrays.aqi[0]) == expected["aqi"]
    assert list(primary_names(arrays.primary[0])) == sorted(expected["primary"])
    if "complete" in expected:
        assert result.complete is expected["complete"]
        assert bool(arrays.complete[0]) is expected["complete"]


@pytest.mark.parametrize("v", _ids("aqi_day"), ids=_id)
def test_aqi_day(v):
    inp = v["input"]
    result = aqi_daily(inp["values"], version=inp["version"])
    arrays = aqi_daily_array(_as_arrays(inp["values"]), version=inp["version"])
    _check_aqi(result, arrays, v["expected"])


@pytest.mark.parametrize("v", _ids("aqi_hour") + _ids("aqi_hour_cnemc_official"), ids=_id)
def test_aqi_hour(v):
    inp = v["input"]
    kw = {"version": inp["version"], "method": inp["method"]}
    result = aqi_hourly(inp["values"], **kw)
    arrays = aqi_hourly_array(_as_arrays(inp["values"]), **kw)
    _check_aqi(result, arrays, v["expected"])


@pytest.mark.parametrize("v", _ids("water_item_class"), ids=_id)
def test_water_item_class(v):
    inp = v["input"]
    assert water_item_class(inp["item"], inp["value"], waterbody=inp["waterbody"]) == v["expected"]["class"]


@pytest.mark.parametrize("v", _ids("water_class"), ids=_id)
def test_water_class(v):
    inp = v["input"]
    assert section_class(inp["values"], waterbody=inp["waterbody"]).klass == v["expected"]["class"]
