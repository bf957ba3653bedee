"""Which payment provider the app talks to: YooKassa when a shop id and key are set (the local
fake YooKassa in development and tests, the real one in production), otherwise none."""

from collections.abc import Iterator
from contextlib import contextmanager

from tochka_app.integrations.yookassa import YooKassa
from tochka_app.settings import Settings


def get_provider(settings: Settings) -> YooKassa | None:
    if not (settings.yookassa_shop_id and settings.yookassa_secret_key):
        return None
    return YooKassa(
        settings.yookassa_shop_id,
        settings.yookassa_secret_key,
        base_url=settings.yookassa_base_url,
        timeout=settings.http_timeout_s,
    )


@contextmanager
def opened(settings: Settings) -> Iterator[YooKassa | None]:
    """The provider for one request (None when payments are not configured), closed after it."""
    provider = get_provider(settings)
    try:
        yield provider
    finally:
        if provider is not None:
            provider.close()
