"""The tenant's own YooKassa shop: its customers pay into it, not into the platform.

The secret key is sealed at rest (services/vault.py), shown only masked, and never sent back to
the browser; leaving the field empty on save keeps the stored one. "Check connection" asks
YooKassa who the shop is (`GET /v3/me`) with those credentials."""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import YooKassa
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import routes
from tochka_app.modules.shop.models import ShopPaymentAccount
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.services import audit, vault
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require
from tochka_app.settings import Settings

SHOP_ID = re.compile(r"^\d{1,12}$")
SECRET = re.compile(r"^(live|test)_[A-Za-z0-9_-]{10,100}$")
NOTIFY_PATH = routes.NOTIFY  # the URL the tenant pastes into YooKassa


@dataclass(frozen=True)
class AccountView:
    """What the settings page may show: never the key itself."""

    shop_id: str
    secret_hint: str
    notify_path: str
    checked_ok: bool


def _account(session: Session, tenant_id: int) -> ShopPaymentAccount:
    account = session.get(ShopPaymentAccount, tenant_id)
    if account is None:
        account = ShopPaymentAccount(tenant_id=tenant_id, notify_token=secrets.token_urlsafe(32))
        session.add(account)
        session.flush()
    return account


def view(session: Session, actor: Actor) -> AccountView:
    require(actor, ShopPermission.settings)
    account = _account(session, actor.tenant_id)
    return AccountView(
        account.shop_id,
        account.secret_hint,
        NOTIFY_PATH.format(token=account.notify_token),
        account.checked_ok,
    )


def save(session: Session, actor: Actor, settings: Settings, shop_id: str, secret: str) -> None:
    require(actor, ShopPermission.settings)
    shop_id, secret = shop_id.strip(), secret.strip()
    account = _account(session, actor.tenant_id)
    errors: dict[str, str] = {}
    if not SHOP_ID.match(shop_id):
        errors["kassa_shop_id"] = ShopError.kassa_shop_id
    if secret and not SECRET.match(secret):
        errors["kassa_secret"] = ShopError.kassa_secret
    if not secret and not account.secret_sealed:
        errors["kassa_secret"] = ShopError.kassa_secret
    if errors:
        raise ServiceError.form(errors)
    if shop_id != account.shop_id or secret:
        account.checked_ok, account.checked_at = False, None
    account.shop_id = shop_id
    if secret:
        account.secret_sealed, account.secret_hint = (
            vault.seal(settings, secret),
            vault.mask(secret),
        )
    account.updated_at = utcnow()
    session.add(account)
    audit.record(session, "shop.payment_account_saved", actor=actor, details={"shop_id": shop_id})


def require_ready(session: Session, tenant_id: int) -> None:
    """Refuse (`kassa_not_set`) before an order is placed that could not be paid."""
    account = session.get(ShopPaymentAccount, tenant_id)
    if account is None or not account.shop_id or not account.secret_sealed:
        raise ServiceError(ShopError.kassa_not_set)


def client_for(session: Session, tenant_id: int, settings: Settings, **client_args) -> YooKassa:
    """A YooKassa client with the tenant's own credentials (for payments and notifications)."""
    account = session.get(ShopPaymentAccount, tenant_id)
    if account is None or not account.shop_id or not account.secret_sealed:
        raise ServiceError(ShopError.kassa_not_set)
    try:
        secret = vault.unseal(settings, account.secret_sealed)
    except vault.VaultError as exc:
        raise ServiceError(ShopError.kassa_not_set) from exc
    # The platform's YooKassa address serves every shop (a local fake in development and tests).
    return YooKassa(
        account.shop_id, secret, **({"base_url": settings.yookassa_base_url} | client_args)
    )


def check(
    session: Session,
    actor: Actor,
    settings: Settings,
    connect: Callable[..., YooKassa] = client_for,
) -> str:
    """Ask YooKassa who the shop is; refused unless it answers with this shop id, enabled.
    Returns the account id YooKassa confirmed."""
    require(actor, ShopPermission.settings)
    client = connect(session, actor.tenant_id, settings)
    account = _account(session, actor.tenant_id)
    try:
        me = client.me()
    except IntegrationError as exc:
        account.checked_ok, account.checked_at = False, utcnow()
        session.add(account)
        code = ShopError.kassa_rejected if exc.status == 401 else ShopError.kassa_unreachable
        raise ServiceError(code) from exc
    finally:
        client.close()
    account.checked_ok = me.account_id == account.shop_id and me.status == "enabled"
    account.checked_at = utcnow()
    session.add(account)
    if not account.checked_ok:
        raise ServiceError(ShopError.kassa_rejected)
    return me.account_id
