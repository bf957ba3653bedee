"""How the sign-in pages run their steps. They are not workspace handlers (the visitor may have
no session, or no workspace yet), so they do not go through `SessionState._run`, but they keep
its error contract: services raise `ServiceError`, and `_show` turns it into words.

Every refusal of a sign-in page is shown in the page's own callout (`#auth-error`, from
`field_errors` / `action_error`), never as a toast. Two ways to run a step:
- `_attempt(operation, then=...)`: a sign-in *attempt* (ask for a code, type it, confirm a link). It runs
  in one transaction that is committed even when refused, because a refused attempt still
  counts: the wrong code's try, the audit row the throttles read, the flow that is used up.
- `_as_user(operation, then=...)`: a step of the signed-in person (first workspace, the link
  confirmation page): anonymous -> /login; a refusal is rolled back (unless `commit_refused`).
This is the one place the sign-in pages check the session by hand."""

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.errors import ServiceError

T = TypeVar("T")


class SignInFlow(rx.State, mixin=True):
    def _show(self, error: ServiceError) -> None:
        """Show a refusal in the page's callout (no toast)."""
        self._refuse(error)  # type: ignore[attr-defined]  # FeedbackMixin of the session state
        return None

    def _attempt(self, operation: Callable[[Session], T], *,
                 then: Callable[[T], Any] = lambda result: result,
                 refused: Callable[[ServiceError], Any] | None = None):
        """Run `operation(session)` in one transaction that is committed even when refused, and
        answer `then(result)`; a refusal is shown by `refused(error)` (default `_show`: None)."""
        self._clear_feedback()  # type: ignore[attr-defined]
        refusal: ServiceError | None = None
        with db.session_scope() as session:
            try:
                result = operation(session)
            except ServiceError as error:
                refusal = error
        if refusal is not None:
            return (refused or self._show)(refusal)
        return then(result)

    def _as_user(self, operation: Callable[[Session, ActiveSession], T], *,
                 then: Callable[[T], Any] = lambda result: None, commit_refused: bool = False):
        """Re-check the session (any signed-in user, with or without a workspace), run
        `operation(session, active)` in one transaction, answer `then(result)`. A refusal is
        rolled back, unless `commit_refused` (the step used something up that stays used)."""
        self._clear_feedback()  # type: ignore[attr-defined]
        refusal: ServiceError | None = None
        try:
            with db.session_scope() as session:
                active = self._active(session)  # type: ignore[attr-defined]
                if active is None:
                    self._clear()  # type: ignore[attr-defined]
                    return rx.redirect(routes.LOGIN)
                try:
                    result = operation(session, active)
                except ServiceError as error:
                    if not commit_refused:
                        raise
                    refusal = error
        except ServiceError as error:
            refusal = error
        if refusal is not None:
            return self._show(refusal)
        return then(result)
