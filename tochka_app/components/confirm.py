"""A button that asks before doing something that cannot be undone."""

import reflex as rx

from tochka_app.state.i18n import I18nState


def confirm_button(
    label, question, on_confirm, *, color_scheme: str = "red", **props
) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(label, color_scheme=color_scheme, variant="soft", size="1", **props)
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(label),
            rx.alert_dialog.description(question),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button(I18nState.t["common.cancel"], variant="soft", color_scheme="gray")
                ),
                rx.alert_dialog.action(
                    rx.button(
                        I18nState.t["common.confirm"],
                        color_scheme=color_scheme,
                        on_click=on_confirm,
                        class_name="confirm-action",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="16px",
            ),
            max_width="420px",
        ),
    )
