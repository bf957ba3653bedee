"""GET /og/platform.png and /og/s/<slug>.png: the 1200×630 link-preview cards that public pages
name in og:image (drawn and cached by services/og_images.py)."""

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tochka_app import db
from tochka_app.i18n import gettext_, normalize_locale
from tochka_app.services import og_images
from tochka_app.services.tenant.resolution import tenant_by_slug
from tochka_app.settings import get_settings

CACHE_CONTROL = "public, max-age=3600"


def _draw(name: str) -> bytes | None:
    settings = get_settings()
    cache = settings.media_dir.parent / "og_cache"  # beside the uploads, outside git
    host = urlsplit(settings.public_base_url).netloc or settings.platform_domain
    if name == "platform.png":
        tagline = gettext_(normalize_locale(settings.default_locale), "meta.og_tagline")
        return og_images.brand_image(cache, settings.platform_name, tagline, host)
    if name.startswith("s/") and name.endswith(".png"):
        with db.session_scope() as session:
            match = tenant_by_slug(session, name[2:-4])
            if match is None or match.via_alias:
                return None
            tenant = match.tenant
            logo = settings.media_dir / tenant.logo_path if tenant.logo_path else None
            return og_images.site_image(cache, tenant.name, tenant.brand_color, logo, host)
    return None


async def og_image(request: Request) -> Response:
    png = await run_in_threadpool(_draw, request.path_params["name"])
    if png is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(png, media_type="image/png", headers={"Cache-Control": CACHE_CONTROL})
