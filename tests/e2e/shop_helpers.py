"""Steps shared by the shop's e2e tests: a workspace with the shop switched on from the
marketplace, products put in through the shop's own rules, the shop's checkout connected."""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.auth_helpers import (
    create_workspace,
    last_code,
    new_phone,
    send_update,
    sign_in_by_phone,
)
from tochka_app.models import Membership, Role, Tenant
from tochka_app.modules import registry
from tochka_app.modules.shop import catalog
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.services.access import Actor


@dataclass(frozen=True)
class Shop:
    tenant_id: int
    slug: str
    owner: Actor


def open_shop(page: Page, app_url, fake_telegram, db: Session, slug: str, chat_id: int) -> Shop:
    """An owner signs up, creates the workspace and switches the shop on in the marketplace."""
    sign_in_by_phone(page, app_url, fake_telegram, new_phone(), chat_id)
    create_workspace(page, "Зерно " + slug, slug)
    page.goto("/app/marketplace")
    card = page.locator('.tenant-module[data-code="shop"]')
    card.locator(".enable-module").click()
    expect(card).to_have_attribute("data-state", "enabled")
    tenant = db.exec(select(Tenant).where(Tenant.slug == slug)).one()
    owner = db.exec(
        select(Membership).where(Membership.tenant_id == tenant.id, Membership.role == Role.owner)
    ).one()
    registry.manifests()  # the shop's rights in the permission table of this process
    return Shop(tenant.id, slug, Actor(user_id=owner.user_id, tenant_id=tenant.id, role=Role.owner))


def add_tshirt(db: Session, shop: Shop, stock: dict[str, int], sku: str = "TS-1") -> int:
    """A T-shirt with sizes and stock, put in as the back office would."""
    product_id = catalog.save_product(
        db,
        shop.owner,
        None,
        ProductInput(
            name="Футболка «Зерно»",
            sku=sku,
            price_kopecks=149_000,
            description_md="Плотный **хлопок**.",
            care_instructions="Стирка при 30 °C.",
            size_table=(("Размер", "Грудь"), ("S", "96"), ("M", "102"), ("L", "108")),
            variants=tuple(VariantInput(size, "", f"-{size}", n) for size, n in stock.items()),
        ),
    )
    db.commit()
    return product_id


def connect_kassa(page: Page, fake_kassa, app_url: str, shop_id: str, secret: str) -> str:
    """The owner opens a YooKassa shop (the fake knows it), enters its id and key on the Касса
    page, checks the connection and pastes the notification URL into "YooKassa's dashboard"."""
    fake_kassa.add_account(shop_id, secret)
    page.goto("/app/m/shop/kassa")
    page.fill("#kassa-shop-id", shop_id)
    page.fill("#kassa-secret", secret)
    page.click("#kassa-save")
    page.click("#kassa-check")
    expect(page.locator("#kassa-ok")).to_be_visible()
    notify_url = page.locator("#kassa-notify-url").inner_text()
    assert notify_url.startswith(app_url + "/api/shop/payments/")
    fake_kassa.add_account(shop_id, secret, notify_url)
    return notify_url


def customer_signs_in(page: Page, app_url: str, fake_telegram, phone: str, chat_id: int) -> None:
    """On the shop's login form: a phone the bot does not know yet is linked in Telegram first,
    then the code arrives and is typed in."""
    page.fill("#customer-phone", phone)
    page.click("#customer-send")
    bot = page.locator("#customer-bot")
    expect(bot).to_be_visible()
    nonce = parse_qs(urlparse(bot.get_attribute("href")).query)["start"][0]
    who = {"id": chat_id, "is_bot": False, "first_name": "Покупатель"}
    chat = {"id": chat_id, "type": "private"}
    send_update(app_url, {"message_id": 1, "from": who, "chat": chat, "text": f"/start {nonce}"})
    contact = {"phone_number": phone.lstrip("+"), "first_name": "Покупатель", "user_id": chat_id}
    send_update(app_url, {"message_id": 2, "from": who, "chat": chat, "contact": contact})
    page.click("#customer-send")
    expect(page.locator("#customer-code")).to_be_visible()
    page.fill("#customer-code", last_code(fake_telegram, chat_id))
    with page.expect_navigation():  # the cookie endpoint, then back to this page
        page.click("#customer-confirm")
    page.wait_for_selector("#app-live", state="attached")  # typing works from here


def buy_now(page: Page, app_url: str, fake_telegram, size: str, phone: str, chat_id: int) -> str:
    """From a product page: a size, the cart, checkout with a phone code, paid at the fake
    YooKassa; returns the order page's address."""
    page.locator(".size-option", has_text=size).click()
    page.click("#add-to-cart")
    page.click("#go-to-cart")
    page.click("#to-checkout")
    customer_signs_in(page, app_url, fake_telegram, phone, chat_id)
    page.fill("#checkout-name", "Покупатель")
    page.fill("#checkout-delivery_address", "Тверь, ул. Волновая, 2")
    page.click("#checkout-pay")
    page.click("#pay")
    page.wait_for_url("**/shop/order/**")
    expect(page.locator("#store-order-status")).to_have_text("Оплачен")
    return page.url
