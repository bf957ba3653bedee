"""Typed settings: the one place that reads environment variables (and `.env`)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=PROJECT_ROOT / ".env", extra="ignore")

    # "development" enables local-only conveniences; "production" refuses them.
    app_env: Literal["development", "production"] = "development"

    # Embedded SQLite is the zero-configuration default; PostgreSQL in production and tests.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'tochka.db'}",
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

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
