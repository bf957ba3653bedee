"""State shared by every public page: the footer block."""

import reflex as rx

from tochka_app import db
from tochka_app.services import content
from tochka_app.state.i18n import I18nState


class PublicState(I18nState):
    footer: dict[str, str] = {}
    # The tab title of a page about one thing (a module, a tenant's site or page); "" for the
    # page's own title id. The server's <title> (services/public_meta.py) says the same.
    tab_title: str = ""

    @rx.event
    def load_footer(self):
        """Runs on every public page (see components.layout.public_page)."""
        self.tab_title = ""  # the page's own loader sets it after this
        with db.session_scope() as session:
            self.footer = content.get_blocks(session, self.lang, keys=("footer",))["footer"]
