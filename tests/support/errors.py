"""Asserting on the one error contract: what a service refused with."""

from tochka_app.services.errors import ServiceError


def refusal(call, *args, **kwargs) -> str | None:
    """The code `call(*args)` refused with (its i18n id), or None when it went through."""
    try:
        call(*args, **kwargs)
    except ServiceError as error:
        return error.message_id
    return None
