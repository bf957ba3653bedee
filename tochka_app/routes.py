"""Every route of the app in one place."""

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
TELEGRAM_WEBHOOK = "/api/telegram/webhook"
PAYMENTS_WEBHOOK = "/api/payments/webhook"
ADMIN_EXPORT = "/api/admin/export/{name}.csv"  # CSV of an admin table
SESSION_EXCHANGE = "/auth/session"  # ?ticket=…: sets the HttpOnly session cookie
LOGOUT = "/auth/logout"  # POST: revokes the session, deletes its cookie
ADMIN_LOGOUT = "/auth/admin/logout"  # POST: the same for the admin cookie
