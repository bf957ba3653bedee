"""Discovers module packages, syncs them into the `modules` table, answers "which modules exist".

Loading the manifests also adds each module's `permissions` to the one permission table
(`services/permissions.py`), so the guard, the services and the pages check them like the
platform's own.
"""

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from tochka_app.models import Module, Tariff
from tochka_app.models._types import utcnow
from tochka_app.modules.sdk import ModuleManifest
from tochka_app.services import permissions

_PACKAGE_DIR = Path(__file__).parent
_NOT_MODULES = {"module_template"}


@lru_cache
def manifests() -> dict[str, ModuleManifest]:
    """code -> manifest of every installed module package."""
    found = {}
    for info in pkgutil.iter_modules([str(_PACKAGE_DIR)]):
        if not info.ispkg or info.name in _NOT_MODULES:
            continue
        if not (_PACKAGE_DIR / info.name / "manifest.py").is_file():
            # A module under construction: its tables exist (they come with migrations), but
            # nothing is offered until its manifest is written.
            importlib.import_module(f"tochka_app.modules.{info.name}.models")
            continue
        manifest = importlib.import_module(f"tochka_app.modules.{info.name}.manifest").MANIFEST
        if manifest.code != info.name:
            raise RuntimeError(f"module package {info.name!r} declares code {manifest.code!r}")
        register_permissions(manifest)
        found[manifest.code] = manifest
    return found


def register_permissions(manifest: ModuleManifest) -> None:
    """Add the module's permissions to the one table; each is named "<code>.<action>"."""
    for name, role in manifest.permissions.items():
        if not str(name).startswith(f"{manifest.code}."):
            raise RuntimeError(
                f"module {manifest.code!r}: permission {name!r} must start "
                f"with {manifest.code + '.'!r}"
            )
        permissions.register(str(name), role)


def get(code: str) -> ModuleManifest | None:
    return manifests().get(code)


def is_available(code: str) -> bool:
    """Whether a module can be used today: its package is installed. The one rule behind every
    "Скоро" / "Coming soon" — the landing, the public marketplace and the workspace ask here."""
    return get(code) is not None


def import_pages() -> None:
    """Import every module's page module so that its routes register with the app."""
    for manifest in manifests().values():
        if manifest.pages_module:
            importlib.import_module(manifest.pages_module)


def api_routes() -> list:
    """Starlette routes every installed module adds to the backend."""
    return [
        route
        for manifest in manifests().values()
        if manifest.api_module
        for route in importlib.import_module(manifest.api_module).ROUTES
    ]


def sync(session: Session) -> list[str]:
    """Insert or update a `modules` row per installed package; returns the codes created.

    Name, description, category and icon follow the manifest; `is_published`, the price and the
    minimum tariff stay as the super admin set them (new rows take the manifest's values).
    """
    tariffs = {t.code: t.id for t in session.exec(select(Tariff))}
    existing = {m.code: m for m in session.exec(select(Module))}
    created = []
    for order, manifest in enumerate(manifests().values()):
        row = existing.get(manifest.code)
        if row is None:
            row = Module(
                code=manifest.code,
                category=manifest.category,
                is_published=True,
                sort_order=100 + order,
            )
            created.append(manifest.code)
            # Price and minimum tariff start from the manifest; then the super admin owns them.
            row.price_month_kopecks = manifest.price_month_kopecks
            row.min_tariff_id = tariffs.get(manifest.min_tariff) if manifest.min_tariff else None
        row.name, row.description = manifest.name, manifest.description
        row.category, row.icon = manifest.category, manifest.icon
        row.updated_at = utcnow()
        session.add(row)
    session.flush()
    return created
