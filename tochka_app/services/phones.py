"""Phone numbers: parse what people type and store E.164."""

import phonenumbers

from tochka_app.services.errors import ErrorCode, ServiceError

DEFAULT_REGION = "RU"


class PhoneError(ErrorCode):
    invalid = "phone.invalid"


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """'8 900 123-45-67', '+7 (900) 123 45 67', '9001234567' -> '+79001234567'."""
    text = (raw or "").strip()
    if not text or len(text) > 32:
        raise ServiceError(PhoneError.invalid, field="phone")
    digits = "".join(ch for ch in text if ch.isdigit())
    if not text.startswith("+") and len(digits) == 10 and region == "RU":
        text = "+7" + digits  # a Russian number typed without the country prefix
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ServiceError(PhoneError.invalid, field="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ServiceError(PhoneError.invalid, field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
