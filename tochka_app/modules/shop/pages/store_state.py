"""What every storefront page shares: the shop of the site's tenant (enabled or not), the
customer signed in on this site (their HttpOnly cookie, read from the websocket handshake), and
the cart — in the browser (localStorage, per site) for everyone, and on the server for a
signed-in customer, merged on login so nothing added as a guest is lost.

Handlers find the tenant from the address on every event, never from the browser."""

import json
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from tochka_app import db
from tochka_app.models import Tenant
from tochka_app.modules.shop import cart, customers, routes, shop_settings, stats
from tochka_app.modules.shop.cart import SavedLine
from tochka_app.modules.shop.models import ShopCustomer
from tochka_app.modules.shop.rules import CODE, MAX_LINE_QUANTITY
from tochka_app.services import marketplace
from tochka_app.services.errors import ServiceError
from tochka_app.state import browser
from tochka_app.state.feedback import FeedbackMixin
from tochka_app.state.site import SiteState


class StoreState(FeedbackMixin, SiteState):
    store_open: bool = True  # the tenant has the shop enabled
    currency_sign: str = "₽"
    # {"<site slug>": [[variant id, quantity, price seen], ...]}: one key per shop visited
    cart_saved: str = rx.LocalStorage("", name="tr_shop_cart", sync=True)
    cart_count: int = 0
    signed_in: bool = False
    customer_phone: str = ""

    def _open_store(self, session: Session) -> tuple[Tenant | None, object]:
        """(tenant, None) for an open shop; (None, redirect) for an old slug; (None, None) if
        there is no such site or it has no shop (the page then says "not found")."""
        tenant, redirect = self._open_site(session)
        if tenant is None or tenant.id is None:
            return None, redirect
        self.store_open = marketplace.is_enabled(session, tenant.id, CODE)
        if not self.store_open:
            self.site_found = False
            return None, None
        self.currency_sign = shop_settings.of(session, tenant.id).currency_sign
        customer = self._customer(session, tenant.id)
        self.signed_in = customer is not None
        self.customer_phone = customer.phone if customer else ""
        if customer is not None:  # the server's cart and this browser's, as one
            lines = customers.merged(customers.saved_cart(customer), self._browser_lines())
            self._keep(session, lines, customer)
        else:
            self.cart_count = sum(line.quantity for line in self._browser_lines())
        return tenant, None

    def _store_run(
        self,
        operation: Callable[[Session, int], Any],
        *,
        then: Callable[[Any], Any] | None = None,
        done: str | None = None,
    ):
        """Every storefront action: find the shop from the address (closed: nothing happens),
        run `operation(session, tenant_id)` in one transaction, answer with `then(result)` or
        the `done` toast; a `ServiceError` rolls it back and is shown (field or toast)."""
        self._clear_feedback()
        try:
            with db.session_scope() as session:
                tenant, _ = self._open_store(session)
                if tenant is None or tenant.id is None:
                    return None
                result = operation(session, tenant.id)
        except ServiceError as error:
            return self._refuse(error)
        return then(result) if then is not None else self._done(done)

    def _count(self, session: Session, tenant_id: int, metric: stats.Metric) -> None:
        """One more of `metric` today for the shop's funnel (counts only). A page the server
        renders for a request (no browser tab behind it yet) is counted when the tab loads it."""
        if not browser.client_token(self):
            return
        tenant = session.get(Tenant, tenant_id)
        stats.count(session, tenant_id, tenant.timezone if tenant else "Europe/Moscow", metric)

    def _customer(self, session: Session, tenant_id: int) -> ShopCustomer | None:
        token = browser.request_cookie(self, customers.cookie_name(tenant_id))
        return customers.resolve(session, tenant_id, token) if token else None

    def _carts(self) -> dict:
        try:
            carts = json.loads(self.cart_saved or "{}")
        except ValueError:
            return {}
        return carts if isinstance(carts, dict) else {}

    def _browser_lines(self) -> list[SavedLine]:
        lines = []
        raw = self._carts().get(self.site_slug, [])
        for item in raw if isinstance(raw, list) else []:
            try:
                variant_id, quantity, seen = (int(x) for x in item)
            except (TypeError, ValueError):
                continue  # a hand-edited or broken entry: dropped, not fatal
            if 0 < quantity <= MAX_LINE_QUANTITY:
                lines.append(SavedLine(variant_id, quantity, seen))
        return lines[: cart.MAX_LINES]

    def _lines(self, session: Session, tenant_id: int) -> list[SavedLine]:
        customer = self._customer(session, tenant_id)
        return customers.saved_cart(customer) if customer else self._browser_lines()

    def _keep(
        self, session: Session, lines: list[SavedLine], customer: ShopCustomer | None
    ) -> None:
        """Write the cart where it lives: this browser, and the customer's account."""
        lines = lines[: cart.MAX_LINES]
        carts = self._carts()
        carts[self.site_slug] = [[s.variant_id, s.quantity, s.seen_price_kopecks] for s in lines]
        self.cart_saved = json.dumps(carts, separators=(",", ":"))
        self.cart_count = sum(s.quantity for s in lines)
        if customer is not None:
            customers.save_cart(session, customer, lines)

    def _set_quantity(
        self, session: Session, tenant_id: int, variant_id: int, quantity: int, seen: int
    ) -> None:
        lines = [s for s in self._lines(session, tenant_id) if s.variant_id != variant_id]
        kept = next(
            (s for s in self._lines(session, tenant_id) if s.variant_id == variant_id), None
        )
        if quantity > 0:
            price = kept.seen_price_kopecks if kept and seen < 0 else seen
            lines.append(SavedLine(variant_id, min(quantity, MAX_LINE_QUANTITY), max(price, 0)))
        self._keep(session, lines, self._customer(session, tenant_id))

    def _cart_link(self) -> str:
        return routes.store(self.site_slug, "/cart")
