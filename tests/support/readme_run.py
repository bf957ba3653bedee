"""Run the README's commands as a newcomer would: on a fresh copy of the project, as written.

The copy holds what git would hand over (tracked files plus new, not ignored ones) and is itself
a git repository, so a test can tell whether a run rewrote a tracked file. The copy shares this
checkout's `.venv` and `.tools` (bootstrap.sh sees them installed and goes on): installing them
from nothing is what CI's own fresh clone proves on every run.
"""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from tests.support.app_process import ROOT
from tochka_app.settings import Settings

READY_LINE = re.compile(r"Tochka Rosta is ready: (\S+)")


def fresh_copy(dest: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for shared in (".venv", ".tools"):
        (dest / shared).symlink_to((ROOT / shared).resolve())
    git = ["git", "-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    (dest / ".git/info/exclude").write_text(".venv\n.tools\n")
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "fresh copy"], cwd=dest, check=True)
    return dest


def changed_tracked_files(copy: Path) -> list[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line[3:] for line in out.splitlines()]


def newcomer_env(**extra: str) -> dict[str, str]:
    """This process's environment without any of the app's settings (the tests set some)."""
    setting_names = set()
    for name, field in Settings.model_fields.items():
        setting_names.add(name.upper())
        aliases = getattr(field.validation_alias, "choices", None) or []
        setting_names.update(str(alias).upper() for alias in aliases)
    env = {
        key: value
        for key, value in os.environ.items()
        if key.upper() not in setting_names and not key.startswith("REFLEX_")
    }
    return {**env, **extra}


class ReadmeRun:
    """`bash scripts/run.sh [args]` in a copy, its output in a log file."""

    def __init__(self, copy: Path, args: list[str], env: dict[str, str], log: Path):
        self.copy, self.log = copy, log
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                ["bash", "scripts/run.sh", *args],
                cwd=copy,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.ready_at: float | None = None

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout_s: float = 420) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if match := READY_LINE.search(self.output()):
                self.ready_at = time.monotonic()
                return match.group(1)
            if self.process.poll() is not None:
                raise AssertionError(
                    f"run.sh exited with {self.process.returncode}:\n{self.output()[-4000:]}"
                )
            time.sleep(1)
        raise AssertionError(f"run.sh not ready after {timeout_s:.0f}s:\n{self.output()[-4000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
