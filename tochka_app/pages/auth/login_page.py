import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import public_page
from tochka_app.components.prefetch import prefetch_route
from tochka_app.pages.auth.external_state import ExternalAuthState
from tochka_app.pages.auth.login_state import LoginState as S
from tochka_app.state.i18n import I18nState

T = I18nState.t


def auth_card(*children, **props) -> rx.Component:
    """Centered card used by the login, onboarding and admin-login pages."""
    return rx.center(
        rx.card(
            rx.vstack(*children, spacing="4", width="100%"),
            size="4",
            width="100%",
            max_width="440px",
        ),
        padding_x="16px",
        padding_y="64px",
        width="100%",
        **props,
    )


# Until the page is live (React hydrated, the websocket open, on_load done) a form would lose
# what is typed into it, or the browser would submit it natively (GET /login?phone=..., the
# number in the address bar and the access log): on a slow phone the prerendered page shows
# long before that. So its fields take input, and its button submits, only once it is live.
NOT_LIVE = ~rx.State.is_hydrated


def error_callout(message) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            id="auth-error",
            width="100%",
        ),
    )


def phone_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T["login.phone"], as_="label", html_for="phone", size="2", weight="medium"),
            rx.input(
                id="phone",
                name="phone",
                type="tel",
                auto_complete="tel",
                placeholder="+7 900 123-45-67",
                default_value=S.phone,
                max_length=32,
                size="3",
                width="100%",
                auto_focus=True,
                read_only=NOT_LIVE,
            ),
            rx.button(
                T["login.get_code"],
                type="submit",
                size="3",
                width="100%",
                loading=S.busy,
                disabled=NOT_LIVE,
                id="get-code",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=S.request_code,
        width="100%",
    )


def telegram_link_box() -> rx.Component:
    return rx.cond(
        S.telegram_url != "",
        rx.vstack(
            rx.link(
                rx.button(
                    rx.icon("send", size=16),
                    T["login.open_bot"],
                    size="3",
                    width="100%",
                    color_scheme="cyan",
                ),
                href=S.telegram_url,
                is_external=True,
                width="100%",
                id="telegram-deep-link",
            ),
            rx.button(
                T["login.linked_retry"],
                variant="soft",
                size="3",
                width="100%",
                on_click=S.resend,
                id="linked-retry",
            ),
            width="100%",
            spacing="2",
        ),
    )


def code_step() -> rx.Component:
    return rx.vstack(
        rx.text(S.sent_message, size="2", color=rx.color("gray", 11), id="code-sent"),
        rx.form(
            rx.vstack(
                rx.text(T["login.code"], as_="label", html_for="code", size="2", weight="medium"),
                rx.input(
                    id="code",
                    name="code",
                    input_mode="numeric",
                    auto_complete="one-time-code",
                    max_length=6,
                    placeholder="123456",
                    size="3",
                    width="100%",
                    auto_focus=True,
                    letter_spacing="0.3em",
                ),
                rx.button(T["login.submit"], type="submit", size="3", width="100%", id="verify"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.verify,
            reset_on_submit=False,
            width="100%",
        ),
        rx.hstack(
            rx.cond(
                S.resend_in > 0,
                rx.text(
                    T["login.resend_in"],
                    " ",
                    S.resend_wait,
                    size="2",
                    color=rx.color("gray", 10),
                    id="resend-countdown",
                ),
                rx.button(
                    T["login.resend"], variant="ghost", size="2", on_click=S.resend, id="resend"
                ),
            ),
            rx.button(
                T["login.change_phone"],
                variant="ghost",
                size="2",
                color_scheme="gray",
                on_click=S.change_phone,
            ),
            justify="between",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def other_ways() -> rx.Component:
    return rx.cond(
        S.vk_enabled | ExternalAuthState.telegram_enabled,
        rx.vstack(
            rx.hstack(
                rx.separator(size="4"),
                rx.text(
                    T["login.other_ways"],
                    size="1",
                    white_space="nowrap",
                    color=rx.color("gray", 10),
                ),
                rx.separator(size="4"),
                align="center",
                width="100%",
            ),
            rx.flex(
                rx.cond(
                    ExternalAuthState.telegram_enabled,
                    rx.button(
                        rx.icon("send", size=16),
                        T["login.telegram"],
                        variant="outline",
                        id="telegram-login",
                        flex="1",
                        on_click=ExternalAuthState.start_telegram,
                    ),
                ),
                rx.cond(
                    S.vk_enabled,
                    rx.button(
                        T["login.vk"],
                        variant="outline",
                        id="vk-login",
                        flex="1",
                        on_click=ExternalAuthState.start_vk,
                    ),
                ),
                width="100%",
                spacing="2",
            ),
            width="100%",
            spacing="3",
        ),
    )


@public_page(routes.LOGIN, title="title.login", on_load=S.load)
def login() -> rx.Component:
    return auth_card(
        prefetch_route(routes.ONBOARDING, routes.APP),
        rx.heading(T["login.title"], size="6"),
        rx.text(T["login.subtitle"], size="2", color=rx.color("gray", 11)),
        error_callout(S.error),
        rx.cond(S.step == "code", code_step(), rx.fragment(phone_step(), telegram_link_box())),
        other_ways(),
        rx.cond(
            S.channel == "dev_inbox", rx.link(T["login.dev_inbox"], href=routes.DEV_INBOX, size="1")
        ),
    )
