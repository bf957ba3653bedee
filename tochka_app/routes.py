"""Every route of the app in one place."""

from typing import Any

LANDING = "/"
MARKETPLACE = "/marketplace"
MODULE_DETAIL = "/marketplace/[code]"
LOGIN = "/login"
ONBOARDING = "/onboarding"
APP = "/app"
PROFILE = "/app/profile"
TEAM = "/app/team"
MARKETPLACE_APP = "/app/marketplace"
SETTINGS = "/app/settings"
AUDIT = "/app/audit"
BILLING = "/app/billing"
RECEIPT = "/app/billing/receipt/[payment]"
SITE = "/s/[tenant]"  # a tenant's public site; its pages live below it
ADMIN = "/admin"
ADMIN_LOGIN = "/admin/login"
ADMIN_USERS = "/admin/users"
ADMIN_USER = "/admin/users/[user_id]"
ADMIN_TENANTS = "/admin/tenants"
ADMIN_TENANT = "/admin/tenants/[tenant_id]"
ADMIN_TARIFFS = "/admin/tariffs"
ADMIN_MODULES = "/admin/modules"
ADMIN_CONTENT = "/admin/content"
ADMIN_AUDIT = "/admin/audit"
ADMIN_SECURITY = "/admin/security"  # the admin's own second factor
VK_CALLBACK = "/auth/vk/callback"
TELEGRAM_CALLBACK = "/auth/telegram/callback"
LINK_CONFIRM = "/auth/confirm"  # "link this Telegram / VK account to yours?"
CONTINUE = "/auth/continue/[step]"  # after a cookie is set or deleted: /auth/continue/go?to=…
DEV_INBOX = "/dev/inbox"  # development only
DEV_LOGIN = "/dev/login"  # development only

# Backend endpoints mounted through api_transformer (not Reflex pages).
HEALTH = "/health"
ROBOTS = "/robots.txt"  # per host: platform or a tenant's own
SITEMAP = "/sitemap.xml"  # per host, from the database on every request
OG_IMAGE = "/og/{name:path}"  # link-preview images: /og/platform.png, /og/s/<slug>.png
TELEGRAM_WEBHOOK = "/api/telegram/webhook"
PAYMENTS_WEBHOOK = "/api/payments/webhook"
ADMIN_EXPORT = "/api/admin/export/{name}.csv"  # CSV of an admin table
SESSION_EXCHANGE = "/auth/session"  # ?ticket=…: sets the HttpOnly session cookie
LOGOUT = "/auth/logout"  # POST: revokes the session, deletes its cookie
ADMIN_LOGOUT = "/auth/admin/logout"  # POST: the same for the admin cookie


# Builders for the parametrised paths (modules build theirs with `fill` too): the one place their
# shape is written. They accept what a page has (an int on the server, a Var in a component), so
# `admin_user(row.id)` works in both.
def fill(pattern: str, value: Any) -> Any:
    prefix = pattern[: pattern.index("[")]
    # A Var's text as it is (`toString()`): JSON would quote a string ("/s/\"demo\"").
    return (
        f"{prefix}{value}"
        if isinstance(value, (int, str))
        else prefix + value.to_string(use_json=False)
    )


def admin_user(user_id: Any) -> Any:
    return fill(ADMIN_USER, user_id)


def admin_tenant(tenant_id: Any) -> Any:
    return fill(ADMIN_TENANT, tenant_id)


def receipt(payment_id: Any) -> Any:
    return fill(RECEIPT, payment_id)


def module_detail(code: Any) -> Any:
    return fill(MODULE_DETAIL, code)


def site(slug: Any, path: str = "") -> Any:
    """A tenant's public site (below /s/<slug>): `site("flowers", "/p/about")`."""
    return fill(SITE, slug) + path


def site_page(slug: str, page_slug: str) -> str:
    return site(slug, f"/p/{page_slug}")


def absolute(base_url: str, path: str) -> str:
    """A link for messages sent outside the app (reminders, bot replies)."""
    return base_url.rstrip("/") + path
