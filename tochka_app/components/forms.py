"""Form pieces shared by every page: a labelled input and the error line under a field."""

import reflex as rx

from tochka_app.state.i18n import I18nState


def field_error(errors, key: str) -> rx.Component:
    """The message for `key` from a state's `errors: dict[str, str]`, shown under its field."""
    return rx.cond(
        errors.contains(key),
        rx.text(
            errors[key],
            size="1",
            color=rx.color("red", 11),
            class_name="field-error",
            id=f"{key}-error",
        ),
    )


def form_field(label, name: str, value, errors, *, control=None, **props) -> rx.Component:
    """Label + input (uncontrolled: `value` is its default) + error line.

    `control` replaces the input (a select, a text area...) when given.
    """
    widget = (
        control
        if control is not None
        else rx.input(id=name, name=name, default_value=value, **{"width": "100%", **props})
    )
    return rx.vstack(
        rx.text(label, as_="label", html_for=name, size="2", weight="medium"),
        widget,
        field_error(errors, name),
        spacing="1",
        width="100%",
    )


def form_error(state, field: str, **props) -> rx.Component:
    """Under a form: what is wrong with `field`, or else why the whole action was refused
    (`field_errors` / `action_error` of state/feedback.py)."""
    text = rx.cond(
        state.field_errors.contains(field), state.field_errors[field], state.action_error
    )
    return rx.cond(
        text != "", rx.text(text, size="2", color=rx.color("red", 11), role="alert", **props)
    )


def dialog_actions(save_label, save_id: str) -> rx.Component:
    """The footer of a form in a dialog: "Cancel" closes it, the save button submits the form."""
    return rx.hstack(
        rx.dialog.close(
            rx.button(
                I18nState.t["common.cancel"], variant="soft", color_scheme="gray", type="button"
            )
        ),
        rx.button(save_label, type="submit", id=save_id),
        justify="end",
        width="100%",
    )
