"""How the sign-in pages run their steps. They are not workspace handlers (the visitor may have
no session, or no workspace yet), so they do not go through `SessionState._run`, but they keep
its error contract: services raise `ServiceError`, and `_show` turns it into words.

Every refusal of a sign-in page is shown in the page's own callout (`#auth-error`, from
`field_errors` / `action_error`), never as a toast. Two ways to run a step:
- `_attempt(operation, then=...)`: a sign-in *attempt* (ask for a code, type it, confirm a link). It runs
  in one transaction that is committed even when refused, because a refused attempt still
  counts: the wrong code's try, the audit row the throttles read, the flow that is used up.
- a step of the signed-in person (first workspace, the link confirmation page) goes through
  `SessionState._run_signed_in`, like the invitations do."""

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from sqlmodel import Session

from tochka_app import db
from tochka_app.services.errors import ServiceError

T = TypeVar("T")


class SignInFlow(rx.State, mixin=True):
    def _refuse(self, error: ServiceError):
        """Show a refusal in the page's callout; the toast FeedbackMixin (later in the MRO)
        returns is dropped."""
        super()._refuse(error)

    def _show(self, error: ServiceError) -> None:
        return self._refuse(error)

    def _attempt(
        self,
        operation: Callable[[Session], T],
        *,
        then: Callable[[T], Any] = lambda result: result,
        refused: Callable[[ServiceError], Any] | None = None,
    ):
        """Run `operation(session)` in one transaction that is committed even when refused, and
        answer `then(result)`; a refusal is shown by `refused(error)` (default `_show`: None)."""
        self._clear_feedback()  # FeedbackMixin, later in the MRO
        refusal: ServiceError | None = None
        with db.session_scope() as session:
            try:
                result = operation(session)
            except ServiceError as error:
                refusal = error
        if refusal is not None:
            return (refused or self._show)(refusal)
        return then(result)
