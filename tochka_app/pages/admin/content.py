"""`/admin/content`: every landing block in Russian and English — draft, live preview, publish,
versions with rollback."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page, zone_caption
from tochka_app.components.confirm import confirm_button
from tochka_app.i18n import format_datetime
from tochka_app.i18n.labels import block_label, field_label
from tochka_app.services import content
from tochka_app.services.admin import content_admin
from tochka_app.services.errors import parse_id
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class TextField:
    path: str  # where the text sits in the block: "items.0.q"
    text: str
    label: str


@dataclass
class BlockChoice:
    key: str
    label: str


@dataclass
class VersionRow:
    id: str
    version: str
    published: str


class AdminContentState(AdminSessionState):
    block: str = "hero"
    content_locale: str = "ru"  # the language being edited (not the admin's own UI language)
    fields: list[TextField] = []
    blocks: list[BlockChoice] = []
    is_draft: bool = False
    versions: list[VersionRow] = []
    form_key: int = 0
    preview_key: int = 0

    def _reload(self, session) -> None:
        value, self.is_draft = content_admin.editable(session, self.block, self.content_locale)
        self.fields = [
            TextField(path, text, field_label(path, self.lang))
            for path, text in content_admin.flatten(value)
        ]
        self.blocks = [
            BlockChoice(key, block_label(key, self.lang)) for key in content.LANDING_KEYS
        ]
        self.versions = [
            VersionRow(
                str(v.id),
                str(v.version),
                format_datetime(v.published_at, self.lang, "short", self._tz()),
            )
            for v in content_admin.history(session, self.block, self.content_locale)
        ]
        self.form_key += 1
        self.preview_key += 1

    @rx.event
    def load(self):
        return self._admin_load()

    @rx.event
    def choose(self, block: str):
        if block in content.LANDING_KEYS:
            self.block = block
        return self._admin_load()

    @rx.event
    def set_content_locale(self, locale: str | list[str]):
        locale = locale[0] if isinstance(locale, list) and locale else locale
        if locale in content_admin.LOCALES:
            self.content_locale = locale
        return self._admin_load()

    @rx.event
    def save_draft(self, form: dict):
        texts = {str(k): str(v) for k, v in form.items()}
        block, locale = self.block, self.content_locale
        return self._admin_run(
            lambda session, admin: content_admin.save_draft(session, admin, block, locale, texts),
            done="admin.content.draft_saved",
        )

    @rx.event
    def publish(self):
        block, locale = self.block, self.content_locale
        return self._admin_run(
            lambda session, admin: content_admin.publish(session, admin, block, locale),
            done="admin.content.published",
        )

    @rx.event
    def discard(self):
        block, locale = self.block, self.content_locale
        return self._admin_run(
            lambda session, admin: content_admin.discard_draft(session, admin, block, locale),
            done="admin.done",
        )

    @rx.event
    def rollback(self, version_id: str):
        return self._admin_run(
            lambda session, admin: content_admin.rollback(session, admin, parse_id(version_id)),
            done="admin.content.published",
        )


def field(pair: TextField) -> rx.Component:
    return rx.vstack(
        rx.text(
            pair.label,
            size="1",
            color=rx.color("gray", 10),
            class_name="content-field-label",
            title=pair.path,
        ),
        rx.text_area(
            name=pair.path,
            default_value=pair.text,
            rows="2",
            width="100%",
            max_length=2000,
            class_name="content-field",
            data_path=pair.path,
        ),
        spacing="1",
        width="100%",
    )


@admin_page(routes.ADMIN_CONTENT, title="title.admin_content", on_load=AdminContentState.load)
def admin_content() -> rx.Component:
    S = AdminContentState
    return rx.vstack(
        rx.heading(T["admin.nav.content"], size="7"),
        rx.hstack(
            rx.select.root(
                rx.select.trigger(id="content-block"),
                rx.select.content(
                    rx.foreach(S.blocks, lambda b: rx.select.item(b.label, value=b.key))
                ),
                value=S.block,
                on_change=S.choose,
            ),
            rx.segmented_control.root(
                rx.segmented_control.item("RU", value="ru"),
                rx.segmented_control.item("EN", value="en"),
                value=S.content_locale,
                on_change=S.set_content_locale,
                id="content-locale",
            ),
            rx.cond(
                S.is_draft,
                rx.badge(T["admin.content.draft"], color_scheme="amber", id="content-draft-badge"),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.grid(
            rx.vstack(
                rx.form(
                    rx.vstack(
                        rx.foreach(S.fields, field),
                        rx.hstack(
                            rx.button(
                                T["admin.content.save_draft"],
                                type="submit",
                                variant="soft",
                                id="content-save",
                            ),
                            rx.button(
                                T["admin.content.publish"],
                                type="button",
                                on_click=S.publish,
                                disabled=~S.is_draft,
                                id="content-publish",
                            ),
                            rx.cond(
                                S.is_draft,
                                rx.button(
                                    T["admin.content.discard"],
                                    type="button",
                                    variant="ghost",
                                    color_scheme="gray",
                                    on_click=S.discard,
                                ),
                            ),
                            spacing="2",
                            wrap="wrap",
                        ),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=S.save_draft,
                    reset_on_submit=False,
                    key=S.form_key.to_string(),
                    width="100%",
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(T["admin.content.versions"], size="3"),
                        zone_caption(),
                        rx.foreach(
                            S.versions,
                            lambda v: rx.hstack(
                                rx.text("v", v.version, " · ", v.published, size="2"),
                                confirm_button(
                                    T["admin.content.rollback"],
                                    T["admin.content.rollback_q"],
                                    S.rollback(v.id),
                                    color_scheme="amber",
                                ),
                                class_name="content-version",
                                align="center",
                                spacing="2",
                            ),
                        ),
                        spacing="2",
                    ),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
            rx.vstack(
                rx.text(T["admin.content.preview"], size="2", weight="bold"),
                # Mounted once this page has its data: the frame is a second client of the app
                # and must not race this page's own connection.
                rx.cond(
                    S.fields.length() > 0,
                    rx.el.iframe(
                        src="/?preview=" + S.content_locale,
                        key=S.preview_key.to_string(),
                        width="100%",
                        height="720px",
                        id="content-preview",
                        style={
                            "border": f"1px solid {rx.color('gray', 5)}",
                            "borderRadius": "12px",
                        },
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", xl="2"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
