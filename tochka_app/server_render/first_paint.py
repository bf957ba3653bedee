"""A server-rendered page paints before the app's scripts download.

On a slow phone the ~30 module preloads of React Router's HTML (330 KiB compressed) share the
connection with the one stylesheet that holds back the first paint, so the content, already in the
HTML, appears only when nearly everything has arrived. Here the bootstrap module and its preloads
are taken out of the HTML and started by a small inline script on the first frame after the page
can paint (and after a few seconds at the latest, for a tab opened in the background)."""

import json
import re

_BOOT = re.compile(r'<script type="module" async="">(.*?)</script>', re.S)
_PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"<>]+)"/>')
BOOT_ID = "tochka-boot"
LATEST_MS = 3000

_START = """<script>(function () {
  var started = false;
  function start() {
    if (started) return;
    started = true;
    PRELOADS.forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = href;
      document.head.appendChild(link);
    });
    var boot = document.createElement("script");
    boot.type = "module";
    boot.textContent = document.getElementById("BOOT_ID").textContent;
    document.body.appendChild(boot);
  }
  requestAnimationFrame(function () { setTimeout(start, 0); });
  setTimeout(start, LATEST_MS);
})();</script>"""


def scripts_after_first_paint(html: str) -> str:
    """`html` with the app's start moved after its first paint; unchanged if it does not have
    the shape React Router gives it (one bootstrap module)."""
    boots = _BOOT.findall(html)
    if len(boots) != 1:
        return html
    preloads = _PRELOAD.findall(html)
    start = (
        _START.replace("PRELOADS", json.dumps(preloads))
        .replace("BOOT_ID", BOOT_ID)
        .replace("LATEST_MS", str(LATEST_MS))
    )
    html = _PRELOAD.sub("", html)
    return _BOOT.sub(
        lambda m: f'<script type="text/plain" id="{BOOT_ID}">{m.group(1)}</script>{start}', html
    )
