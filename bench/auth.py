"""Login-code benchmark: send → verify round trip through the real services on PostgreSQL.

    .venv/bin/python bench/auth.py [--runs 200]

Creates a throwaway database on 127.0.0.1:5432 (or uses BENCH_DATABASE_URL), migrates it, then
times, per run with a fresh phone: request_code (limits, HMAC, dev-inbox delivery, audit) and
verify_code (row lock, HMAC compare, user creation, audit), each in its own transaction, as the
login page does. Baseline in the same run: an empty transaction (`SELECT 1`).
"""

import argparse
import logging
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._database import bench_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    with bench_database():
        baseline, send, verify, total = run(args)
    report(args, baseline, send, verify, total)


def run(args):
    logging.getLogger("tochka_app.dev_inbox").setLevel(logging.ERROR)

    from sqlalchemy import text

    from tochka_app.db import session_scope
    from tochka_app.integrations import dev_inbox
    from tochka_app.services.auth import codes
    from tochka_app.settings import get_settings

    settings = get_settings().model_copy(
        update={"auth_code_channel": "dev_inbox", "app_env": "development"}
    )
    baseline, send, verify, total = [], [], [], []
    for n in range(args.runs + 10):
        phone = f"+7901{n:07d}"
        ip = f"10.{n // 65536}.{n // 256 % 256}.{n % 256}"  # spread over IPs: no IP limit hit
        t0 = time.perf_counter()
        with session_scope() as session:
            session.exec(text("SELECT 1"))
        t1 = time.perf_counter()
        with session_scope() as session:
            codes.request_code(session, settings, phone, ip)  # raises when refused
        t2 = time.perf_counter()
        code = re.search(r"\d{6}", dev_inbox.messages()[0].text).group(0)
        with session_scope() as session:
            assert codes.verify_code(session, settings, phone, code, ip).user is not None
        t3 = time.perf_counter()
        if n >= 10:  # warm-up excluded
            baseline.append((t1 - t0) * 1000)
            send.append((t2 - t1) * 1000)
            verify.append((t3 - t2) * 1000)
            total.append((t3 - t1) * 1000)
    return baseline, send, verify, total


def report(args, baseline, send, verify, total) -> None:
    def p95(values):
        return statistics.quantiles(values, n=20)[-1]

    floor = p95(baseline)
    print(f"\nlogin code round trip on PostgreSQL, {args.runs} runs, ms")
    print(f"{'step':<28}{'p50':>8}{'p95':>8}{'p95 / empty txn':>18}")
    for label, values in (
        ("empty transaction (floor)", baseline),
        ("request_code", send),
        ("verify_code", verify),
        ("send → verify total", total),
    ):
        print(
            f"{label:<28}{statistics.median(values):>8.2f}{p95(values):>8.2f}"
            f"{p95(values) / floor:>18.1f}"
        )


if __name__ == "__main__":
    main()
