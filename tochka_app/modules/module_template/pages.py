"""The module's page in the workspace. Every handler re-checks session, role and that the tenant
has the module enabled (`ModuleState._module_actor`)."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.app_layout import app_page
from tochka_app.i18n import gettext_
from tochka_app.modules.module_template import service
from tochka_app.state.module import ModuleState

CODE = "module_template"
ROUTE = "/app/m/module_template"


class ModuleTemplateState(ModuleState):
    items: list[dict[str, str]] = []
    error: str = ""

    def _reload(self, session, actor) -> None:
        self.items = [{"id": str(i.id), "title": i.title}
                      for i in service.list_items(session, actor.tenant_id)]

    @rx.event
    def load(self):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            self._reload(session, actor)
        return None

    @rx.event
    def add(self, form: dict):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            error = service.add_item(session, actor, str(form.get("title", ""))[:300])
            self._reload(session, actor)
        self.error = gettext_(self.lang, error) if error else ""
        return None

    @rx.event
    def delete(self, item_id: str):
        with db.session_scope() as session:
            actor = self._module_actor(session, CODE)
            if actor is None:
                return rx.redirect(routes.MARKETPLACE_APP)
            if item_id.isdigit():
                service.delete_item(session, actor, int(item_id))
            self._reload(session, actor)
        return None


@app_page(ROUTE, title="Точка Роста", on_load=ModuleTemplateState.load)
def module_template_page() -> rx.Component:
    S = ModuleTemplateState
    return rx.vstack(
        rx.form(rx.hstack(rx.input(name="title", max_length=200, id="item-title"),
                          rx.button("+", type="submit", id="item-add")),
                on_submit=S.add, reset_on_submit=True),
        rx.cond(S.error != "", rx.text(S.error, color=rx.color("red", 11), size="2")),
        rx.foreach(S.items, lambda item: rx.hstack(
            rx.text(item["title"]), rx.button("×", size="1", variant="soft",
                                              on_click=S.delete(item["id"])),
            class_name="item-row")),
        spacing="3", width="100%",
    )
