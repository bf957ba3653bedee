"""Many buyers at once, each in a session of their own on committed data (the race tests)."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tochka_app import db as app_db
from tochka_app.services.errors import ServiceError


@dataclass
class Outcome:
    done: list[Any] = field(default_factory=list)  # what each successful call returned
    refused: list[str] = field(default_factory=list)  # the codes of ServiceErrors
    errors: list[BaseException] = field(default_factory=list)  # anything else: a bug


def at_once(count: int, work: Callable[[Any, int], Any]) -> Outcome:
    """Start `count` threads that wait for each other, then each runs `work(session, n)` in its
    own transaction; returns what came of them."""
    barrier, outcome, lock = threading.Barrier(count), Outcome(), threading.Lock()

    def run(n: int) -> None:
        try:
            barrier.wait()
            with app_db.session_scope() as session:
                result = work(session, n)
            with lock:
                outcome.done.append(result)
        except ServiceError as refusal:
            with lock:
                outcome.refused.append(str(refusal.code))
        except Exception as exc:  # surfaced by the test
            with lock:
                outcome.errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome
