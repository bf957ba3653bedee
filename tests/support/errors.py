"""Asserting on the one error contract: what a service refused with."""

from tochka_app.services.errors import ServiceError


def refusal(call, *args, **kwargs) -> str | None:
    """The code `call(*args)` refused with (its i18n id), or None when it went through."""
    try:
        call(*args, **kwargs)
    except ServiceError as error:
        return error.message_id
    return None


def refused_fields(call, *args, **kwargs) -> dict[str, str] | None:
    """The form fields `call(*args)` refused, each with its code; None when it went through."""
    try:
        call(*args, **kwargs)
    except ServiceError as error:
        return {name: str(code) for name, code in error.fields.items()}
    return None
