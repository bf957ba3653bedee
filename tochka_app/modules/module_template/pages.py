"""The module's page in the workspace. The state names its module in `_module()`; every handler
goes through the guard — `self._load_page(permission)` on load, `self._run(permission,
operation)` for actions — which re-checks the session, the membership, the role, the read-only
state and that the tenant has the module enabled, runs `operation(session, actor)` in one
transaction, refills the page through `_reload` and shows a refusal under its field or as a
toast. The page shows what the member may do with `can(permission)`."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.forms import field_error
from tochka_app.modules.module_template import service
from tochka_app.modules.module_template.service import CODE, ROUTE, ModuleTemplatePermission
from tochka_app.services.errors import parse_id
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

CAN_EDIT = can(ModuleTemplatePermission.edit)


@dataclass
class ItemRow:
    id: str
    title: str


class ModuleTemplateState(ModuleState):
    items: list[ItemRow] = []
    form_key: int = 0  # bumps after an added row to empty the form

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        self.items = [
            ItemRow(str(item.id), item.title) for item in service.list_items(session, actor)
        ]

    @rx.event
    def load(self):
        return self._load_page(ModuleTemplatePermission.view)

    @rx.event
    def add(self, form: dict):
        title = str(form.get("title", ""))[:300]
        return self._run(
            ModuleTemplatePermission.edit,
            lambda session, actor: service.add_item(session, actor, title),
            then=self._added,
        )

    def _added(self, _item_id: int):
        self.form_key += 1
        return self._done("modules.saved")

    @rx.event
    def delete(self, item_id: str):
        return self._run(
            ModuleTemplatePermission.edit,
            lambda session, actor: service.delete_item(session, actor, parse_id(item_id)),
        )


@app_page(ROUTE, title="title.brand", on_load=ModuleTemplateState.load)
def module_template_page() -> rx.Component:
    S = ModuleTemplateState
    return rx.vstack(
        rx.cond(
            CAN_EDIT,
            rx.form(
                rx.hstack(
                    rx.input(name="title", max_length=200, id="item-title"),
                    rx.button("+", type="submit", id="item-add"),
                ),
                field_error(S.field_errors, "title"),
                on_submit=S.add,
                reset_on_submit=False,
                key=S.form_key.to_string(),
            ),
        ),
        rx.foreach(
            S.items,
            lambda item: rx.hstack(
                rx.text(item.title),
                rx.cond(
                    CAN_EDIT, rx.button("×", size="1", variant="soft", on_click=S.delete(item.id))
                ),
                class_name="item-row",
            ),
        ),
        spacing="3",
        width="100%",
    )
