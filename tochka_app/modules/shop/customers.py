"""Customers of one shop: they log in on the tenant's site with a phone code (the platform's code
service and its limits), and their session is valid on that site only — it is not a platform
login and never reaches a workspace.

A Reflex event cannot set an HttpOnly cookie, so a login ends with a one-time ticket (60 s) that
`GET /api/shop/session` redeems for the cookie (api.py). The token is derived from the ticket with
the server key; only keyed hashes of both are stored. The cookie is named after the tenant, so
the sites of two shops on the platform's own address keep separate logins."""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop.cart import MAX_LINES, SavedLine
from tochka_app.modules.shop.models import ShopCustomer, ShopCustomerSession, ShopOrder
from tochka_app.services import audit
from tochka_app.services.auth import codes
from tochka_app.services.auth.tickets import local_path
from tochka_app.services.auth.tokens import keyed_hash, new_token
from tochka_app.settings import Settings

SESSION_DAYS = 30
TICKET_TTL = timedelta(seconds=60)


def cookie_name(tenant_id: int) -> str:
    return f"tr_shop_{tenant_id}"


def _token_hash(token: str) -> str:
    return keyed_hash("shop-customer-session", token)


def _ticket_hash(ticket: str) -> str:
    return keyed_hash("shop-customer-ticket", ticket)


def _token_for(ticket: str) -> str:
    return keyed_hash("shop-customer-token-from-ticket", ticket)


@dataclass(frozen=True)
class Redeemed:
    tenant_id: int
    token: str
    next_path: str
    max_age: int


def request_code(
    session: Session, settings: Settings, raw_phone: str, ip: str | None
) -> codes.CodeSent:
    """Send a login code (the platform's limits per phone and per address apply)."""
    return codes.request_code(session, settings, raw_phone, ip)


def sign_in(
    session: Session,
    tenant_id: int,
    raw_phone: str,
    code: str,
    ip: str | None,
    next_path: str,
    name: str = "",
) -> str:
    """Check the code, find or create the tenant's customer with that phone, start a session;
    the ticket that sets its cookie. Refusal: `CodeError.invalid` (field "code")."""
    phone = codes.consume_code(session, raw_phone, code, ip).phone
    customer = session.exec(
        select(ShopCustomer)
        .where(ShopCustomer.tenant_id == tenant_id, ShopCustomer.phone == phone)
        .with_for_update()
    ).first()
    now = utcnow()
    if customer is None:
        customer = ShopCustomer(tenant_id=tenant_id, phone=phone, name=name.strip()[:200])
    customer.last_login_at = now
    session.add(customer)
    session.flush()
    assert customer.id is not None  # flushed above
    ticket = new_token()
    session.add(
        ShopCustomerSession(
            tenant_id=tenant_id,
            customer_id=customer.id,
            token_hash=_token_hash(_token_for(ticket)),
            ticket_hash=_ticket_hash(ticket),
            ticket_expires_at=now + TICKET_TTL,
            next_path=local_path(next_path),
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    audit.record(
        session,
        "shop.customer_signed_in",
        actor=audit.By(ip=ip),
        tenant_id=tenant_id,
        target_type="customer",
        target_id=customer.id,
    )
    return ticket


def redeem(session: Session, ticket: str | None) -> Redeemed | None:
    """The cookie for a ticket, once; None when unknown, used, expired or the session is over."""
    if not ticket or len(ticket) > 100:
        return None
    row = session.exec(
        select(ShopCustomerSession)
        .where(ShopCustomerSession.ticket_hash == _ticket_hash(ticket))
        .with_for_update()
    ).first()
    now = utcnow()
    if (
        row is None
        or row.ticket_expires_at is None
        or now >= row.ticket_expires_at
        or row.revoked_at is not None
        or now >= row.expires_at
    ):
        return None
    row.ticket_hash, row.ticket_expires_at = None, None  # once
    session.add(row)
    left = int((row.expires_at - now).total_seconds())
    return Redeemed(row.tenant_id, _token_for(ticket), row.next_path, max(left, 0))


def _live_session(session: Session, tenant_id: int, token: str) -> ShopCustomerSession | None:
    if not token or len(token) > 200:
        return None
    row = session.exec(
        select(ShopCustomerSession).where(ShopCustomerSession.token_hash == _token_hash(token))
    ).first()
    now = utcnow()
    if (
        row is None
        or row.tenant_id != tenant_id  # another shop's login is nobody here
        or row.ticket_hash is not None  # not handed over yet
        or row.revoked_at is not None
        or now >= row.expires_at
    ):
        return None
    return row


def resolve(session: Session, tenant_id: int, token: str) -> ShopCustomer | None:
    """The customer a cookie belongs to on this tenant's site, or None."""
    row = _live_session(session, tenant_id, token)
    if row is None:
        return None
    customer = session.get(ShopCustomer, row.customer_id)
    return customer if customer is not None and customer.tenant_id == tenant_id else None


def sign_out(session: Session, tenant_id: int, token: str) -> None:
    row = _live_session(session, tenant_id, token)
    if row is not None:
        row.revoked_at = utcnow()
        session.add(row)


def saved_cart(customer: ShopCustomer) -> list[SavedLine]:
    lines = []
    for raw in customer.cart or []:
        try:
            lines.append(SavedLine(int(raw["variant_id"]), int(raw["quantity"]), int(raw["seen"])))
        except (KeyError, TypeError, ValueError):
            continue  # a line written by an older version: dropped, not fatal
    return lines[:MAX_LINES]


def save_cart(session: Session, customer: ShopCustomer, lines: list[SavedLine]) -> None:
    cart = [
        {"variant_id": s.variant_id, "quantity": s.quantity, "seen": s.seen_price_kopecks}
        for s in lines[:MAX_LINES]
    ]
    if cart != customer.cart:  # every storefront page keeps the cart: write only a change
        customer.cart = cart
        session.add(customer)


def merged(server: list[SavedLine], browser: list[SavedLine]) -> list[SavedLine]:
    """The cart after a login: the server's lines, plus the guest's; for a variant in both, the
    larger quantity (a guest who added it again did not mean to buy twice as many)."""
    by_variant: dict[int, SavedLine] = {s.variant_id: s for s in server}
    for line in browser:
        kept = by_variant.get(line.variant_id)
        if kept is None or line.quantity > kept.quantity:
            by_variant[line.variant_id] = line
    return list(by_variant.values())[:MAX_LINES]


def orders_of(session: Session, customer: ShopCustomer, limit: int = 50) -> list[ShopOrder]:
    return list(
        session.exec(
            select(ShopOrder)
            .where(
                ShopOrder.tenant_id == customer.tenant_id,
                ShopOrder.customer_id == customer.id,
            )
            .order_by(col(ShopOrder.id).desc())
            .limit(limit)
        )
    )
