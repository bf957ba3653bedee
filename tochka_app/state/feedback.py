"""How a refusal reaches the person: the one place a `ServiceError` becomes words.

A refusal naming form fields is shown under those fields (`field_errors`, read by
`components/forms.field_error(State.field_errors, name)` / `form_error`) and keeps everything
typed (forms are uncontrolled); any other refusal is a red toast and
stays in `action_error` for pages that show it next to the controls. Mixed into the two session
states (workspace and admin), so every handler of every page answers the same way.
"""

import reflex as rx

from tochka_app.i18n import gettext_
from tochka_app.services.errors import ServiceError


def message(lang: str, error: ServiceError) -> str:
    return gettext_(lang, error.message_id, **error.params)


class FeedbackMixin(rx.State, mixin=True):
    action_error: str = ""  # the last refused action, in words
    field_errors: dict[str, str] = {}  # form field -> what is wrong with it
    refused_code: str = ""  # the code of the last refusal, for pages that offer a way out

    def _clear_feedback(self) -> None:
        self.action_error, self.field_errors, self.refused_code = "", {}, ""

    def _refuse(self, error: ServiceError):
        """Show the refusal; returns the event to send (a toast), or None for a field error."""
        lang = self.lang  # type: ignore[attr-defined]  # from I18nState
        text = message(lang, error)
        self.refused_code = str(error.code)
        if error.fields:
            self.field_errors = {
                name: gettext_(lang, str(code), **error.params)
                for name, code in error.fields.items()
            }
            return None
        self.action_error = text
        return rx.toast.error(text)

    def _done(self, message_id: str | None):
        """The success toast of an action (none when the page itself shows the result)."""
        return rx.toast.success(gettext_(self.lang, message_id)) if message_id else None  # type: ignore[attr-defined]
