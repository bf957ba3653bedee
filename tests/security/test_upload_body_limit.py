"""Uploads too big for any handler (issue 11, item 6): Reflex's `/_upload` buffers a whole
multipart body before our code sees the file, so the body is capped at the HTTP layer — a declared
Content-Length over the cap is answered 413 unread, a chunked body is counted as it streams."""

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from tochka_app.api import api_transformers
from tochka_app.api.tenant_hosts import TenantHostMiddleware
from tochka_app.api.upload_limit import UploadLimitMiddleware
from tochka_app.modules.knowledge import importer
from tochka_app.settings import get_settings

CAP = 10_000


@pytest.fixture
def seen():
    return {"calls": 0, "bytes": 0}


def _app(seen) -> Starlette:
    async def upload(request: Request):
        seen["calls"] += 1
        async for chunk in request.stream():  # what Reflex's request.form() does underneath
            seen["bytes"] += len(chunk)
        return PlainTextResponse(f"read {seen['bytes']}")

    return Starlette(routes=[Route("/_upload", upload, methods=["POST"])])


def _chunks(total: int, size: int = 1000):
    for _ in range(total // size):
        yield b"x" * size


def test_upload_body_over_the_cap_gets_413(seen):
    client = TestClient(UploadLimitMiddleware(_app(seen), max_bytes=CAP))
    declared = client.post("/_upload", content=b"x" * (CAP + 1))
    assert declared.status_code == 413 and seen["calls"] == 0  # refused before the handler

    streamed = client.post("/_upload", content=_chunks(50 * CAP))  # chunked: no Content-Length
    assert streamed.status_code == 413
    assert seen["bytes"] <= CAP  # the handler never got past the cap

    seen["bytes"] = 0
    fits = client.post("/_upload", content=_chunks(CAP))
    assert (fits.status_code, fits.text) == (200, f"read {CAP}")
    assert client.post("/_upload", content=b"x" * CAP).status_code == 200


def test_upload_cap_wraps_the_whole_app_and_fits_the_largest_upload(db, seen):
    """The cap is one of the app's api transformers, outside everything (Reflex's /_upload is
    mounted inside), and the default lets the importer's 5 MiB file through with its envelope."""
    settings = get_settings()
    assert importer.MAX_FILE_BYTES < settings.upload_max_bytes <= 8 * 1024 * 1024
    asgi = _app(seen)
    for transformer in api_transformers():  # as reflex.App does with api_transformer
        if isinstance(transformer, Starlette):
            transformer.mount("", asgi)
            asgi = transformer
        else:
            asgi = transformer(asgi)
    layers = []  # outermost first
    layer = asgi
    while layer is not None and not isinstance(layer, Starlette):
        layers.append(type(layer))
        layer = getattr(layer, "app", None)
    assert UploadLimitMiddleware in layers and layers.index(UploadLimitMiddleware) < layers.index(
        TenantHostMiddleware
    )
    client = TestClient(asgi, base_url=settings.public_base_url)  # the platform's own host
    too_big = client.post("/_upload", content=_chunks(settings.upload_max_bytes + 64_000, 64_000))
    assert too_big.status_code == 413
    assert client.post("/_upload", headers={"content-length": str(10**12)}).status_code == 413
    assert seen["bytes"] <= settings.upload_max_bytes
    assert client.post("/_upload", content=_chunks(5 * 1024 * 1024, 64_000)).status_code == 200
