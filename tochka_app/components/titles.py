"""Browser tab titles in the visitor's language.

Every page decorator (`public_page`, `app_page`, `admin_page`, `site_page`, and the two bare
`rx.page`s) takes a message id such as ``"title.team"`` and passes `page_title(route, id)` to
`rx.page`. Reflex renders a page's title as a `<title>` element inside the page (React 19 hoists
it into <head>), so a Var there is the page's one title: the prerendered HTML carries the default
language's text (the initial state), and it follows `I18nState.locale` when the language switches.

The texts live in both catalogs as ``title.<page>`` with the brand suffix (" — Точка Роста" /
" — Tochka Rosta"); an id missing from either catalog stops the app at import, not in a browser.
"""

import reflex as rx

from tochka_app.i18n import LOCALES, translations
from tochka_app.state.i18n import I18nState

# route -> title message id of every page registered so far (read by the unit test).
TITLES: dict[str, str] = {}


def page_title(route: str, title_id: str) -> rx.Var:
    """The `title=` for `rx.page(route=...)`: the message `title_id` in the visitor's language."""
    missing = [lang for lang in LOCALES if translations(lang).gettext(title_id) == title_id]
    if not title_id.startswith("title.") or missing:
        raise ValueError(
            f"page {route}: title {title_id!r} is not a title.* message in "
            f"every catalog (missing: {', '.join(missing) or 'none'})"
        )
    TITLES[route] = title_id
    return I18nState.t[title_id]
