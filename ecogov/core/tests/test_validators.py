"""USCC (GB 32100-2015) validation."""

import pytest
from django.core.exceptions import ValidationError

from ecogov.core.validators import uscc_check_char, uscc_problem, validate_uscc

# The standard's own example code. Check character by hand, GB 32100-2015 §4.3:
# characters 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 have values 9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4
# (M = 21, Y = 30 in the 31-character set) and weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
# 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
# 1640 mod 31 = 28; 31 - 28 = 3 -> check character "3".
VALID = "91350100M000100Y43"


def test_check_character_by_hand():
    assert uscc_check_char(VALID[:17]) == "3"
    assert uscc_problem(VALID) is None
    validate_uscc(VALID)


def test_lowercase_and_spaces_are_normalised():
    assert uscc_problem(" 91350100m000100y43 ") is None


def test_wrong_check_character_names_the_expected_one():
    zh, en = uscc_problem(VALID[:17] + "4")
    assert "校验码" in zh and "expected 3" in en
    with pytest.raises(ValidationError):
        validate_uscc(VALID[:17] + "4")


@pytest.mark.parametrize("code", [VALID[:17], VALID + "0", ""])
def test_wrong_length(code):
    zh, en = uscc_problem(code)
    assert "18" in zh and f"got {len(code)}" in en


def test_forbidden_letters():
    # I, O, Z, S, V are not in the character set.
    zh, en = uscc_problem("91350100I000100Y43")
    assert "I" in en and "不允许" in zh


def test_check_character_31_is_written_0():
    # Find a 17-character body whose weighted sum is a multiple of 31: all zeros (sum 0).
    assert uscc_check_char("0" * 17) == "0"


def test_masking_of_personal_data():
    from ecogov.core.privacy import mask_contact, mask_email, mask_name, mask_phone

    assert mask_name("王大明") == "王**"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_email("zhang@example.cn") == "z****@example.cn"
    assert mask_contact("13812345678") == "138****5678" and mask_contact("a@b.cn") == "a*@b.cn"
