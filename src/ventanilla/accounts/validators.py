"""CURP and RFC validation, on top of python-stdnum.

python-stdnum answers "valid or not"; a citizen needs to know *what* is wrong, so each rule of
the Instructivo Normativo (see /work/shared/reference/mexico-standards.md, section 2) is checked
in turn with its own message, and stdnum's `validate` runs last as the reference implementation.

The CURP's mod-10 check digit is weak (many one-character typos still pass), which is why the
birth date, sex, state and differentiator are checked as well.
"""

import datetime
import re

from stdnum import exceptions as stdnum_exceptions
from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Positions 12–13 of a CURP: the state of birth, or NE (nacido en el extranjero).
CURP_STATES = {
    "AS": "Aguascalientes",
    "BC": "Baja California",
    "BS": "Baja California Sur",
    "CC": "Campeche",
    "CL": "Coahuila",
    "CM": "Colima",
    "CS": "Chiapas",
    "CH": "Chihuahua",
    "DF": "Ciudad de México",
    "DG": "Durango",
    "GT": "Guanajuato",
    "GR": "Guerrero",
    "HG": "Hidalgo",
    "JC": "Jalisco",
    "MC": "Estado de México",
    "MN": "Michoacán",
    "MS": "Morelos",
    "NT": "Nayarit",
    "NL": "Nuevo León",
    "OC": "Oaxaca",
    "PL": "Puebla",
    "QT": "Querétaro",
    "QR": "Quintana Roo",
    "SP": "San Luis Potosí",
    "SL": "Sinaloa",
    "SR": "Sonora",
    "TC": "Tabasco",
    "TS": "Tamaulipas",
    "TL": "Tlaxcala",
    "VZ": "Veracruz",
    "YN": "Yucatán",
    "ZS": "Zacatecas",
    "NE": "Nacido en el extranjero",
}

CURP_MESSAGES = {
    "length": _("A CURP has exactly 18 characters."),
    "format": _(
        "The CURP does not have the right format: 4 letters, 6 digits of the birth date, "
        "6 letters, a letter or digit and a final digit."
    ),
    "inconvenient_word": _(
        "The first four letters of a CURP never form an inconvenient word (RENAPO replaces the "
        "second letter with an X). Please check the CURP."
    ),
    "birth_date": _("The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date."),
    "sex": _("Character 11 of the CURP must be H (hombre) or M (mujer)."),
    "state": _(
        "Characters 12 and 13 of the CURP must be a Mexican state code (for example DF, JC, NL) "
        "or NE for people born abroad."
    ),
    "differentiator": _(
        "Character 17 of the CURP must be a digit for people born before 2000 and a letter for "
        "people born from 2000 on; it does not match the birth date."
    ),
    "check_digit": _(
        "The last character of the CURP (the check digit) does not match the others. "
        "Please check the CURP for typing mistakes."
    ),
}

_CURP_RE = re.compile(r"^[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]$")


def normalize_curp(value: str) -> str:
    """Upper case, without spaces or dashes: the form the CURP is stored in."""
    return stdnum_curp.compact(value or "")


def _curp_error(code: str) -> ValidationError:
    return ValidationError(CURP_MESSAGES[code], code=f"curp_{code}")


def curp_birth_date(curp: str) -> datetime.date | None:
    """The birth date a (well-formed) CURP encodes, the century taken from character 17."""
    try:
        return stdnum_curp.get_birth_date(curp)
    except (stdnum_exceptions.ValidationError, ValueError, IndexError):
        return None


def validate_curp(value: str) -> None:
    """Raise a ValidationError whose message says which CURP rule `value` breaks."""
    curp = normalize_curp(value)
    if len(curp) != 18:
        raise _curp_error("length")
    if not _CURP_RE.match(curp):
        raise _curp_error("format")
    if curp[:4] in stdnum_curp._name_blacklist:
        raise _curp_error("inconvenient_word")
    birth_date = curp_birth_date(curp)
    if birth_date is None:
        raise _curp_error("birth_date")
    if curp[10] not in ("H", "M"):
        raise _curp_error("sex")
    if curp[11:13] not in CURP_STATES:
        raise _curp_error("state")
    # The century comes from the differentiator: a letter on a "future" date means the
    # person was born in the 1900s yet was given a post-2000 differentiator.
    if birth_date > timezone.localdate():
        raise _curp_error("differentiator")
    if curp[17] != stdnum_curp.calc_check_digit(curp):
        raise _curp_error("check_digit")
    # The reference implementation has the last word on anything the rules above missed.
    try:
        stdnum_curp.validate(curp)
    except stdnum_exceptions.ValidationError as exc:
        raise _curp_error("format") from exc


RFC_MESSAGES = {
    "length": _(
        "An RFC has 13 characters for individuals (persona física) or 12 for companies "
        "(persona moral), including the homoclave."
    ),
    "format": _(
        "The RFC does not have the right format: 4 letters (3 for companies), 6 digits of the "
        "date and a 3-character homoclave."
    ),
    "inconvenient_word": _("The first four letters of an RFC never form an inconvenient word."),
    "date": _("The date in the RFC (the 6 digits after the letters, YYMMDD) is not a real date."),
    "homoclave": _("The homoclave (last 3 characters) of the RFC is not valid."),
}

# SAT's generic RFCs: "público en general" fails the check digit, "extranjeros" has a 00
# homoclave; both are legitimate and whitelisted.
GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})


def normalize_rfc(value: str) -> str:
    return stdnum_rfc.compact(value or "")


def validate_rfc(value: str) -> None:
    """Raise a ValidationError when `value` cannot be an RFC.

    A check digit that does not match is *not* an error: SAT has issued RFCs whose check
    digit fails (python-stdnum estimates 1.5 %); see `rfc_warnings`.
    """
    rfc = normalize_rfc(value)
    if rfc in GENERIC_RFCS:
        return
    if len(rfc) not in (12, 13):
        raise ValidationError(RFC_MESSAGES["length"], code="rfc_length")
    try:
        stdnum_rfc.validate(rfc, validate_check_digits=False)
    except stdnum_exceptions.InvalidFormat as exc:
        raise ValidationError(RFC_MESSAGES["format"], code="rfc_format") from exc
    except stdnum_exceptions.InvalidComponent as exc:
        if len(rfc) == 13 and rfc[:4] in stdnum_rfc._name_blacklist:
            raise ValidationError(RFC_MESSAGES["inconvenient_word"], code="rfc_inconvenient_word") from exc
        raise ValidationError(RFC_MESSAGES["date"], code="rfc_date") from exc
    if not re.match(r"^[1-9A-V][1-9A-Z][0-9A]$", rfc[-3:]):
        raise ValidationError(RFC_MESSAGES["homoclave"], code="rfc_homoclave")


def rfc_warnings(value: str) -> list[str]:
    """Messages worth showing about a valid RFC (today: a check digit that does not match)."""
    rfc = normalize_rfc(value)
    if not rfc or rfc in GENERIC_RFCS:
        return []
    if rfc[-1] != stdnum_rfc.calc_check_digit(rfc[:-1]):
        return [
            str(
                _(
                    "The check digit of the RFC %(rfc)s does not match. We saved it as you typed "
                    "it, since SAT has issued some RFCs like this; please confirm it against your "
                    "Constancia de Situación Fiscal."
                )
                % {"rfc": rfc}
            )
        ]
    return []


_PHONE_ALLOWED_RE = re.compile(r"^\+?[0-9 ()\-.]+$")


def validate_phone(value: str) -> None:
    """A Mexican number has 10 digits (since the 2019 numbering plan); others start with +."""
    digits = re.sub(r"[^0-9]", "", value or "")
    if not _PHONE_ALLOWED_RE.match(value or ""):
        raise ValidationError(
            _("A phone number may contain only digits, spaces, dashes, parentheses and a leading +."),
            code="phone_characters",
        )
    if value.strip().startswith("+"):
        if not 8 <= len(digits) <= 15:
            raise ValidationError(
                _("An international phone number has between 8 and 15 digits after the +."),
                code="phone_length",
            )
    elif len(digits) != 10:
        raise ValidationError(_("A Mexican phone number has 10 digits."), code="phone_length")
