"""Lighthouse (mobile) for the public pages, next to a static copy of the landing, in one run.

    .venv/bin/python bench/lighthouse.py

Installs the pinned `lighthouse` npm package into .tools/ on first use (npm registry), starts the
production build on a throwaway PostgreSQL database (BENCH_DATABASE_URL or a new one on
127.0.0.1:5432), saves a static copy of the rendered landing (as bench/landing.py does) and runs
Lighthouse with Debian's chromium (`CHROME_PATH=/usr/bin/chromium`) on the landing, the
marketplace, a module page, the demo tenant's site and the static copy. Prints the four category
scores and the paint timings; nothing is asserted.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench._browser import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402
from bench.landing import make_static_copy, serve_folder  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22; this machine has Node 20
TOOLS = ROOT / ".tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (
    ("landing", "/"),
    ("marketplace", "/marketplace"),
    ("module page", "/marketplace/pages"),
    ("tenant site", "/s/demo"),
)


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print(f"installing lighthouse {LIGHTHOUSE_VERSION} into .tools ...", flush=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "-E",
            "--prefix",
            str(TOOLS),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def audit(url: str, out: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    report = json.loads(out.read_text())
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        scores[key] = report["audits"][key]["numericValue"]
    return scores


def main() -> None:
    ensure_lighthouse()
    results = {}
    with (
        running_app("bench-app.log") as (app_url, _),
        sync_playwright() as pw,
        tempfile.TemporaryDirectory() as tmp,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        make_static_copy(browser, app_url, Path(tmp))
        browser.close()
        server, static_url = serve_folder(Path(tmp))
        for label, path in PAGES:
            results[label] = audit(app_url + path, Path(tmp) / "report.json")
        results["landing, static copy"] = audit(static_url + "/", Path(tmp) / "report.json")
        server.shutdown()

    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile (simulated slow 4G, 4x CPU slowdown)")
    print(
        f"{'page':<22}{'perf':>6}{'a11y':>6}{'b.p.':>6}{'seo':>6}{'FCP ms':>9}{'LCP ms':>9}"
        f"{'TBT ms':>8}"
    )
    for label, s in results.items():
        print(
            f"{label:<22}{s['performance']:>6}{s['accessibility']:>6}{s['best-practices']:>6}"
            f"{s['seo']:>6}{s['first-contentful-paint']:>9.0f}"
            f"{s['largest-contentful-paint']:>9.0f}{s['total-blocking-time']:>8.0f}"
        )


if __name__ == "__main__":
    main()
