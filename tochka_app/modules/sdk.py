"""What a module declares about itself: its manifest, settings schema and menu entries.

A module is a package `tochka_app/modules/<code>/` with `manifest.py` defining `MANIFEST`, plus
its own models, services and pages (see README.md). The registry reads manifests, keeps the
`modules` table in sync and registers the pages.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from tochka_app.models import Role
from tochka_app.services.errors import ServiceError

SettingType = Literal["str", "int", "bool", "choice"]


@dataclass(frozen=True)
class SettingField:
    key: str
    type: SettingType
    label: dict[str, str]
    default: Any = None
    required: bool = False
    min: int | None = None
    max: int | None = None
    max_length: int = 200
    choices: tuple[str, ...] = ()
    # What the form shows for a choice (value -> {"ru": …, "en": …}); the value itself otherwise.
    choice_labels: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class MenuEntry:
    label: dict[str, str]
    route: str
    icon: str = "package"


@dataclass(frozen=True)
class Job:
    """Work a module runs in the background every `every_seconds` in each worker
    (modules/jobs.py); `run(session_scope)` must be safe when several workers run it at once
    and returns how many things it did (for the log)."""

    name: str
    every_seconds: int
    run: Callable[[Callable], int]


@dataclass(frozen=True)
class SitePage:
    """What a module's public page tells the server about itself (a `site_page` may return
    this, or just (title, text)): its link preview and structured data."""

    title: str
    text: str  # Markdown or plain; the description is its start
    image: str = ""  # a file below MEDIA_DIR for og:image ("" = the site's preview card)
    image_size: tuple[int, int] = (0, 0)
    # schema.org objects; "url" and "image" are filled in with absolute addresses when missing
    json_ld: tuple[dict, ...] = ()
    kind: str = "article"  # og:type


@dataclass(frozen=True)
class ModuleManifest:
    code: str
    name: dict[str, str]
    description: dict[str, str]
    category: str
    icon: str
    version: str
    min_tariff: str | None = None  # tariff code, or None: included in every tariff
    price_month_kopecks: int = 0
    # Permissions the module adds: "<code>.<action>" -> lowest role holding it. The registry puts
    # them into the one permission table (services/permissions.py): the module's states pass them
    # to `_load_page` / `_run`, its services to `require`, its pages to `can`. A name ending in
    # ".view" stays allowed while the workspace is read-only; any other is a change.
    permissions: dict[str, Role] = field(default_factory=dict)
    settings: tuple[SettingField, ...] = ()
    menu: tuple[MenuEntry, ...] = ()
    # Deletes the module's data of one tenant after the grace period (session, tenant_id).
    purge: Callable[[Any, int], None] | None = None
    pages_module: str | None = None  # dotted path imported to register the module's pages
    # Links the module adds to the tenant's public site menu: (session, tenant_id, locale) ->
    # [(title, path below /s/<slug>)].
    site_links: Callable[[Any, int, str], list[tuple[str, str]]] | None = None
    # The public page at a path below the tenant's site (session, tenant_id, "/p/about") ->
    # (title, text), a `SitePage`, or None: the server answers 404 for None (services/public_status.py) and
    # writes the title and text into the page's link preview (services/public_meta.py); the
    # sitemap lists `site_links`.
    site_page: Callable[[Any, int, str], "tuple[str, str] | SitePage | None"] | None = None
    # Real screenshots for the marketplace detail page: paths under assets/ ("/modules/x/1.png").
    screenshots: tuple[str, ...] = ()
    # Dotted path of a module-level `ROUTES` tuple of Starlette routes (downloads, webhooks).
    api_module: str | None = None
    # Fills the demo workspace on `cli seed` (session, tenant_id, owner_id, settings); it must
    # do nothing when the data is there already.
    seed_demo: Callable[[Any, int, int, Any], None] | None = None
    jobs: tuple[Job, ...] = ()

    def default_settings(self) -> dict:
        return {f.key: f.default for f in self.settings}


def validate_settings(manifest: ModuleManifest, raw: dict) -> dict:
    """Coerce and check submitted settings against the schema; unknown keys are dropped."""
    clean: dict[str, object] = {}
    errors: dict[str, str] = {}
    for f in manifest.settings:
        value = raw.get(f.key, f.default)
        if f.type == "bool":
            clean[f.key] = value in (True, "true", "on", "1", 1)
            continue
        text = "" if value is None else str(value).strip()
        if not text:
            if f.required:
                errors[f.key] = "settings.required"
            clean[f.key] = f.default if not f.required else None
            continue
        if f.type == "int":
            try:
                number = int(text)
            except ValueError:
                errors[f.key] = "settings.not_a_number"
                continue
            if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
                errors[f.key] = "settings.out_of_range"
                continue
            clean[f.key] = number
        elif f.type == "choice":
            if text not in f.choices:
                errors[f.key] = "settings.bad_choice"
                continue
            clean[f.key] = text
        else:
            if len(text) > f.max_length:
                errors[f.key] = "settings.too_long"
                continue
            clean[f.key] = text
    if errors:
        raise ServiceError.form(errors)
    return clean
