"""State shared by the public pages (landing, marketplace): the footer block."""

from sqlmodel import Session

from tochka_app.services import content
from tochka_app.state.i18n import I18nState


class PublicState(I18nState):
    footer: dict[str, str] = {}

    def _load_footer(self, session: Session) -> None:
        self.footer = content.get_blocks(session, self.lang, keys=("footer",))["footer"]
