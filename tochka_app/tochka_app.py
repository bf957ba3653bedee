"""The Reflex app (theme in rxconfig.py): pages (registered by importing their modules) and backend endpoints."""

import reflex as rx

from tochka_app.api import build_api
from tochka_app.pages.landing import page as _landing  # noqa: F401
from tochka_app.pages.marketplace import page as _marketplace  # noqa: F401

app = rx.App(
    style={"font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    api_transformer=build_api(),
)
