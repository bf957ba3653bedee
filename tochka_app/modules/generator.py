"""`python -m tochka_app.cli new-module <code>`: a new module from `module_template/` — package,
unit test and Alembic migration — that passes its own test before you change a line."""

import re
from pathlib import Path

from tochka_app.settings import PROJECT_ROOT

TEMPLATE_DIR = Path(__file__).parent / "module_template"
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{2,30}$")
REVISION_RE = re.compile(r"^revision: str = ['\"](\d+)['\"]", re.M)


class GeneratorError(ValueError):
    pass


def _camel(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_"))


def _render(text: str, code: str) -> str:
    return text.replace("ModuleTemplate", _camel(code)).replace("module_template", code)


def _next_revision(versions: Path) -> tuple[str, str | None]:
    numbers = sorted(
        int(m.group(1))
        for f in versions.glob("*.py")
        if (m := REVISION_RE.search(f.read_text(encoding="utf-8")))
    )
    head = f"{numbers[-1]:04d}" if numbers else None
    return f"{(numbers[-1] if numbers else 0) + 1:04d}", head


def create_module(code: str, root: Path = PROJECT_ROOT) -> list[Path]:
    """Write the new module's files under `root`; returns them. Refuses to overwrite anything."""
    if not CODE_RE.match(code) or code == "module_template":
        raise GeneratorError("code: 3-31 characters, a-z, digits and _, starting with a letter")
    package = root / "tochka_app" / "modules" / code
    test_file = root / "tests" / "unit" / "modules" / f"test_{code}.py"
    versions = root / "alembic" / "versions"
    if package.exists() or test_file.exists():
        raise GeneratorError(f"module {code!r} already exists")
    revision, head = _next_revision(versions)
    migration = versions / f"{revision}_{code}_module.py"
    written = []
    package.mkdir(parents=True)
    for source in sorted(TEMPLATE_DIR.glob("*.py")):
        target = package / source.name
        target.write_text(_render(source.read_text(encoding="utf-8"), code), encoding="utf-8")
        written.append(target)
    test_file.parent.mkdir(parents=True, exist_ok=True)
    test_file.write_text(
        _render((TEMPLATE_DIR / "test_module.py.tmpl").read_text(encoding="utf-8"), code),
        encoding="utf-8",
    )
    versions.mkdir(parents=True, exist_ok=True)
    migration.write_text(
        _render((TEMPLATE_DIR / "migration.py.tmpl").read_text(encoding="utf-8"), code)
        .replace("__revision__", revision)
        .replace("'__down_revision__'", repr(head))
        .replace("__down_revision__", str(head)),
        encoding="utf-8",
    )
    return [*written, test_file, migration]
