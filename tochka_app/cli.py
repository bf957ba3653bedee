"""Project commands: `python -m tochka_app.cli migrate|seed|setup`."""

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from tochka_app.db import session_scope
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


def main(argv: list[str]) -> int:
    commands = {"migrate": [migrate], "seed": [seed], "setup": [migrate, seed]}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m tochka_app.cli {{{'|'.join(commands)}}}", file=sys.stderr)
        return 2
    url = get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    for step in commands[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
