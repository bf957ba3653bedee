import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import public_page
from tochka_app.pages.auth.external_state import ExternalAuthState as S
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.state.i18n import I18nState

T = I18nState.t


def callback_body() -> rx.Component:
    return auth_card(
        rx.heading(T["login.title"], size="6"),
        rx.cond(
            S.action_error != "",
            rx.fragment(
                error_callout(S.action_error),
                rx.link(rx.button(T["nav.login"], width="100%"), href=routes.LOGIN),
            ),
            rx.center(rx.spinner(size="3"), padding="24px"),
        ),
    )


@public_page(routes.VK_CALLBACK, title="title.vk", on_load=S.vk_callback)
def vk_callback() -> rx.Component:
    return callback_body()


@public_page(routes.TELEGRAM_CALLBACK, title="title.telegram", on_load=S.telegram_callback)
def telegram_callback() -> rx.Component:
    return callback_body()
