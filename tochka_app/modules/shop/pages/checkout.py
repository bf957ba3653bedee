"""`/s/<slug>/shop/checkout`: the phone first (confirmed by a code, so contact details typed
later are never lost to a page change), then name, e-mail for the receipt, delivery address or
CDEK point, comment, the summary — and "pay": the order is placed and its stock reserved, a
YooKassa payment is created with the shop's own credentials and a 54-FZ receipt, and the customer
goes to YooKassa. A refusal (sold out, below the minimum, no checkout connected) writes nothing."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.forms import field_error
from tochka_app.components.site import site_page
from tochka_app.i18n import format_money, gettext_
from tochka_app.modules.shop import (
    cart,
    checkout,
    payment_account,
    payments,
    promos,
    routes,
    shop_settings,
)
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.pages.customer_login import ShopLoginState, login_form
from tochka_app.modules.shop.pages.storefront import shop_nav
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class SummaryLine:
    text: str
    total: str


class ShopCheckoutState(ShopLoginState):
    lines: list[SummaryLine] = []
    total: str = ""
    name: str = ""
    email: str = ""
    address: str = ""
    cdek_point: str = ""
    comment: str = ""
    offer_href: str = ""
    paying: bool = False
    promo_code: str = ""  # the code applied, sent with "pay"
    promo_line: str = ""  # "Промокод LETO: скидка 300 ₽"

    @rx.event
    def load(self):
        self.paying = False
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                return redirect
            view = cart.view(session, tenant.id, self._lines(session, tenant.id))
            customer = self._customer(session, tenant.id)
            offer = shop_settings.of(session, tenant.id).offer_page
        if not view.lines:
            return rx.redirect(routes.store(self.site_slug, "/cart"))
        self.lines = [
            SummaryLine(
                f"{line.name} {line.variant_label} × {line.quantity}".strip(),
                format_money(line.price_kopecks * line.quantity, self.lang),
            )
            for line in view.lines
        ]
        self.total = format_money(view.total_kopecks, self.lang)
        if customer is not None and not self.name:
            self.name, self.email = customer.name, customer.email
        self.offer_href = f"{self.router.url.origin}/s/{self.site_slug}/p/{offer}" if offer else ""
        return self._quote() if self.promo_code else None  # does the code still apply?

    def _quote(self):
        """Preview the applied code against the cart as it is now: the summary shows what it
        takes off; a refusal drops the code and says why (under the promo field)."""
        code, lang = self.promo_code, self.lang

        def quote(session, tenant_id: int) -> tuple[promos.Discount, int]:
            view = cart.view(session, tenant_id, self._lines(session, tenant_id))
            wanted = {line.variant_id: line.quantity for line in view.lines}
            customer = self._customer(session, tenant_id)
            phone = customer.phone if customer else ""
            lines = promos.cart_lines(session, tenant_id, wanted)
            return promos.quote(session, tenant_id, code, lines, phone), view.total_kopecks

        def show(result: tuple[promos.Discount, int]) -> None:
            off, items_total = result
            self.promo_code = off.code
            self.promo_line = gettext_(
                lang, "shop.promo_applied", code=off.code, amount=format_money(off.total, lang)
            )
            self.total = format_money(items_total - off.total, lang)

        self.promo_line = ""
        answer = self._store_run(quote, then=show)
        if "promo" in self.field_errors:
            self.promo_code = ""
        return answer

    @rx.event
    def apply_promo(self, form: dict):
        self.promo_code = promos.normalize(str(form.get("promo", "")))[: promos.MAX_CODE]
        if not self.promo_code:
            return None
        return self._quote()

    @rx.event
    def remove_promo(self):
        self.promo_code, self.promo_line = "", ""
        return ShopCheckoutState.load

    @rx.event
    def pay(self, form: dict):
        self.name, self.email = str(form.get("name", ""))[:200], str(form.get("email", ""))[:200]
        self.address = str(form.get("delivery_address", ""))[:500]
        self.cdek_point = str(form.get("cdek_point", ""))[:40]
        self.comment = str(form.get("comment", ""))[:1000]
        origin, slug, settings = self.router.url.origin, self.site_slug, get_settings()

        def place(session, tenant_id: int) -> tuple[int, int, str]:
            customer = self._customer(session, tenant_id)
            if customer is None:  # the phone is confirmed first: no order without it
                raise ServiceError(ShopError.contact_required, field="phone")
            payment_account.require_ready(session, tenant_id)  # no order that cannot be paid
            shop = shop_settings.of(session, tenant_id)
            lines = [CartLine(s.variant_id, s.quantity) for s in self._lines(session, tenant_id)]
            contact = Contact(
                self.name, customer.phone, self.email, self.address, self.cdek_point, self.comment
            )
            placed = checkout.place_order(
                session,
                tenant_id,
                lines,
                contact,
                settings.signing_key,
                customer_id=customer.id,
                reserve_minutes=shop.reserve_minutes,
                min_order_kopecks=shop.min_order_kopecks,
                promo_code=self.promo_code,
            )
            customer.name, customer.email = contact.name.strip(), contact.email.strip()
            self._keep(session, [], customer)  # bought: the cart is empty again
            self._count(session, tenant_id, "checkouts")  # the funnel: an order placed
            back = origin + routes.store_order(slug, placed.number, placed.secret)
            return tenant_id, placed.order_id, back

        # The order (and its reservation) is committed first; the payment is created after, so
        # no stock row stays locked while YooKassa answers.
        answer = self._store_run(place, then=lambda placed: self._go_pay(*placed))
        if "promo" in self.field_errors:  # the code stopped applying: the sums without it
            self.promo_code, self.promo_line = "", ""
            return [e for e in (answer, ShopCheckoutState.load) if e is not None]
        return answer

    def _go_pay(self, tenant_id: int, order_id: int, back: str):
        url = pay_url(tenant_id, order_id, back)
        if url is None:  # the order is kept: its page offers to pay again
            return [rx.redirect(back), self._refuse(ServiceError(ShopError.kassa_unreachable))]
        self.paying = True
        return rx.redirect(url)  # another host: the whole tab goes to YooKassa


def pay_url(tenant_id: int, order_id: int, back: str) -> str | None:
    """Where the customer pays an unpaid order (the pending payment's page, or a new payment's);
    None when YooKassa cannot be reached now."""
    try:
        with db.session_scope() as session:
            return payments.start(session, tenant_id, order_id, get_settings(), back)
    except ServiceError:
        return None


def _field(label_id: str, name: str, value, **props) -> rx.Component:
    S = ShopCheckoutState
    return rx.vstack(
        rx.text(T[label_id], size="2", as_="label", html_for=f"checkout-{name}"),
        rx.input(name=name, default_value=value, id=f"checkout-{name}", width="100%", **props),
        rx.cond(
            S.field_errors.contains(name),
            rx.text(S.field_errors[name], color=rx.color("red", 11), size="1", role="alert"),
        ),
        spacing="1",
        width="100%",
    )


def contact_form() -> rx.Component:
    S = ShopCheckoutState
    return rx.form(
        rx.vstack(
            rx.text(
                T["shop.checkout.phone"],
                " ",
                rx.text.strong(S.customer_phone),
                size="2",
                id="checkout-phone",
            ),
            _field("shop.checkout.name", "name", S.name, max_length=200, auto_complete="name"),
            _field(
                "shop.checkout.email",
                "email",
                S.email,
                type="email",
                max_length=200,
                auto_complete="email",
            ),
            _field(
                "shop.checkout.address",
                "delivery_address",
                S.address,
                max_length=500,
                auto_complete="street-address",
            ),
            _field("shop.checkout.cdek", "cdek_point", S.cdek_point, max_length=40),
            rx.vstack(
                rx.text(T["shop.comment"], size="2", as_="label"),
                rx.text_area(
                    name="comment",
                    default_value=S.comment,
                    max_length=1000,
                    rows="2",
                    width="100%",
                    id="checkout-comment",
                ),
                spacing="1",
                width="100%",
            ),
            rx.cond(
                S.action_error != "",
                rx.callout(
                    S.action_error,
                    icon="triangle-alert",
                    color_scheme="red",
                    id="checkout-error",
                    width="100%",
                ),
            ),
            rx.cond(
                S.offer_href != "",
                rx.text(
                    T["shop.checkout.offer"],
                    " ",
                    rx.link(T["shop.checkout.offer_link"], href=S.offer_href, underline="always"),
                    size="1",
                ),
            ),
            rx.button(
                T["shop.checkout.pay"],
                " ",
                S.total,
                type="submit",
                size="3",
                id="checkout-pay",
                loading=S.paying,
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=ShopCheckoutState.pay,
        width="100%",
    )


def promo_form() -> rx.Component:
    S = ShopCheckoutState
    return rx.vstack(
        rx.cond(
            S.promo_line != "",
            rx.hstack(
                rx.text(S.promo_line, size="2", color=rx.color("grass", 11), id="promo-applied"),
                rx.spacer(),
                rx.button(
                    T["shop.promo_remove"],
                    size="1",
                    variant="ghost",
                    on_click=S.remove_promo,
                    id="promo-remove",
                ),
                width="100%",
                align="center",
            ),
            rx.form(
                rx.hstack(
                    rx.input(
                        name="promo",
                        placeholder=T["shop.promo"],
                        aria_label=T["shop.promo"],
                        max_length=40,
                        id="promo-code",
                        flex="1",
                    ),
                    rx.button(
                        T["shop.promo_apply"], type="submit", variant="soft", id="promo-apply"
                    ),
                    width="100%",
                ),
                on_submit=S.apply_promo,
                reset_on_submit=False,
                width="100%",
            ),
        ),
        field_error(S.field_errors, "promo"),
        spacing="2",
        width="100%",
    )


@site_page(
    routes.CHECKOUT,
    title="title.shop_checkout",
    on_load=ShopCheckoutState.load,
    max_width="960px",
)
def checkout_view() -> rx.Component:
    S = ShopCheckoutState
    return rx.vstack(
        shop_nav(),
        rx.heading(T["shop.checkout"], size="7"),
        rx.flex(
            rx.box(rx.cond(S.signed_in, contact_form(), login_form()), flex="2", min_width="280px"),
            rx.card(
                rx.vstack(
                    rx.heading(T["shop.checkout.summary"], size="4"),
                    rx.foreach(
                        S.lines,
                        lambda line: rx.hstack(
                            rx.text(line.text, size="2"),
                            rx.spacer(),
                            rx.text(line.total, size="2"),
                            width="100%",
                        ),
                    ),
                    rx.divider(),
                    promo_form(),
                    rx.hstack(
                        rx.text(T["shop.total"], weight="bold"),
                        rx.spacer(),
                        rx.text(S.total, weight="bold", id="checkout-total"),
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                flex="1",
                min_width="240px",
            ),
            gap="5",
            wrap="wrap",
            width="100%",
            align="start",
        ),
        spacing="5",
        width="100%",
    )
