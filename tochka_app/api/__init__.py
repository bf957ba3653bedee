"""Backend HTTP endpoints that are not UI pages, mounted through rx.App(api_transformer=...)."""

from starlette.applications import Starlette
from starlette.routing import Route

from tochka_app import routes
from tochka_app.api.admin_export import export_table
from tochka_app.api.client_address import ClientAddressMiddleware
from tochka_app.api.crawlers import robots_txt, sitemap_xml
from tochka_app.api.health import health
from tochka_app.api.og_images import og_image
from tochka_app.api.payments import payments_webhook
from tochka_app.api.public_pages import PublicPagesMiddleware
from tochka_app.api.security_headers import SecurityHeadersMiddleware
from tochka_app.api.session_cookies import SessionCookieMiddleware, admin_logout, exchange, logout
from tochka_app.api.telegram import telegram_webhook
from tochka_app.api.tenant_hosts import TenantHostMiddleware
from tochka_app.api.upload_limit import UploadLimitMiddleware
from tochka_app.modules import registry


def build_api() -> Starlette:
    return Starlette(
        routes=[
            Route(routes.HEALTH, health, methods=["GET"]),
            Route(routes.ROBOTS, robots_txt, methods=["GET"]),
            Route(routes.SITEMAP, sitemap_xml, methods=["GET"]),
            Route(routes.OG_IMAGE, og_image, methods=["GET"]),
            Route(routes.TELEGRAM_WEBHOOK, telegram_webhook, methods=["POST"]),
            Route(routes.PAYMENTS_WEBHOOK, payments_webhook, methods=["POST"]),
            Route(routes.ADMIN_EXPORT, export_table, methods=["GET"]),
            Route(routes.ADMIN_EXPORT.replace(".csv", ".xlsx"), export_table, methods=["GET"]),
            Route(routes.SESSION_EXCHANGE, exchange, methods=["GET"]),
            Route(routes.LOGOUT, logout, methods=["POST"]),
            Route(routes.ADMIN_LOGOUT, admin_logout, methods=["POST"]),
            *registry.api_routes(),
        ]
    )


def api_transformers() -> list:
    """Backend endpoints first, then middleware around everything (pages, files, the websocket):
    public pages' status (404 / 410 / 301 from the database) and head tags, the tenant-host router, the one that deletes the cookie of an ended session, the request-body
    cap (uploads to /_upload included), the client address (TRUSTED_PROXIES) and, outermost, the
    security headers of every response (a 413 included)."""
    return [
        build_api(),
        PublicPagesMiddleware,
        TenantHostMiddleware,
        SessionCookieMiddleware,
        UploadLimitMiddleware,
        ClientAddressMiddleware,
        SecurityHeadersMiddleware,
    ]
