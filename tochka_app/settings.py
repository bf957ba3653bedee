"""Typed settings: the one place that reads environment variables (and `.env`)."""

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Everything the app writes at run time (SQLite database and its -wal/-shm files, uploads, the
# generated production key) lives in this hidden folder: Reflex's development file watcher skips
# hidden folders, so runtime writes never restart the dev server. Ignored by git.
DATA_DIR = PROJECT_ROOT / ".data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=PROJECT_ROOT / ".env", extra="ignore")

    # "development" enables local-only conveniences; "production" refuses them.
    app_env: Literal["development", "production"] = "development"

    # Embedded SQLite is the zero-configuration default; PostgreSQL in production and tests.
    database_url: str = Field(
        default=f"sqlite:///{DATA_DIR / 'tochka.db'}",
        validation_alias=AliasChoices("REFLEX_DB_URL", "DATABASE_URL"),
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REFLEX_REDIS_URL", "REDIS_URL")
    )

    default_locale: Literal["ru", "en"] = "ru"
    platform_name: str = "Точка Роста"
    support_email: str = "support@tochka-rosta.ru"

    # Seeded super admin. When no password is configured one is generated and printed once.
    super_admin_phone: str = "+79000000001"
    super_admin_password: str | None = None

    # Address of this app as users reach it (redirect URIs, deep links back).
    public_base_url: str = "http://localhost:3000"
    # Key for HMACs of login codes and session tokens. Required in production (or generated once
    # into `secret_key_file` by `scripts/run.sh --prod`); in development a fixed key derived from
    # the project path keeps restarts working.
    secret_key: str | None = None
    secret_key_file: Path = DATA_DIR / "secret_key"

    # Login codes: how they reach the user.
    auth_code_channel: Literal["telegram_bot", "telegram_gateway", "sms", "dev_inbox"] = "dev_inbox"
    telegram_bot_token: str | None = None
    telegram_bot_username: str = "tochka_rosta_bot"
    telegram_webhook_secret: str | None = None
    telegram_api_base: str = "https://api.telegram.org"
    telegram_oauth_base: str = "https://oauth.telegram.org"  # Telegram Login (the widget's page)
    telegram_gateway_token: str | None = None
    telegram_gateway_base: str = "https://gatewayapi.telegram.org"
    sms_ru_api_id: str | None = None
    sms_ru_base: str = "https://sms.ru"
    sms_sender: str | None = None
    http_timeout_s: float = 10.0
    # Login codes sent to one client address per hour (all phones together).
    login_codes_per_ip_hour: int = 20
    # Reverse proxies (CIDRs) whose X-Forwarded-For is believed; empty: the header is ignored.
    trusted_proxies: list[str] = []

    # VK ID (OAuth 2.1 + PKCE).
    vk_client_id: str | None = None
    vk_id_base: str = "https://id.vk.com"

    # Sessions: sliding idle expiry and an absolute cap; admin sessions are shorter.
    session_idle_days: int = 14
    session_absolute_days: int = 30
    admin_session_idle_minutes: int = 120
    admin_session_absolute_hours: int = 12

    # Payments (YooKassa API v3). Without a shop id and key, paying is switched off with a clear
    # message. `python -m tochka_app.cli fake-yookassa` runs a local stand-in on :8090.
    yookassa_shop_id: str | None = None
    yookassa_secret_key: str | None = None
    yookassa_base_url: str = "https://api.yookassa.ru/v3"
    billing_grace_days: int = 7  # past_due lasts this long before the workspace turns read-only
    billing_tick_seconds: int = 60  # how often the renewal task looks for due subscriptions
    module_jobs_enabled: bool = True  # modules' background jobs (modules/jobs.py); off in tests
    # Notifications are only accepted from these CIDRs when set (YooKassa publishes its addresses:
    # YOOKASSA_NOTIFY_ALLOWLIST_PUBLISHED below); empty: from anywhere (each one is re-checked).
    yookassa_notify_allowlist: list[str] = []
    # Webhook POSTs per client address and minute (in-process, per worker); 0 switches it off.
    payments_webhook_per_minute: int = 120

    # Tenant sites: `<slug>.<platform_domain>` subdomains and verified custom domains (CNAME to
    # `sites_cname_target`) serve the tenant's public site; other hosts not listed here get a 404.
    platform_domain: str = "tochka-rosta.ru"
    sites_cname_target: str = "sites.tochka-rosta.ru"
    # Uploaded files (tenant logos) live here, served through Reflex's upload endpoint (/_upload).
    media_dir: Path = DATA_DIR / "uploaded_files"
    logo_max_bytes: int = 2 * 1024 * 1024
    # Largest HTTP request body (any upload: the 5 MiB catalog file with its multipart envelope);
    # bigger bodies get 413 before anything buffers them.
    upload_max_bytes: int = 6 * 1024 * 1024
    # Nameservers asked when verifying a custom domain (empty: the system's resolv.conf).
    dns_nameservers: list[str] = []
    dns_port: int = 53
    dns_timeout_s: float = 5.0

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @cached_property
    def signing_key(self) -> bytes:
        if self.secret_key:
            return self.secret_key.encode()
        if self.is_production:
            if self.secret_key_file.is_file():
                return self.secret_key_file.read_text().strip().encode()
            raise RuntimeError("SECRET_KEY must be set in production")
        return f"dev-only:{PROJECT_ROOT}".encode()


@lru_cache
def get_settings() -> Settings:
    return Settings()
