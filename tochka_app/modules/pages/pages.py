"""UI of the Pages module: the editor in the workspace and the page on the tenant's public site."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.components.forms import form_error
from tochka_app.components.search import TYPING_DEBOUNCE_MS
from tochka_app.components.site import site_not_found, site_page
from tochka_app.i18n import format_date
from tochka_app.modules.pages import service
from tochka_app.modules.pages.service import CODE, PagesPermission
from tochka_app.services import marketplace, public_meta
from tochka_app.services.errors import parse_id
from tochka_app.services.tenant import resolution
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can
from tochka_app.state.site import SiteState

EDITOR_ROUTE = service.ROUTE
PUBLIC_ROUTE = "/s/[tenant]/p/[page]"
T = I18nState.t
CAN_EDIT = can(PagesPermission.edit)  # a read-only workspace sees its pages, not the editor


@dataclass
class PageRow:
    id: str
    slug: str
    title: str
    published: bool
    url: str
    updated: str


class PagesState(ModuleState):
    pages: list[PageRow] = []
    editing_id: str = ""
    slug: str = ""
    title: str = ""
    content: str = ""
    published: bool = False
    form_key: int = 0  # bumps to re-mount the form with new default values
    slug_key: int = 0  # bumps to re-mount only the address field with a suggested address
    slug_edited: bool = False  # typed by the user or already published: never overwritten
    site_base: str = ""  # the tenant's public site, e.g. https://tochka-rosta.ru/s/romashka

    @rx.var
    def page_link(self) -> str:
        return f"{self.site_base}/p/{self.slug.strip().lower()}" if self.slug.strip() else ""

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        self.site_base = resolution.site_url(get_settings(), self.tenant_slug)
        self.pages = [
            PageRow(
                str(p.id),
                p.slug,
                p.title,
                p.is_published,
                routes.site_page(self.tenant_slug, p.slug),
                format_date(p.updated_at, self.lang, "medium"),
            )
            for p in service.list_pages(session, actor.tenant_id)
        ]

    @rx.event
    def load(self):
        return self._load_page(PagesPermission.view)

    @rx.event
    def new(self):
        self.editing_id, self.slug, self.title, self.content, self.published = "", "", "", "", False
        self.form_key, self.slug_edited = self.form_key + 1, False
        self._clear_feedback()

    @rx.event
    def title_typed(self, title: str):
        """Suggest the address from the title while it is typed, unless the user set one."""
        self.title = title[:300]
        if self.slug_edited:
            return None
        title, page_id = self.title, self.editing_id
        return self._run(
            PagesPermission.edit,
            lambda session, actor: service.suggest_slug(
                session, actor.tenant_id, title, parse_id(page_id) if page_id else None
            ),
            reload=False,
            then=self._suggested,
        )

    def _suggested(self, slug: str) -> None:
        self.slug, self.slug_key = slug, self.slug_key + 1

    @rx.event
    def slug_typed(self, slug: str):
        self.slug = slug[:100]
        self.slug_edited = bool(self.slug.strip())  # emptied: the title fills it again

    @rx.event
    def edit(self, page_id: str):
        return self._run(
            PagesPermission.edit,
            lambda session, actor: service.page_for_edit(session, actor, parse_id(page_id)),
            reload=False,
            then=self._editing,
        )

    def _editing(self, page) -> None:
        self.editing_id, self.slug, self.title = str(page.id), page.slug, page.title
        self.content, self.published = page.content_md, page.is_published
        self.form_key, self.slug_edited = self.form_key + 1, True

    @rx.event
    def save(self, form: dict):
        self.slug, self.title = str(form.get("slug", ""))[:100], str(form.get("title", ""))[:300]
        self.content = str(form.get("content", ""))[: service.MAX_CONTENT + 1]
        self.published = form.get("published") in ("on", True, "true")
        page_id, slug, title = self.editing_id, self.slug, self.title
        content, published = self.content, self.published
        return self._run(
            PagesPermission.edit,
            lambda session, actor: (
                service.save(
                    session,
                    actor,
                    parse_id(page_id) if page_id else None,
                    slug,
                    title,
                    content,
                    published,
                ).id
            ),
            then=self._saved,
        )

    def _saved(self, page_id: int):
        self.editing_id, self.slug_edited = str(page_id), True
        return self._done("pages.saved")

    @rx.event
    def delete(self, page_id: str):
        editing = page_id == self.editing_id
        return self._run(
            PagesPermission.edit,
            lambda session, actor: service.delete_page(session, actor, parse_id(page_id)),
            then=lambda _: PagesState.new if editing else None,
        )


def field_error(key: str) -> rx.Component:
    return shared_field_error(PagesState.field_errors, key)


def editor() -> rx.Component:
    S = PagesState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.flex(
                    rx.vstack(
                        rx.text(T["pages.title_label"], size="2"),
                        rx.input(
                            name="title",
                            id="page-title",
                            default_value=S.title,
                            max_length=200,
                            width="100%",
                            on_change=S.title_typed.debounce(TYPING_DEBOUNCE_MS),
                        ),
                        field_error("title"),
                        spacing="1",
                        flex="2",
                        min_width="200px",
                    ),
                    rx.vstack(
                        rx.text(T["pages.slug_label"], size="2"),
                        rx.input(
                            name="slug",
                            id="page-slug",
                            default_value=S.slug,
                            max_length=80,
                            width="100%",
                            placeholder="about",
                            key=S.slug_key.to_string(),
                            on_change=S.slug_typed,
                        ),
                        field_error("slug"),
                        spacing="1",
                        flex="1",
                        min_width="160px",
                    ),
                    spacing="3",
                    width="100%",
                    wrap="wrap",
                ),
                rx.text(
                    T["pages.link"],
                    " ",
                    rx.cond(
                        S.page_link != "",
                        rx.link(S.page_link, href=S.page_link, is_external=True),
                        T["pages.link_empty"],
                    ),
                    size="1",
                    color=rx.color("gray", 11),
                    id="page-link",
                    word_break="break-all",
                ),
                rx.text(T["pages.content_label"], size="2"),
                rx.text_area(
                    name="content",
                    id="page-content",
                    default_value=S.content,
                    rows="12",
                    width="100%",
                    max_length=service.MAX_CONTENT,
                    font_family="monospace",
                ),
                field_error("content"),
                rx.hstack(
                    rx.checkbox(name="published", id="page-published", default_checked=S.published),
                    rx.text(T["pages.published_label"], size="2"),
                    align="center",
                ),
                form_error(PagesState, "_", id="page-form-error"),
                rx.hstack(
                    rx.button(T["pages.save"], type="submit", id="page-save"),
                    rx.button(T["pages.new"], variant="soft", type="button", on_click=S.new),
                    spacing="2",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=S.save,
            reset_on_submit=False,
            key=S.form_key.to_string(),
        ),
        width="100%",
    )


def pages_list() -> rx.Component:
    S = PagesState
    return rx.vstack(
        rx.cond(
            S.pages.length() == 0, rx.text(T["pages.empty"], size="2", color=rx.color("gray", 11))
        ),
        rx.foreach(
            S.pages,
            lambda p: rx.hstack(
                rx.vstack(
                    rx.text(p.title, weight="medium"),
                    rx.text("/", p.slug, " · ", p.updated, size="1", color=rx.color("gray", 10)),
                    spacing="0",
                ),
                rx.hstack(
                    rx.cond(
                        p.published,
                        rx.link(
                            rx.badge(T["pages.live"], color_scheme="grass"),
                            href=p.url,
                            is_external=True,
                            class_name="page-public-link",
                        ),
                        rx.badge(T["pages.draft"], color_scheme="gray"),
                    ),
                    rx.cond(
                        CAN_EDIT,
                        rx.fragment(
                            rx.button(
                                T["pages.edit"], size="1", variant="soft", on_click=S.edit(p.id)
                            ),
                            confirm_button(T["pages.delete"], T["pages.delete_q"], S.delete(p.id)),
                        ),
                    ),
                    spacing="2",
                    align="center",
                ),
                justify="between",
                width="100%",
                class_name="page-row",
                align="center",
            ),
        ),
        width="100%",
        spacing="3",
    )


@app_page(EDITOR_ROUTE, title="title.pages", on_load=PagesState.load)
def pages_editor() -> rx.Component:
    return rx.vstack(
        rx.heading(T["pages.heading"], size="7"),
        rx.text(
            T["pages.subtitle"],
            " ",
            rx.link(
                PagesState.site_base, href=PagesState.site_base, is_external=True, id="site-base"
            ),
            color=rx.color("gray", 11),
            size="2",
        ),
        rx.grid(
            pages_list(),
            rx.cond(CAN_EDIT, editor()),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="5",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


class SitePageState(SiteState):
    """A tenant's public page: the tenant from the address, the page by its slug."""

    page_found: bool = True
    page_title: str = ""
    body: str = ""
    updated: str = ""

    @rx.event
    def load_page(self):
        with db.session_scope() as session:
            tenant, redirect = self._open_site(session)
            if redirect:
                return redirect
            page = settings = None
            if tenant is not None:
                page = service.public_page(
                    session, tenant.id, str(self.router.page.params.get("page", ""))
                )
                settings = marketplace.settings_of(session, tenant.id, CODE) if page else None
        self.page_found = page is not None
        if page is None:
            self.page_title = self.body = self.updated = ""
            return None
        if settings.get("site_title"):
            self.site_name = settings["site_title"]
        self.page_title, self.body = page.title, page.content_md
        self.tab_title = public_meta.titled(page.title, self.site_name)
        self.updated = (
            format_date(page.updated_at, self.lang, "long")
            if settings.get("show_updated", True)
            else ""
        )
        return None


@site_page(PUBLIC_ROUTE, title="title.brand", on_load=SitePageState.load_page)
def site_page_view() -> rx.Component:
    S = SitePageState
    return rx.cond(
        S.page_found,
        rx.vstack(
            rx.heading(S.page_title, size="8", id="site-page-title"),
            # Tenant-written text: raw HTML stays text (no stored XSS on the platform origin).
            rx.box(rx.markdown(S.body, use_raw=False), width="100%", id="site-page-body"),
            rx.cond(S.updated != "", rx.text(S.updated, size="1", color=rx.color("gray", 10))),
            spacing="3",
            width="100%",
        ),
        site_not_found(),
    )
