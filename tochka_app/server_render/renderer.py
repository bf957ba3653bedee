"""The backend's side of the render server: starts `render-server.mjs` with bun on a unix socket
when the production build is there, posts a page's address and state, gets its HTML.

Any trouble answers None and the caller serves the prerendered page instead: no build, no bun,
more than MAX_IN_FLIGHT renders already waiting (overload falls back at once rather than queueing),
a render slower than RENDER_SECONDS, a crash. After FAILURES_TO_RESTART failures in a row the
render server is stopped; it is started again on a later request, RESTART_SECONDS after the
failure at the earliest."""

import asyncio
import contextlib
import functools
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from reflex.environment import environment
from reflex.utils.prerequisites import get_web_dir
from reflex_base import constants

from tochka_app.server_render.plugin import RENDER_SERVER

log = logging.getLogger(__name__)
START_SECONDS = 15.0
RENDER_SECONDS = 2.0
RESTART_SECONDS = 10.0
FAILURES_TO_RESTART = 3
MAX_IN_FLIGHT = 8  # one render takes ~15 ms: eight waiting is already a backlog


def _runtime() -> str | None:
    return shutil.which("bun") or shutil.which("node")


class Renderer:
    def __init__(self, web_dir: Path):
        self._web_dir = web_dir
        self._folder: Path | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._client: httpx.AsyncClient | None = None
        self._lock = asyncio.Lock()
        self._failures = 0
        self._failed_at = 0.0
        self._in_flight = 0

    @property
    def available(self) -> bool:
        """A production build with its server bundle (React Router makes it for prerendering);
        in development the pages come from Vite and never reach the backend."""
        built = (self._web_dir / "build/server/index.js").is_file()
        return (
            environment.REFLEX_ENV_MODE.get() == constants.Env.PROD
            and built
            and (self._web_dir / RENDER_SERVER).is_file()
        )

    @functools.cached_property
    def _backend_origin(self) -> str:
        """The backend address baked into the build (`env.json`, e.g. `http://localhost:3000`).
        The browser swaps its host for the page's own; on the server there is no page, so the
        rendered HTML would point uploads (a tenant's logo) at localhost. They are made relative."""
        try:
            upload = json.loads((self._web_dir / "env.json").read_text())["UPLOAD"]
        except (OSError, ValueError, KeyError):
            return ""
        parts = urlsplit(upload)
        return f"{parts.scheme}://{parts.netloc}"

    async def _start(self) -> bool:
        runtime = _runtime()
        if runtime is None or not self.available:
            return False
        # A folder of our own (0700): no other local user can connect, or plant a socket.
        self._folder = Path(tempfile.mkdtemp(prefix="tochka-render-"))
        socket = self._folder / "render.sock"
        self._process = await asyncio.create_subprocess_exec(
            runtime,
            RENDER_SERVER,
            str(socket),
            cwd=self._web_dir,
            stdin=asyncio.subprocess.PIPE,  # closes when we exit: the render server follows
            env={**os.environ, "NODE_ENV": "production"},
        )
        self._client = httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(uds=str(socket)),
            base_url="http://render",
            timeout=RENDER_SECONDS,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self._process.returncode is None:
            with contextlib.suppress(httpx.TransportError):
                if (await self._client.get("/")).status_code == 200:
                    log.info("render server started (%s, pid %s)", runtime, self._process.pid)
                    self._failures = 0
                    return True
            await asyncio.sleep(0.05)
        log.warning("render server did not start; public pages are served prerendered")
        await self._failed()
        return False

    async def _ready(self) -> bool:
        if self._process is not None and self._process.returncode is None:
            return True
        if time.monotonic() - self._failed_at < RESTART_SECONDS:
            return False  # it failed a moment ago: do not make every visitor wait for it
        async with self._lock:
            if self._process is not None and self._process.returncode is None:
                return True
            await self.close()
            try:
                return await self._start()
            except OSError:
                log.exception("render server could not be started")
                await self._failed()
                return False

    async def _failed(self) -> None:
        self._failed_at = time.monotonic()
        self._failures += 1
        if self._process is None or self._process.returncode is not None:
            await self.close()
        elif self._failures >= FAILURES_TO_RESTART:
            log.warning("render server failed %s times in a row: stopping it", self._failures)
            await self.close()

    async def render(self, url: str, state_json: str) -> str | None:
        """The page's HTML, or None. `url`: the page's path and query on a fixed origin;
        `state_json`: its state delta, serialized by Reflex (as for the websocket)."""
        if self._in_flight >= MAX_IN_FLIGHT or not await self._ready():
            return None
        client = self._client
        if client is None:
            return None
        job = f'{{"url": {json.dumps(url)}, "state": {state_json}}}'
        self._in_flight += 1
        try:
            response = await client.post(
                "/", content=job, headers={"content-type": "application/json"}
            )
        except (httpx.HTTPError, RuntimeError) as error:  # RuntimeError: closed meanwhile
            log.warning("render of %s failed: %r", url, error)
            await self._failed()
            return None
        finally:
            self._in_flight -= 1
        rendered = response.headers.get("x-render-status") == "200" and response.headers.get(
            "x-render-type", ""
        ).startswith("text/html")
        if response.status_code != 200 or not rendered:
            log.warning("render of %s failed: %s", url, response.text[:2000])
            await self._failed()
            return None
        self._failures = 0
        html = response.text
        return html.replace(self._backend_origin + "/", "/") if self._backend_origin else html

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            try:
                await asyncio.wait_for(self._process.wait(), 5)
            except TimeoutError:
                self._process.kill()
        self._process = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


@functools.cache
def get_renderer() -> Renderer:
    """One render server per backend process (each granian worker has its own)."""
    return Renderer(get_web_dir())


@contextlib.asynccontextmanager
async def render_server() -> AsyncIterator[None]:
    """Lifespan task: start the render server with the backend (the first visitor does not wait
    for it) and stop it on shutdown. A failure here never stops the backend."""
    renderer = get_renderer()
    if renderer.available:
        await renderer._ready()
    try:
        yield
    finally:
        await renderer.close()
