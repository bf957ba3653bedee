"""Typed errors raised by services; states turn them into messages next to the field."""


class ServiceError(Exception):
    """A rule was broken. `message_id` is an i18n key, `field` the form field it concerns."""

    def __init__(self, message_id: str, field: str | None = None, **params):
        super().__init__(message_id)
        self.message_id = message_id
        self.field = field
        self.params = params


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass
