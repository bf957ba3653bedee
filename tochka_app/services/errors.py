"""The one way a service says no: it raises `ServiceError(code, field=None, **params)`.

`code` is a member of a domain's `ErrorCode` enum (as Saleor's `error_codes.py`); its value is the
i18n message id, so the state layer turns any refusal into words in the visitor's language in one
place (`state/feedback.py`): next to the form field named by `field`, or as a toast. Raising (not
returning) means the action's transaction is rolled back: a refused action leaves no half-written
rows. States never compare message strings; they may compare `error.code` with an enum member.
"""

from collections.abc import Mapping
from enum import StrEnum


class ErrorCode(StrEnum):
    """Base of every domain's codes. A test checks each member has a message in every language."""


class CommonError(ErrorCode):
    not_found = "app.not_found"
    forbidden = "app.forbidden"
    read_only = "app.read_only"


class ServiceError(Exception):
    """A rule was broken: `code` names which (an i18n id), `field` the form field it concerns,
    `params` fill the message's placeholders. A form checked as a whole refuses with every
    wrong field at once: `ServiceError.form({"name": Code.x, "slug": Code.y})`."""

    def __init__(self, code: ErrorCode | str, field: str | None = None, **params: object):
        super().__init__(str(code))
        self.code = code
        self.field = field
        self.params = params
        self.fields: dict[str, ErrorCode | str] = {field: code} if field else {}

    @classmethod
    def form(cls, errors: Mapping[str, ErrorCode | str]) -> "ServiceError":
        """One refusal for several fields (the first one is its `code`)."""
        first_field, first_code = next(iter(errors.items()))
        error = cls(first_code, first_field)
        error.fields = dict(errors)
        return error

    @property
    def message_id(self) -> str:
        return str(self.code)

    def __repr__(self) -> str:
        return f"ServiceError({self.message_id!r}, field={self.field!r})"


def parse_id(value: object) -> int:
    """An id the browser sent: a positive integer, or a refusal (never a crash or a wildcard)."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise ServiceError(CommonError.not_found)
    return int(text)
