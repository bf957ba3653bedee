"""What a form says when the server refused it (see state/feedback.py)."""

import reflex as rx


def form_error(state, field: str, **props) -> rx.Component:
    """Under a form: what is wrong with `field`, or else why the whole action was refused."""
    text = rx.cond(state.field_errors.contains(field), state.field_errors[field],
                   state.action_error)
    return rx.cond(text != "", rx.text(text, size="2", color=rx.color("red", 11), role="alert",
                                       **props))


def field_error(state, field: str, **props) -> rx.Component:
    """Under one input: what is wrong with it."""
    return rx.cond(state.field_errors.contains(field),
                   rx.text(state.field_errors[field], size="1", color=rx.color("red", 11),
                           role="alert", **props))
