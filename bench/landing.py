"""Landing benchmark: page load against a static copy, and event round trips against a no-op.

    .venv/bin/python bench/landing.py [--loads 15] [--events 300]

Starts the production build (`reflex run --env prod`) on a throwaway PostgreSQL database
(BENCH_DATABASE_URL, or a new database on 127.0.0.1:5432), then in headless Chromium measures:
  (a) the landing page: first and largest contentful paint (PerformanceObserver), DOMContentLoaded,
      load, time until the pricing cards are on screen, bytes transferred and JavaScript bytes,
      against a static HTML copy of the same rendered page (scripts removed,
      stylesheets copied) served from disk in the same run;
  (a') the same loads on a throttled phone (SLOW_PHONE: Lighthouse's mobile network and CPU);
  (b) event round trips over the page's own websocket: the framework floor (a trivial handler,
      one assignment; Reflex sends no reply to an event that changes nothing, so a true no-op
      cannot be timed from the client) and the landing's data-loading event, p50/p95 over
      --events runs each.
Figures are printed as a table with ratios; nothing is asserted.
"""

import argparse
import functools
import gzip
import http.server
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench._browser import CHROMIUM, CHROMIUM_ARGS, pct, running_app  # noqa: E402

# Keeps a handle on the page's socket.io websocket and the last event frame the app sent.
CAPTURE_SOCKET = """
(() => {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    window.__benchWS = this;
    if (typeof data === 'string' && data.includes('["event",')) window.__benchFrame = data;
    return send.call(this, data);
  };
})();
"""

# Sends one event per iteration on the same socket and waits for the state update it causes
# (the server sends nothing for an event that changes nothing, so every case must change a var).
ROUND_TRIPS = """
async ([name, payloads, n]) => {
  const ws = window.__benchWS, frame = window.__benchFrame;
  const head = frame.slice(0, frame.indexOf('['));
  const template = JSON.parse(frame.slice(head.length))[1];
  const times = [];
  for (let i = 0; i < n; i++) {
    const event = {...template, name, payload: payloads[i % payloads.length]};
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no update for ' + name)), 10000);
      const onMessage = (m) => {
        if (typeof m.data === 'string' && m.data.startsWith(head.replace(/,$/, ',["event"'))) {
          ws.removeEventListener('message', onMessage); clearTimeout(timer); resolve();
        }
      };
      ws.addEventListener('message', onMessage);
      ws.send(head + JSON.stringify(['event', event]));
    });
    times.push(performance.now() - t0);
  }
  return times;
}
"""

NAV_TIMING = """async () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const scripts = resources.filter(r => r.initiatorType === 'script' || r.name.endsWith('.js'));
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  // The largest contentful paint so far (buffered): what a person sees as "the page is there".
  const lcp = await new Promise(resolve => {
    let last = 0;
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) last = entry.startTime;
    }).observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(last), 200);
  });
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          fcp: fcp ? fcp.startTime : 0, lcp: lcp,
          transferred: nav.transferSize + resources.reduce((s, r) => s + (r.transferSize || 0), 0),
          js_bytes: scripts.reduce((s, r) => s + (r.decodedBodySize || 0), 0)
                    + (nav.name.endsWith('.js') ? nav.decodedBodySize : 0)};
}"""


def make_static_copy(browser, app_url: str, folder: Path) -> None:
    """Save the fully rendered landing page without scripts, with its stylesheets beside it."""
    page = browser.new_page()
    page.goto(app_url + "/")
    page.wait_for_selector(".tariff-card")
    html = page.content()
    page.close()
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(r'<link[^>]+rel="modulepreload"[^>]*>', "", html)
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r'href="([^"]+)"', tag)
        if 'rel="stylesheet"' in tag and href and href.group(1).startswith("/"):
            target = folder / href.group(1).lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(httpx.get(app_url + href.group(1)).content)
    (folder / "index.html").write_text(html, encoding="utf-8")
    for file in folder.rglob("*"):  # served compressed, as the app serves its own files
        if file.is_file() and file.suffix in (".html", ".css"):
            file.with_name(file.name + ".gz").write_bytes(gzip.compress(file.read_bytes()))


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Files from the folder, the .gz beside a file when the browser accepts gzip."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return open(packed, "rb")

    def log_message(self, *args):
        pass


# A phone on a slow network, as Lighthouse's mobile preset: 150 ms RTT, 1.6 Mbit/s down, 4x CPU.
SLOW_PHONE = {"latency": 150, "down": 1.6e6 / 8, "up": 750e3 / 8, "cpu": 4}


def _throttle(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": SLOW_PHONE["latency"],
            "downloadThroughput": SLOW_PHONE["down"],
            "uploadThroughput": SLOW_PHONE["up"],
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_PHONE["cpu"]})


def measure_loads(browser, url: str, runs: int, slow: bool = False) -> dict[str, list[float]]:
    figures = {
        "dcl": [],
        "load": [],
        "fcp": [],
        "lcp": [],
        "content": [],
        "transferred": [],
        "js_bytes": [],
    }
    for _ in range(runs):
        context = browser.new_context()  # cold cache every run
        page = context.new_page()
        if slow:
            _throttle(context, page)
        start = time.perf_counter()
        page.goto(url + "/")
        page.wait_for_selector(".tariff-card")
        figures["content"].append((time.perf_counter() - start) * 1000)
        page.wait_for_load_state("load")
        timing = page.evaluate(NAV_TIMING)
        for key in ("dcl", "load", "fcp", "lcp", "transferred", "js_bytes"):
            figures[key].append(timing[key])
        context.close()
    return figures


def measure_events(browser, app_url: str, runs: int) -> dict[str, list[float]]:
    import tochka_app.tochka_app  # noqa: F401  (registers the states to read their names)
    from tochka_app.pages.landing.state import LandingState
    from tochka_app.state.i18n import I18nState

    page = browser.new_page()
    page.add_init_script(CAPTURE_SOCKET)
    page.goto(app_url + "/")
    page.wait_for_selector(".tariff-card")
    # The boot event travels in the connect packet; one click gives a plain event frame to copy.
    switch = page.locator("#lang-switch")
    switch.get_by_role("radio", name="EN").click()
    page.wait_for_function("() => window.__benchWS && window.__benchFrame")
    switch.get_by_role("radio", name="RU").click()
    page.wait_for_selector("text=Тарифы")
    # Floor: the cheapest handler that still changes a var (one assignment of the language);
    # its update carries the UI labels of the new language. Even counts end on the same language.
    cases = {
        "floor (trivial event)": (
            f"{I18nState.get_full_name()}.set_locale",
            [{"locale": "en"}, {"locale": "ru"}],
        ),
        "landing load event": (f"{LandingState.get_full_name()}.load", [{}]),
    }
    results = {}
    for label, (name, payloads) in cases.items():
        page.evaluate(ROUND_TRIPS, [name, payloads, 20])  # warm-up
        results[label] = page.evaluate(ROUND_TRIPS, [name, payloads, runs])
    page.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=15)
    parser.add_argument("--events", type=int, default=300)
    args = parser.parse_args()

    with (
        running_app("bench-app.log") as (app_url, _),
        sync_playwright() as pw,
        tempfile.TemporaryDirectory() as tmp,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        make_static_copy(browser, app_url, Path(tmp))
        server, static_url = serve_folder(Path(tmp))
        measure_loads(browser, app_url, 2)  # warm the server's caches
        app = measure_loads(browser, app_url, args.loads)
        static = measure_loads(browser, static_url, args.loads)
        slow_runs = max(3, args.loads // 3)
        app_slow = measure_loads(browser, app_url, slow_runs, slow=True)
        static_slow = measure_loads(browser, static_url, slow_runs, slow=True)
        events = measure_events(browser, app_url, args.events)
        server.shutdown()
        browser.close()

    print(f"\n(a) landing page load, {args.loads} cold loads each, median ms")
    print(f"{'metric':<28}{'app':>12}{'static copy':>14}{'ratio':>8}")
    for key, label in (
        ("fcp", "first contentful paint"),
        ("lcp", "largest contentful paint"),
        ("dcl", "DOMContentLoaded"),
        ("load", "load"),
        ("content", "pricing cards on screen"),
        ("transferred", "bytes transferred"),
    ):
        a, s = statistics.median(app[key]), statistics.median(static[key])
        print(f"{label:<28}{a:>12.1f}{s:>14.1f}{a / s:>8.2f}")
    print(
        f"{'JavaScript bytes':<28}{statistics.median(app['js_bytes']):>12.0f}"
        f"{statistics.median(static['js_bytes']):>14.0f}"
    )

    print(
        f"\n(a') the same on a slow phone (150 ms RTT, 1.6 Mbit/s, 4x CPU), {slow_runs} cold loads"
    )
    print(f"{'metric':<28}{'app':>12}{'static copy':>14}{'ratio':>8}")
    for key, label in (
        ("fcp", "first contentful paint"),
        ("lcp", "largest contentful paint"),
        ("content", "pricing cards on screen"),
        ("load", "load"),
    ):
        a, s = statistics.median(app_slow[key]), statistics.median(static_slow[key])
        print(f"{label:<28}{a:>12.1f}{s:>14.1f}{a / s:>8.2f}")

    print(f"\n(b) event round trip over the websocket, {args.events} runs each, ms")
    print(f"{'event':<24}{'p50':>8}{'p95':>8}{'p95 / floor p95':>18}")
    floor = pct(events["floor (trivial event)"], 95)
    for label, times in events.items():
        print(
            f"{label:<24}{pct(times, 50):>8.2f}{pct(times, 95):>8.2f}"
            f"{pct(times, 95) / floor:>18.2f}"
        )


if __name__ == "__main__":
    main()
