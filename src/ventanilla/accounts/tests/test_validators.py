import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from ventanilla.accounts.validators import (
    CURP_MESSAGES,
    RFC_MESSAGES,
    rfc_warnings,
    validate_curp,
    validate_phone,
    validate_rfc,
)

# The valid CURPs of /work/shared/reference/mexico-standards.md, section 2.1.
VALID_CURPS = [
    "BOXW310820HNERXN09",
    "SABC560626MDFLRN01",
    "BEML920313HMCLNS09",
    "PELJ900515HJCRPN03",
    "EAAF030214MNLSRRA2",
    "PXTO850721HPLNRS08",
    "GAXR111130MNEMXSA4",
]


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English unless a test asks for Spanish."""
    with translation.override("en"):
        yield


def curp_error_code(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_curp(value)
    return excinfo.value.code, excinfo.value.messages[0]


class TestValidateCurp:
    @pytest.mark.parametrize("curp", VALID_CURPS)
    def test_accepts_the_reference_curps(self, curp):
        validate_curp(curp)

    def test_accepts_lower_case_and_spaces(self):
        validate_curp(" pelj 900515 hjcrpn03 ")

    @pytest.mark.parametrize(
        ("curp", "code"),
        [
            ("PELJ900515HJCRPN0", "curp_length"),
            ("PELJ900515HJCRPN031", "curp_length"),
            ("PE1J900515HJCRPN03", "curp_format"),
            ("PUTO850721HPLNRS08", "curp_inconvenient_word"),
            # 30 February 1999 does not exist.
            ("PELJ990230HJCRPN03", "curp_birth_date"),
            ("PELJ901315HJCRPN03", "curp_birth_date"),
            ("PELJ900515XJCRPN03", "curp_sex"),
            ("PELJ900515HXXRPN03", "curp_state"),
            # A letter differentiator puts 1990 in 2090: in the future.
            ("PELJ900515HJCRPNA3", "curp_differentiator"),
            ("PELJ900515HJCRPN04", "curp_check_digit"),
        ],
    )
    def test_names_the_rule_a_broken_curp_breaks(self, curp, code):
        assert curp_error_code(curp)[0] == code

    def test_messages_are_distinct_for_each_rule(self):
        messages = [str(message) for message in CURP_MESSAGES.values()]
        assert len(set(messages)) == len(messages)

    def test_bad_date_message_points_at_the_birth_date(self):
        assert curp_error_code("PELJ990230HJCRPN03")[1] == (
            "The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date."
        )

    def test_bad_check_digit_message_in_spanish(self):
        with translation.override("es-mx"):
            message = curp_error_code("PELJ900515HJCRPN04")[1]
        assert message.startswith("El último carácter de la CURP")


class TestValidateRfc:
    @pytest.mark.parametrize(
        "rfc",
        ["GODE561231GR8", "MAB9307148T4", "PELJ9005152A0", "EAAF030214AT6", "XAXX010101000", "XEXX010101000"],
    )
    def test_accepts_valid_rfcs(self, rfc):
        validate_rfc(rfc)
        assert rfc_warnings(rfc) == []

    def test_a_check_digit_mismatch_is_a_warning_not_an_error(self):
        validate_rfc("VACE460910SX6")
        assert rfc_warnings("VACE460910SX6") == [
            "The check digit of the RFC VACE460910SX6 does not match. We saved it as you typed it, "
            "since SAT has issued some RFCs like this; please confirm it against your Constancia "
            "de Situación Fiscal."
        ]

    @pytest.mark.parametrize(
        ("rfc", "code"),
        [
            ("GODE561231", "rfc_length"),
            ("GODE561231GR", "rfc_format"),
            ("G0DE561231GR8", "rfc_format"),
            ("GODE561331GR8", "rfc_date"),
            ("PUTO561231GR8", "rfc_inconvenient_word"),
            ("GODE5612310R8", "rfc_homoclave"),
        ],
    )
    def test_rejects_malformed_rfcs(self, rfc, code):
        with pytest.raises(ValidationError) as excinfo:
            validate_rfc(rfc)
        assert excinfo.value.code == code
        assert excinfo.value.messages[0] == str(RFC_MESSAGES[code.removeprefix("rfc_")])


class TestValidatePhone:
    @pytest.mark.parametrize(
        "phone", ["55 1234 5678", "(33) 1234-5678", "+52 55 1234 5678", "+1 202 555 0100"]
    )
    def test_accepts(self, phone):
        validate_phone(phone)

    @pytest.mark.parametrize(
        ("phone", "code"),
        [
            ("1234 5678", "phone_length"),
            ("55-1234-5678 ext 2", "phone_characters"),
            ("+12345", "phone_length"),
        ],
    )
    def test_rejects(self, phone, code):
        with pytest.raises(ValidationError) as excinfo:
            validate_phone(phone)
        assert excinfo.value.code == code
