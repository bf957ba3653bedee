"""Form pieces shared by every page: a labelled input and the error line under a field."""

import reflex as rx


def field_error(errors, key: str) -> rx.Component:
    """The message for `key` from a state's `errors: dict[str, str]`, shown under its field."""
    return rx.cond(errors.contains(key),
                   rx.text(errors[key], size="1", color=rx.color("red", 11),
                           class_name="field-error", id=f"{key}-error"))


def form_field(label, name: str, value, errors, *, control=None, **props) -> rx.Component:
    """Label + input (uncontrolled: `value` is its default) + error line.

    `control` replaces the input (a select, a text area...) when given.
    """
    widget = control if control is not None else rx.input(
        id=name, name=name, default_value=value, **{"width": "100%", **props})
    return rx.vstack(
        rx.text(label, as_="label", html_for=name, size="2", weight="medium"),
        widget,
        field_error(errors, name),
        spacing="1", width="100%",
    )
