"""The backend's side of the render server: starts `render-server.mjs` with bun on a unix socket
when the production build is there, posts a page's address and state, gets its HTML.

Any trouble (no build, no bun, a crash, a slow render) answers None and the caller serves the
prerendered page instead; a dead render server is started again, at most every RESTART_SECONDS."""

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
from dataclasses import dataclass
from pathlib import Path

import httpx
from reflex.environment import environment
from reflex.utils.prerequisites import get_web_dir
from reflex_base import constants

from tochka_app.server_render.plugin import RENDER_SERVER

log = logging.getLogger(__name__)
START_SECONDS = 15.0
RENDER_SECONDS = 3.0
RESTART_SECONDS = 10.0


@dataclass(frozen=True)
class Rendered:
    status: int
    html: str


def _runtime() -> str | None:
    return shutil.which("bun") or shutil.which("node")


class Renderer:
    def __init__(self, web_dir: Path):
        self._web_dir = web_dir
        # In a folder of our own (0700): no other local user can connect, or plant a socket.
        self._socket = Path(tempfile.mkdtemp(prefix="tochka-render-")) / "render.sock"
        self._process: asyncio.subprocess.Process | None = None
        self._client: httpx.AsyncClient | None = None
        self._lock = asyncio.Lock()
        self._last_start = 0.0

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

    async def _start(self) -> bool:
        runtime = _runtime()
        if runtime is None or not self.available:
            return False
        self._last_start = time.monotonic()
        self._process = await asyncio.create_subprocess_exec(
            runtime,
            RENDER_SERVER,
            str(self._socket),
            cwd=self._web_dir,
            stdin=asyncio.subprocess.PIPE,  # closes when we exit: the render server follows
            env={**os.environ, "NODE_ENV": "production"},
        )
        self._client = httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(uds=str(self._socket)),
            base_url="http://render",
            timeout=RENDER_SECONDS,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self._process.returncode is None:
            with contextlib.suppress(httpx.TransportError):
                if (await self._client.get("/")).status_code == 200:
                    log.info("render server started (%s, pid %s)", runtime, self._process.pid)
                    return True
            await asyncio.sleep(0.05)
        log.warning("render server did not start; public pages are served prerendered")
        await self.close()
        return False

    async def _ready(self) -> bool:
        if self._process is not None and self._process.returncode is None:
            return True
        async with self._lock:
            if self._process is not None and self._process.returncode is None:
                return True
            if self._process is not None or self._last_start:
                if time.monotonic() - self._last_start < RESTART_SECONDS:
                    return False
                await self.close()
            return await self._start()

    async def render(self, url: str, state_json: str) -> Rendered | None:
        """`state_json`: the page's state delta, serialized by Reflex (as for the websocket)."""
        if not await self._ready():
            return None
        assert self._client is not None
        job = f'{{"url": {json.dumps(url)}, "state": {state_json}}}'
        try:
            response = await self._client.post(
                "/", content=job, headers={"content-type": "application/json"}
            )
        except httpx.HTTPError as error:
            log.warning("render of %s failed: %r", url, error)
            return None
        if response.status_code != 200:
            log.warning("render of %s failed: %s", url, response.text[:2000])
            return None
        return Rendered(int(response.headers.get("x-render-status", "200")), response.text)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._process.wait(), 5)
        self._process = None
        self._socket.unlink(missing_ok=True)


@functools.cache
def get_renderer() -> Renderer:
    """One render server per backend process (each granian worker has its own)."""
    return Renderer(get_web_dir())


@contextlib.asynccontextmanager
async def render_server() -> AsyncIterator[None]:
    """Lifespan task: start the render server with the backend (the first visitor does not wait
    for it) and stop it on shutdown."""
    renderer = get_renderer()
    if renderer.available:
        await renderer._ready()
    try:
        yield
    finally:
        await renderer.close()
