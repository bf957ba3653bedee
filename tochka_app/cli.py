"""Project commands: `python -m tochka_app.cli migrate|seed|setup|telegram-poll|telegram-set-webhook`."""

import os
import sys
import time
from pathlib import Path

from alembic import command
from alembic.config import Config

from tochka_app import routes
from tochka_app.db import session_scope
from tochka_app.integrations.errors import IntegrationError
from tochka_app.services.auth import delivery, telegram_link
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import PROJECT_ROOT, get_settings


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def migrate() -> None:
    command.upgrade(alembic_config(), "head")


def seed() -> None:
    with session_scope() as session:
        report = seed_demo_data(session, get_settings())
    print(f"seed: {len(report.created)} rows created" + (
        "" if report.created else " (already seeded)"))
    if report.generated_password:
        print(
            "seed: super admin created with a generated password (shown once, store it now):\n"
            f"      phone {get_settings().super_admin_phone}  password {report.generated_password}"
        )


def poll_once(bot, offset: int | None, timeout: int = 25) -> tuple[int | None, list[str]]:
    """Fetch one batch of updates and handle each in its own transaction."""
    outcomes = []
    for update in bot.get_updates(offset, timeout=timeout):
        offset = update["update_id"] + 1
        with session_scope() as session:
            outcomes.append(telegram_link.handle_update(session, bot, update))
    return offset, outcomes


def telegram_poll() -> None:
    """Long polling (getUpdates) instead of the webhook, for local runs without a public URL."""
    settings = get_settings()
    bot = delivery.telegram_bot(settings)
    offset = None
    print("telegram: polling for updates (Ctrl+C to stop)")
    try:
        while True:
            try:
                offset, outcomes = poll_once(bot, offset)
            except IntegrationError as exc:
                print(f"telegram: getUpdates failed: {exc}; retrying in 5 s", file=sys.stderr)
                time.sleep(5)
                continue
            for outcome in outcomes:
                print("telegram:", outcome)
    except KeyboardInterrupt:
        pass
    finally:
        bot.close()


def telegram_set_webhook() -> None:
    settings = get_settings()
    if not settings.telegram_webhook_secret:
        raise SystemExit("TELEGRAM_WEBHOOK_SECRET must be set")
    bot = delivery.telegram_bot(settings)
    url = settings.public_base_url.rstrip("/") + routes.TELEGRAM_WEBHOOK
    bot.set_webhook(url, settings.telegram_webhook_secret)
    print(f"telegram: webhook set to {url}")


def billing_tick() -> None:
    """One renewal pass (the app also runs it every BILLING_TICK_SECONDS)."""
    from datetime import timedelta

    from tochka_app import db
    from tochka_app.services.billing import renewal
    from tochka_app.services.billing.provider import get_provider
    from tochka_app.services.billing.reminders import Reminder

    settings = get_settings()
    counts = renewal.run_once(db.session_scope, get_provider(settings),
                              timedelta(days=settings.billing_grace_days),
                              remind=Reminder(settings))
    print("billing:", counts or "nothing due")


def fake_yookassa(port: int = 8090) -> None:
    """A local YooKassa for development: API on :8090/v3, checkout pages, webhooks to the app."""
    from tochka_app.devtools.fake_yookassa import FakeYooKassa

    settings = get_settings()
    if settings.is_production:
        raise SystemExit("fake-yookassa is for development only")
    # The backend's address: in development Reflex serves it on :8000 (pages on :3000).
    webhook = os.environ.get("FAKE_YOOKASSA_WEBHOOK",
                             "http://127.0.0.1:8000" + routes.PAYMENTS_WEBHOOK)
    with FakeYooKassa(settings.yookassa_shop_id or "local-shop",
                      settings.yookassa_secret_key or "local-secret", webhook, port=port) as fake:
        print(f"fake YooKassa on {fake.url}/v3, notifications to {webhook}; Ctrl+C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def new_module(code: str) -> int:
    from tochka_app.modules.generator import GeneratorError, create_module

    try:
        written = create_module(code)
    except GeneratorError as exc:
        print(f"new-module: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print("created", path.relative_to(PROJECT_ROOT))
    print("next: review the migration, run `python -m tochka_app.cli setup` and the module's test")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "new-module":
        return new_module(argv[1])
    commands = {"migrate": [migrate], "seed": [seed], "setup": [migrate, seed],
                "telegram-poll": [telegram_poll], "telegram-set-webhook": [telegram_set_webhook],
                "billing-tick": [billing_tick], "fake-yookassa": [fake_yookassa]}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m tochka_app.cli {{{'|'.join(commands)}}} | new-module CODE",
              file=sys.stderr)
        return 2
    url = get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    for step in commands[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
