"""`/app/m/shop/categories`: the category tree (two levels), its order, slugs."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.components.forms import form_error
from tochka_app.modules.shop import catalog, routes
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services import slugs
from tochka_app.services.errors import parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t


@dataclass
class CategoryRow:
    id: str
    name: str
    slug: str
    parent_id: str
    child: bool


class ShopCategoriesState(ModuleState):
    rows: list[CategoryRow] = []
    parents: list[CategoryRow] = []
    editing_id: str = ""
    name: str = ""
    slug: str = ""
    parent_id: str = ""
    form_key: int = 0

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        self.rows = [
            CategoryRow(str(c.id), c.name, c.slug, str(c.parent_id or ""), depth > 0)
            for c, depth in catalog.categories(session, actor.tenant_id)
        ]
        self.parents = [r for r in self.rows if not r.child and r.id != self.editing_id]

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def new(self):
        self.editing_id, self.name, self.slug, self.parent_id = "", "", "", ""
        self.form_key += 1
        self._clear_feedback()

    @rx.event
    def edit(self, category_id: str):
        row = next((r for r in self.rows if r.id == category_id), None)
        if row is not None:
            self.editing_id, self.name, self.slug, self.parent_id = (
                row.id,
                row.name,
                row.slug,
                row.parent_id,
            )
            self.parents = [r for r in self.rows if not r.child and r.id != row.id]
            self.form_key += 1

    @rx.event
    def set_parent(self, value: str):
        self.parent_id = "" if value == "none" else value[:12]

    @rx.event
    def save(self, form: dict):
        self.name = str(form.get("name", ""))[:120]
        self.slug = str(form.get("slug", "")).strip()[:80] or slugs.slug_from(self.name, 80)
        editing, name, slug, parent = self.editing_id, self.name, self.slug, self.parent_id
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.save_category(
                session,
                actor,
                parse_id(editing) if editing else None,
                name,
                slug,
                parse_id(parent) if parent else None,
            ),
            then=lambda _: [ShopCategoriesState.new, self._done("shop.saved")],
        )

    @rx.event
    def move(self, category_id: str, step: int):
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.move_category(
                session, actor, parse_id(category_id), step
            ),
        )

    @rx.event
    def delete(self, category_id: str):
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.delete_category(session, actor, parse_id(category_id)),
            done="shop.deleted",
        )


def _row(row: CategoryRow) -> rx.Component:
    S = ShopCategoriesState
    return rx.hstack(
        rx.text(rx.cond(row.child, "— ", ""), row.name, weight="medium"),
        rx.code(row.slug, size="1"),
        rx.spacer(),
        rx.cond(
            can(ShopPermission.catalog),
            rx.hstack(
                rx.icon_button(
                    rx.icon("arrow-up", size=14),
                    size="1",
                    variant="soft",
                    on_click=S.move(row.id, -1),
                    aria_label=T["shop.up"],
                ),
                rx.icon_button(
                    rx.icon("arrow-down", size=14),
                    size="1",
                    variant="soft",
                    on_click=S.move(row.id, 1),
                    aria_label=T["shop.down"],
                ),
                rx.button(T["shop.edit"], size="1", variant="soft", on_click=S.edit(row.id)),
                confirm_button(T["shop.delete"], T["shop.category_delete_q"], S.delete(row.id)),
                spacing="2",
            ),
        ),
        width="100%",
        padding_left=rx.cond(row.child, "24px", "0"),
        class_name="category-row",
        align="center",
    )


@app_page(routes.CATEGORIES, title="title.shop_categories", on_load=ShopCategoriesState.load)
def categories_page() -> rx.Component:
    S = ShopCategoriesState
    return rx.vstack(
        rx.heading(T["shop.categories"], size="7"),
        rx.card(
            rx.vstack(
                rx.cond(
                    S.rows.length() == 0,
                    rx.text(T["shop.no_categories"], color=rx.color("gray", 11)),
                    rx.foreach(S.rows, _row),
                ),
                spacing="2",
                width="100%",
                id="categories",
            ),
            width="100%",
        ),
        rx.cond(
            can(ShopPermission.catalog),
            rx.card(
                rx.form(
                    rx.vstack(
                        rx.heading(
                            rx.cond(
                                S.editing_id == "", T["shop.new_category"], T["shop.edit_category"]
                            ),
                            size="4",
                        ),
                        rx.flex(
                            rx.vstack(
                                rx.text(T["shop.col.name"], size="2"),
                                rx.input(
                                    name="name",
                                    default_value=S.name,
                                    max_length=120,
                                    id="category-name",
                                ),
                                shared_field_error(S.field_errors, "name"),
                                spacing="1",
                            ),
                            rx.vstack(
                                rx.text(T["shop.slug"], size="2"),
                                rx.input(
                                    name="slug",
                                    default_value=S.slug,
                                    max_length=80,
                                    id="category-slug",
                                    placeholder="t-shirts",
                                ),
                                shared_field_error(S.field_errors, "slug"),
                                spacing="1",
                            ),
                            rx.vstack(
                                rx.text(T["shop.parent"], size="2"),
                                rx.select.root(
                                    rx.select.trigger(id="category-parent"),
                                    rx.select.content(
                                        rx.select.item(T["shop.top_level"], value="none"),
                                        rx.foreach(
                                            S.parents, lambda p: rx.select.item(p.name, value=p.id)
                                        ),
                                    ),
                                    value=rx.cond(S.parent_id == "", "none", S.parent_id),
                                    on_change=S.set_parent,
                                ),
                                shared_field_error(S.field_errors, "parent_id"),
                                spacing="1",
                            ),
                            gap="3",
                            wrap="wrap",
                        ),
                        form_error(S, "category_id"),
                        rx.hstack(
                            rx.button(T["shop.save"], type="submit", id="category-save"),
                            rx.cond(
                                S.editing_id != "",
                                rx.button(
                                    T["shop.cancel"], variant="soft", type="button", on_click=S.new
                                ),
                            ),
                            spacing="2",
                        ),
                        spacing="3",
                    ),
                    on_submit=S.save,
                    key=S.form_key.to_string(),
                ),
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="800px",
    )
