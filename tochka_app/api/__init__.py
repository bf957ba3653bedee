"""Backend HTTP endpoints that are not UI pages, mounted through rx.App(api_transformer=...)."""

from starlette.applications import Starlette
from starlette.routing import Route

from tochka_app import routes
from tochka_app.api.health import health
from tochka_app.api.telegram import telegram_webhook


def build_api() -> Starlette:
    return Starlette(routes=[
        Route(routes.HEALTH, health, methods=["GET"]),
        Route(routes.TELEGRAM_WEBHOOK, telegram_webhook, methods=["POST"]),
    ])
