import reflex as rx

from tochka_app import db
from tochka_app.services import catalog
from tochka_app.services.catalog import ModuleCard
from tochka_app.state.public import PublicState


class MarketplaceState(PublicState):
    query: str = ""
    category: str = "all"
    modules: list[ModuleCard] = []
    loaded: bool = False

    @rx.var
    def categories(self) -> list[list[str]]:
        """[value, label] pairs for the category filter, "all" first."""
        return [["all", self.t["marketplace.all_categories"]]] + [
            [code, self.t[f"category.{code}"]] for code in catalog.CATEGORIES
        ]

    @rx.var
    def category_label(self) -> str:
        """The chosen category's name, written into the filter by the server too (Radix fills
        the select's text only in the browser)."""
        return dict(self.categories).get(self.category, "")

    def _refresh(self) -> None:
        with db.session_scope() as session:
            self.modules = catalog.published_modules(
                session, self.lang, self.query, "" if self.category == "all" else self.category
            )
        self.loaded = True

    @rx.event
    def load(self):
        self._refresh()

    @rx.event
    def set_query(self, query: str):
        self.query = query[: catalog.MAX_QUERY_LENGTH]
        self._refresh()

    @rx.event
    def set_category(self, category: str):
        self.category = category if category in catalog.CATEGORIES else "all"
        self._refresh()

    @rx.event
    def reset_filters(self):
        self.query, self.category = "", "all"
        self._refresh()
