"""Reflex plugin that lets a server-rendered page start from the state it was rendered with.

Two edits to the compiled frontend, checked at every compile (a Reflex upgrade that moves the code
fails the build here instead of silently dropping server rendering):
- the browser's state store begins with the defaults overlaid by the JSON in the page's
  `<script id="tochka-state">` (written by api/public_pages.py), so hydration sees the same
  values the HTML was rendered with;
- the server's state store reads the state the render server was given for this render.
It also puts the render server next to the build (`.web/render-server.mjs`)."""

from pathlib import Path

from reflex_base.plugins.base import Plugin

from tochka_app.server_render import STATE_ELEMENT_ID

CONTEXT_FILE = "utils/context.jsx"
RENDER_SERVER = "render-server.mjs"
_SOURCE = Path(__file__).with_name("render_server.mjs")

_CLIENT_STORE = "useState(() => createStateStore(initialState))"
_SERVER_SNAPSHOT = "getSnapshot: (substateName) => initialState[substateName],"
_HELPERS = f"""
// Server rendering (tochka_app/server_render): a public page is rendered with the state its
// on_load handlers produced, and that state rides in the page, so both renders agree.
function withDelta(base, delta) {{
  const merged = {{ ...base }};
  for (const [name, vars] of Object.entries(delta ?? {{}})) {{
    if (merged[name] !== undefined) merged[name] = {{ ...merged[name], ...vars }};
  }}
  return merged;
}}

function withServerState(base) {{
  const element =
    typeof document === "undefined" ? null : document.getElementById("{STATE_ELEMENT_ID}");
  if (!element) return base;
  try {{
    return withDelta(base, JSON.parse(element.textContent));
  }} catch (error) {{
    console.warn("Ignoring the page's server state", error);
    return base;
  }}
}}

let serverStateGiven;
let serverStateMerged;
function serverSnapshot(substateName) {{
  const given = globalThis.__tochkaServerState;
  if (!given) return initialState[substateName];
  if (given !== serverStateGiven) {{
    serverStateGiven = given;
    serverStateMerged = withDelta(initialState, given);
  }}
  return serverStateMerged[substateName];
}}
"""


def patch_context(source: str) -> str:
    for needle in (_CLIENT_STORE, _SERVER_SNAPSHOT):
        if source.count(needle) != 1:
            msg = f"server rendering: {CONTEXT_FILE} no longer contains {needle!r}"
            raise RuntimeError(msg)
    return (
        source.replace(
            _CLIENT_STORE, "useState(() => createStateStore(withServerState(initialState)))"
        ).replace(_SERVER_SNAPSHOT, "getSnapshot: serverSnapshot,")
        + _HELPERS
    )


class ServerStatePlugin(Plugin):
    def get_static_assets(self, **context):
        return [(Path(RENDER_SERVER), _SOURCE.read_text())]

    def pre_compile(self, **context):
        context["add_modify_task"](CONTEXT_FILE, patch_context)
