"""What the browser is told when a handler fails on the server."""

import reflex as rx
from reflex.app import default_backend_exception_handler

from tochka_app.db import ReadOnlyVisitError
from tochka_app.i18n import gettext_
from tochka_app.settings import get_settings


def backend_exception_handler(exception: Exception):
    """A write refused during a read-only admin visit is an expected answer, not a crash: a plain
    notice (in the platform's default language: the handler has no state to read the visitor's
    choice from). Anything else goes to Reflex's handler, which logs it."""
    if isinstance(exception, ReadOnlyVisitError):
        return rx.toast.warning(
            gettext_(get_settings().default_locale, "app.read_only_refused"), id="read-only-refused"
        )
    return default_backend_exception_handler(exception)
