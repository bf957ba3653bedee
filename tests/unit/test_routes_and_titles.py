"""One source for routes and titles: every page's tab title is a `title.*` message in both
catalogs (Russian and English differ), and the route builders give back the paths their route
patterns describe."""

import re
from pathlib import Path

import pytest
import reflex as rx
from reflex_base.registry import RegistrationContext

from tochka_app import routes
from tochka_app.i18n import LOCALES, gettext_, translations
from tochka_app.settings import PROJECT_ROOT


def _registered_pages() -> dict[str, str]:
    """route -> title message id of every page the app registers (modules and dev tools too)."""
    import tochka_app.pages.dev.tools  # registered only outside production
    import tochka_app.tochka_app  # noqa: F401  (imports every page module)
    from tochka_app.components.titles import TITLES

    return TITLES


def _known(locale: str, msgid: str) -> bool:
    return translations(locale).gettext(msgid) != msgid


def test_every_registered_page_has_a_translated_title():
    titles = _registered_pages()
    decorated = {
        kwargs.get("route") for _, kwargs in RegistrationContext.ensure_context().decorated_pages
    }
    # No page passes a bare string to rx.page: each of them went through page_title().
    assert decorated - {None} <= set(titles), decorated - set(titles)
    assert {
        routes.LANDING,
        routes.TEAM,
        routes.ADMIN_USER,
        routes.RECEIPT,
        routes.SITE,
        routes.CONTINUE,
        "/app/m/knowledge",
    } <= set(titles)
    for route, msgid in titles.items():
        assert msgid.startswith("title."), route
        ru, en = gettext_("ru", msgid), gettext_("en", msgid)
        assert _known("ru", msgid) and _known("en", msgid), msgid
        assert ru != en, msgid
        assert "Точка Роста" in ru and "Tochka Rosta" in en, msgid
        assert not re.search("[а-яё]", en, re.I), (msgid, en)


def test_module_template_title_is_in_both_catalogs():
    """The template is not an installed module, so its page is not registered; a generated
    module starts from its title id."""
    source = (PROJECT_ROOT / "tochka_app/modules/module_template/pages.py").read_text()
    ids = re.findall(r'title="(title\.[a-z_]+)"', source)
    assert ids and all(_known(lang, i) for i in ids for lang in LOCALES)


def test_no_page_decorator_keeps_a_literal_title():
    """`title=` of a page decorator is a message id, never Russian text."""
    pattern = re.compile(
        r"@(?:app_page|public_page|admin_page|site_page|rx\.page)\([^)]*?"
        r'title="(?!title\.)',
        re.S,
    )
    offenders = [
        str(path)
        for path in Path(PROJECT_ROOT / "tochka_app").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_title_id_missing_from_a_catalog_stops_the_page():
    from tochka_app.components.titles import page_title

    with pytest.raises(ValueError, match=r"title\.nowhere"):
        page_title("/nowhere", "title.nowhere")
    with pytest.raises(ValueError):
        page_title("/nowhere", "nav.login")  # a message, but not a title


def _params(pattern: str, path: str) -> dict[str, str] | None:
    """The `[name]` segments of a route pattern read back from a path (None: no match)."""
    regex = re.sub(r"\\\[(\w+)\\\]", r"(?P<\1>[^/]+)", re.escape(pattern))
    match = re.fullmatch(regex, path)
    return match.groupdict() if match else None


@pytest.mark.parametrize(
    ("built", "expected", "pattern", "params"),
    [
        (routes.admin_user(5), "/admin/users/5", routes.ADMIN_USER, {"user_id": "5"}),
        (routes.admin_tenant(7), "/admin/tenants/7", routes.ADMIN_TENANT, {"tenant_id": "7"}),
        (routes.receipt(12), "/app/billing/receipt/12", routes.RECEIPT, {"payment": "12"}),
        (routes.module_detail("shop"), "/marketplace/shop", routes.MODULE_DETAIL, {"code": "shop"}),
        (routes.site("flowers"), "/s/flowers", routes.SITE, {"tenant": "flowers"}),
    ],
)
def test_route_builders_round_trip(built, expected, pattern, params):
    assert built == expected
    assert _params(pattern, built) == params


def test_site_paths_and_absolute_links():
    assert routes.site("flowers", "/p/about") == "/s/flowers/p/about"
    assert routes.site_page("flowers", "about") == "/s/flowers/p/about"
    assert _params(routes.SITE + "/p/[page]", routes.site_page("flowers", "about")) == {
        "tenant": "flowers",
        "page": "about",
    }
    assert (
        routes.absolute("https://tochka-rosta.ru/", routes.receipt(3))
        == "https://tochka-rosta.ru/app/billing/receipt/3"
    )


def test_route_builders_take_vars_without_quoting_them():
    """In a component the builder gets a Var: its text goes into the path as it is."""
    code, number = rx.Var("row.code").to(str), rx.Var("row.number").to(int)
    for built in (
        routes.module_detail(code),
        routes.admin_user(number),
        routes.site(code, "/p/about"),
    ):
        js = str(built)
        assert isinstance(built, rx.Var) and "JSON.stringify" not in js
        assert js.startswith(('("/marketplace/"', '("/admin/users/"', '(("/s/"'))
