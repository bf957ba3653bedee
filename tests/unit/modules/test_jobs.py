"""Modules' background jobs: which are due, and the shop's job is declared and runs."""

from tochka_app.modules import jobs, registry
from tochka_app.modules.sdk import Job


def test_a_job_is_due_on_the_first_turn_and_then_after_its_interval():
    fast, slow = Job("fast", 10, lambda _: 0), Job("slow", 60, lambda _: 0)
    last = {"fast": 100.0, "slow": 100.0}
    assert jobs.due_jobs([fast, slow], {}, 0.0) == [fast, slow]
    assert jobs.due_jobs([fast, slow], last, 105.0) == []
    assert jobs.due_jobs([fast, slow], last, 110.0) == [fast]
    assert jobs.due_jobs([fast, slow], last, 160.0) == [fast, slow]


def test_the_shop_releases_unpaid_reservations_in_the_background():
    names = [job.name for m in registry.manifests().values() for job in m.jobs]
    assert "shop.release_expired" in names
