"""The module's page in the workspace. Every handler re-checks session, role and that the tenant
has the module enabled (`ModuleState._module_actor`)."""

import reflex as rx

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
        return self._module_run(CODE)[1]

    @rx.event
    def add(self, form: dict):
        title = str(form.get("title", ""))[:300]
        error, away = self._module_run(
            CODE, lambda session, actor: service.add_item(session, actor, title))
        self.error = gettext_(self.lang, error) if error else ""
        return away

    @rx.event
    def delete(self, item_id: str):
        _, away = self._module_run(CODE, lambda session, actor: item_id.isdigit() and
                                   service.delete_item(session, actor, int(item_id)))
        return away


@app_page(ROUTE, title="title.brand", on_load=ModuleTemplateState.load)
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
