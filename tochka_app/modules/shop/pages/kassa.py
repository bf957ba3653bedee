"""`/app/m/shop/kassa`: the tenant's own YooKassa shop — shop id and secret key (stored sealed,
shown masked, never sent back), "check connection" (YooKassa's `GET /v3/me`), and the notification
URL to paste into YooKassa's dashboard."""

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.modules.shop import payment_account, routes
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState

T = I18nState.t


class ShopKassaState(ModuleState):
    shop_id: str = ""
    secret_hint: str = ""
    notify_url: str = ""
    checked_ok: bool = False
    form_key: int = 0

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        view = payment_account.view(session, actor)
        self.shop_id, self.secret_hint, self.checked_ok = (
            view.shop_id,
            view.secret_hint,
            view.checked_ok,
        )
        self.notify_url = get_settings().public_base_url.rstrip("/") + view.notify_path

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.settings)

    @rx.event
    def save(self, form: dict):
        shop_id = str(form.get("shop_id", ""))[:32]
        secret = str(form.get("secret", ""))[:200]
        self.shop_id = shop_id  # kept in the form if refused (the key never is: type it again)
        return self._run(
            ShopPermission.settings,
            lambda session, actor: payment_account.save(
                session, actor, get_settings(), shop_id, secret
            ),
            then=self._saved,
        )

    def _saved(self, _):
        self.form_key += 1  # the key field empties: the stored key is shown only masked
        return self._done("shop.kassa_saved")

    @rx.event
    def check(self):
        return self._run(
            ShopPermission.settings,
            lambda session, actor: payment_account.check(session, actor, get_settings()),
            done="shop.kassa_ok",
        )


@app_page(routes.KASSA, title="title.shop_kassa", on_load=ShopKassaState.load)
def kassa_page() -> rx.Component:
    S = ShopKassaState
    return rx.vstack(
        rx.heading(T["shop.kassa"], size="7"),
        rx.text(T["shop.kassa_intro"], size="2", color=rx.color("gray", 11)),
        rx.card(
            rx.form(
                rx.vstack(
                    rx.text(T["shop.kassa_shop_id_label"], size="2", as_="label"),
                    rx.input(
                        name="shop_id",
                        default_value=S.shop_id,
                        max_length=12,
                        id="kassa-shop-id",
                        inputmode="numeric",
                    ),
                    shared_field_error(S.field_errors, "kassa_shop_id"),
                    rx.text(T["shop.kassa_secret_label"], size="2", as_="label"),
                    rx.input(
                        name="secret",
                        type="password",
                        auto_complete="off",
                        placeholder=rx.cond(S.secret_hint != "", S.secret_hint, "live_…"),
                        id="kassa-secret",
                    ),
                    rx.cond(
                        S.secret_hint != "",
                        rx.text(T["shop.kassa_secret_kept"], size="1", color=rx.color("gray", 10)),
                    ),
                    shared_field_error(S.field_errors, "kassa_secret"),
                    rx.hstack(
                        rx.button(T["shop.save"], type="submit", id="kassa-save"),
                        rx.button(
                            T["shop.kassa_check"],
                            type="button",
                            variant="soft",
                            on_click=S.check,
                            id="kassa-check",
                            disabled=S.secret_hint == "",
                        ),
                        rx.cond(
                            S.checked_ok,
                            rx.badge(
                                T["shop.kassa_connected"], color_scheme="green", id="kassa-ok"
                            ),
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.save,
                key=S.form_key.to_string(),
            ),
            width="100%",
        ),
        rx.card(
            rx.vstack(
                rx.text(T["shop.kassa_notify"], size="2", weight="bold"),
                rx.code(S.notify_url, id="kassa-notify-url", word_break="break-all"),
                rx.text(T["shop.kassa_notify_hint"], size="1", color=rx.color("gray", 10)),
                spacing="2",
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
        max_width="720px",
    )
