"""The module generator on a copy of the project: the new module is discovered, its own test
passes, its migration agrees with its models, the isolation test covers its handlers untouched,
and it starts from the one pattern (guard, ServiceError, manifest permissions)."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tochka_app.modules.generator import GeneratorError, create_module
from tochka_app.settings import PROJECT_ROOT

COPIED = ("tochka_app", "tests", "alembic", "alembic.ini", "pytest.ini", "rxconfig.py")


@pytest.fixture
def project_copy(tmp_path):
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy(source, tmp_path / name)
    url = TEST_DATABASE_URL + "_generator"
    drop_database(url)
    create_database(url)
    yield tmp_path, url
    drop_database(url)


def _run(args, cwd, url):
    env = {**os.environ, "TEST_DATABASE_URL": url, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # callers assert on the output


def test_generated_module_passes_its_own_test(project_copy):
    root, url = project_copy
    made = _run(["-m", "tochka_app.cli", "new-module", "notes"], root, url)
    assert made.returncode == 0, made.stderr
    assert "tests/unit/modules/test_notes.py" in made.stdout
    discovered = _run(
        ["-c", "from tochka_app.modules import registry; print(sorted(registry.manifests()))"],
        root,
        url,
    )
    assert "'notes'" in discovered.stdout, discovered.stderr
    tested = _run(
        [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/modules/test_notes.py",
            "tests/unit/test_migrations.py",
            "tests/unit/state/test_isolation.py",
        ],
        root,
        url,
    )
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-2000:]
    package = root / "tochka_app/modules/notes"
    service, pages = ((package / name).read_text() for name in ("service.py", "pages.py"))
    assert 'ROUTE = "/app/m/notes"' in service and "module_template" not in service + pages
    assert "class NotesError(ErrorCode)" in service and "raise ServiceError(" in service
    assert (
        '"notes.edit"' in service
        and "NotesPermission.edit: Role.staff" in (package / "manifest.py").read_text()
    )
    assert re.search(r"self\._run\(\s*NotesPermission\.edit", pages) and "_module_run" not in pages


def test_generator_refuses_bad_or_existing_codes(tmp_path):
    for bad in ("", "x", "Bad-Code", "1abc", "module_template", "a" * 40):
        with pytest.raises(GeneratorError):
            create_module(bad, tmp_path)
    (tmp_path / "alembic" / "versions").mkdir(parents=True)
    create_module("notes", tmp_path)
    with pytest.raises(GeneratorError):
        create_module("notes", tmp_path)
