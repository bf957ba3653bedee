"""Project commands: `python -m tochka_app.cli migrate|seed|setup|telegram-poll|...` (see main())."""

import logging
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

from alembic.config import Config

from alembic import command
from tochka_app import routes
from tochka_app.db import session_scope
from tochka_app.integrations.errors import IntegrationError
from tochka_app.services.auth import delivery, telegram_link
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import DATA_DIR, PROJECT_ROOT, Settings, get_settings

# The generated super-admin password waits here (readable by the owner only) until the operator
# has stored it and deleted the file; the ready banner shows it on every start until then.
ADMIN_PASSWORD_FILE = DATA_DIR / "super-admin-password.txt"


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def migrate() -> None:
    logging.basicConfig(level=logging.WARNING)  # one summary line instead of one per revision
    config = alembic_config()
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    from alembic.script import ScriptDirectory

    print(f"database: schema at revision {ScriptDirectory.from_config(config).get_current_head()}")


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def seed() -> None:
    settings = get_settings()
    with session_scope() as session:
        report = seed_demo_data(session, settings, module_demos=not settings.is_production)
    print(
        f"seed: {len(report.created)} rows created"
        + ("" if report.created else " (already seeded)")
    )
    if report.generated_password:
        _write_private(ADMIN_PASSWORD_FILE, report.generated_password + "\n")
        print(f"seed: super admin created; its generated password is in {ADMIN_PASSWORD_FILE}")


def _move_old_runtime_files() -> None:
    """Checkouts from before `.data/` kept the database and uploads in the project root."""
    for name in ("tochka.db", "tochka.db-wal", "tochka.db-shm", "uploaded_files"):
        old, new = PROJECT_ROOT / name, DATA_DIR / name
        if old.exists() and not new.exists():
            old.rename(new)
            print(f"moved {name} into {DATA_DIR.relative_to(PROJECT_ROOT)}/")


def ensure_secret_key() -> None:
    """Production needs SECRET_KEY. Without one, generate it once into DATA_DIR (outside git)."""
    settings = get_settings()
    if settings.secret_key:
        return
    path = settings.secret_key_file
    if not path.exists():
        _write_private(path, secrets.token_urlsafe(48) + "\n")
        print(
            f"secret key: SECRET_KEY is not set, generated one into {path} (outside git).\n"
            "            Keep and back up this file: without it every session and pending login"
            " code becomes invalid."
        )
    else:
        print(f"secret key: using {path} (SECRET_KEY is not set)")


def ready_banner(*urls: str) -> None:
    """Wait until every URL answers, then print where the app is and how to log in: the last,
    framed lines of a start, so the admin password is not lost among the server's output."""
    deadline = time.monotonic() + 600
    pending = list(urls)
    import httpx

    while pending and time.monotonic() < deadline:
        try:
            if httpx.get(pending[0], timeout=2).status_code < 500:
                pending.pop(0)
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    if pending:
        print(f"app: not answering at {pending[0]} after 10 minutes", file=sys.stderr)
        return
    settings = get_settings()
    lines = [
        f"Tochka Rosta is ready: {settings.public_base_url}",
        f"Super admin: {settings.public_base_url}{routes.ADMIN_LOGIN}",
        f"  phone     {settings.super_admin_phone}",
    ]
    if ADMIN_PASSWORD_FILE.exists():
        lines += [
            f"  password  {ADMIN_PASSWORD_FILE.read_text().strip()}",
            f"  (generated; kept in {ADMIN_PASSWORD_FILE.relative_to(PROJECT_ROOT)}"
            " until you delete it)",
        ]
    elif not settings.super_admin_password:
        lines.append("  password  the one generated at first start (see above or reset it)")
    else:
        lines.append("  password  SUPER_ADMIN_PASSWORD from your settings")
    if not settings.is_production:
        lines.append(f"Demo users (one click): {settings.public_base_url}{routes.DEV_LOGIN}")
    width = max(map(len, lines)) + 2
    print(
        "╔" + "═" * width + "╗",
        *(f"║ {line:<{width - 1}}║" for line in lines),
        "╚" + "═" * width + "╝",
        sep="\n",
        flush=True,
    )


log = logging.getLogger("tochka_app.telegram_poll")


def poll_once(bot, offset: int | None, timeout: int = 25) -> tuple[int | None, list[str]]:
    """Fetch one batch of updates and handle each in its own transaction.

    The offset moves past every update, answered or not: an update whose handling fails (the user
    blocked the bot: 403, a database error...) is logged and skipped, so it cannot stall all
    later users by being retried forever."""
    outcomes = []
    for update in bot.get_updates(offset, timeout=timeout):
        if isinstance(update.get("update_id"), int):
            offset = max(offset or 0, update["update_id"] + 1)
        try:
            with session_scope() as session:
                outcomes.append(telegram_link.handle_update(session, bot, update))
        except Exception as exc:  # one bad update must not stop the others
            log.warning("telegram: update %s failed: %s", update.get("update_id"), exc)
            outcomes.append(f"failed: {exc.__class__.__name__}")
    return offset, outcomes


def telegram_delete_webhook(bot=None) -> None:
    """Remove the webhook (getUpdates answers 409 while one is set)."""
    own = bot is None
    bot = bot or delivery.telegram_bot(get_settings())
    try:
        bot.delete_webhook()
        print("telegram: webhook deleted")
    finally:
        if own:
            bot.close()


def telegram_poll() -> None:
    """Long polling (getUpdates) instead of the webhook, for local runs without a public URL.
    Deletes the webhook first: Telegram refuses getUpdates (409) while one is set."""
    settings = get_settings()
    bot = delivery.telegram_bot(settings)
    offset = None
    print("telegram: polling for updates (Ctrl+C to stop)")
    try:
        telegram_delete_webhook(bot)
        while True:
            try:
                offset, outcomes = poll_once(bot, offset)
            except IntegrationError as exc:
                if getattr(exc, "webhook_conflict", False):  # set again meanwhile (set-webhook)
                    print("telegram: a webhook is set; deleting it", file=sys.stderr)
                    telegram_delete_webhook(bot)
                    continue
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


def admin_totp_reset() -> None:
    """Switch off the second factor of the super admin (SUPER_ADMIN_PHONE) who lost it."""
    from tochka_app.services.auth import admin_totp
    from tochka_app.services.phones import normalize_phone

    phone = normalize_phone(get_settings().super_admin_phone)
    with session_scope() as session:
        done = admin_totp.reset_by_operator(session, phone)
    print(f"admin: second factor of {phone} " + ("switched off" if done else "was not on"))


def billing_tick() -> None:
    """One renewal pass (the app also runs it every BILLING_TICK_SECONDS)."""
    from datetime import timedelta

    from tochka_app import db
    from tochka_app.services.billing import renewal
    from tochka_app.services.billing.provider import get_provider
    from tochka_app.services.billing.reminders import Reminder

    settings = get_settings()
    counts = renewal.run_once(
        db.session_scope,
        get_provider(settings),
        timedelta(days=settings.billing_grace_days),
        remind=Reminder(settings),
    )
    print("billing:", counts or "nothing due")


def fake_yookassa() -> None:
    """A local YooKassa for development: API on :8090/v3, checkout pages, webhooks to the app."""
    from tochka_app.devtools.fake_yookassa import FakeYooKassa

    settings = get_settings()
    if settings.is_production:
        raise SystemExit("fake-yookassa is for development only")
    port = int(os.environ.get("FAKE_YOOKASSA_PORT", "8090"))
    # The backend's address: in development Reflex serves it on BACKEND_PORT (pages on :3000).
    webhook = os.environ.get(
        "FAKE_YOOKASSA_WEBHOOK",
        f"http://127.0.0.1:{os.environ.get('BACKEND_PORT', '8000')}{routes.PAYMENTS_WEBHOOK}",
    )
    with FakeYooKassa(
        settings.yookassa_shop_id or "local-shop",
        settings.yookassa_secret_key or "local-secret",
        webhook,
        port=port,
    ) as fake:
        # The demo shop's own account (cli seed connects it), notifications to its tenant URL.
        from tochka_app.modules.shop import demo
        from tochka_app.modules.shop import routes as shop_routes

        shop_id, secret, token = demo.demo_kassa(settings)
        backend = webhook.removesuffix(routes.PAYMENTS_WEBHOOK)
        fake.add_account(shop_id, secret, backend + shop_routes.NOTIFY.format(token=token))
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
    if argv and argv[0] == "ready-banner":
        ready_banner(*argv[1:])
        return 0
    commands: dict[str, list[Callable[[], None]]] = {
        "migrate": [migrate],
        "seed": [seed],
        "setup": [migrate, seed],
        "telegram-poll": [telegram_poll],
        "telegram-set-webhook": [telegram_set_webhook],
        "telegram-delete-webhook": [telegram_delete_webhook],
        "admin-totp-reset": [admin_totp_reset],
        "billing-tick": [billing_tick],
        "fake-yookassa": [fake_yookassa],
        "ensure-secret-key": [ensure_secret_key],
    }
    if len(argv) != 1 or argv[0] not in commands:
        print(
            f"usage: python -m tochka_app.cli {{{'|'.join(commands)}}} | new-module CODE",
            file=sys.stderr,
        )
        return 2
    url = get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if url == Settings.model_fields["database_url"].default:
            _move_old_runtime_files()
    for step in commands[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
