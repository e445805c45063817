"""Query parameters: junk is refused with a 422 naming the parameter."""

import datetime as dt

import pytest

from ecogov.core.errors import ValidationFailed
from ecogov.core.params import date_param, id_param, int_param, month_param, year_param


def test_good_values_and_defaults():
    assert year_param("2026") == 2026 and year_param("", 2025) == 2025
    assert month_param(" 3 ") == 3
    assert date_param("2026-03-01") == dt.date(2026, 3, 1) and date_param(None) is None
    assert id_param("42") == 42 and int_param("page", None, 1) == 1


@pytest.mark.parametrize("call", [
    lambda: year_param("abc"), lambda: year_param("-1"), lambda: year_param("99999999999999999999"),
    lambda: month_param("13"), lambda: date_param("2026-13-01"), lambda: date_param("0001-01-01"),
    lambda: id_param("0"), lambda: id_param("1" * 30), lambda: int_param("page", "1.5"),
])
def test_junk_is_a_validation_error(call):
    with pytest.raises(ValidationFailed) as err:
        call()
    assert err.value.code == "bad_parameter" and err.value.status == 422
    assert "参数" in err.value.message_zh and "Parameter" in err.value.message_en
