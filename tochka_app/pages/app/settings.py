"""`/app/settings`: the workspace's name, address, logo, brand colour, domains, timezone, language."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error, form_field
from tochka_app.pages.app.settings_state import DomainRow
from tochka_app.pages.app.settings_state import SettingsState as S
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import can

T = I18nState.t
LOGO_TYPES = {
    "image/png": [".png"],
    "image/jpeg": [".jpg", ".jpeg"],
    "image/webp": [".webp"],
    "image/gif": [".gif"],
}


def section(title_key: str, *children, **props) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(T[title_key], size="4"), *children, spacing="3", width="100%"),
        width="100%",
        **props,
    )


def select_field(label_key: str, name: str, value, *items) -> rx.Component:
    return form_field(
        T[label_key],
        name,
        value,
        S.field_errors,
        control=rx.select.root(
            rx.select.trigger(id=name, width="100%"),
            rx.select.content(*items),
            name=name,
            default_value=value,
        ),
    )


def profile_form() -> rx.Component:
    return section(
        "settings.profile",
        rx.form(
            rx.vstack(
                form_field(T["settings.name"], "name", S.name, S.field_errors, max_length=200),
                form_field(
                    T["settings.brand_color"],
                    "brand_color",
                    S.brand_color,
                    S.field_errors,
                    type="color",
                    width="96px",
                    height="40px",
                    padding="2px",
                ),
                rx.flex(
                    rx.box(
                        select_field(
                            "settings.timezone",
                            "timezone",
                            S.timezone,
                            rx.foreach(S.timezones, lambda z: rx.select.item(z, value=z)),
                        ),
                        flex="1",
                        min_width="220px",
                    ),
                    rx.box(
                        select_field(
                            "settings.locale",
                            "locale",
                            S.workspace_locale,
                            rx.select.item("Русский", value="ru"),
                            rx.select.item("English", value="en"),
                        ),
                        flex="1",
                        min_width="160px",
                    ),
                    spacing="3",
                    wrap="wrap",
                    width="100%",
                ),
                rx.text(T["settings.locale_hint"], size="1", color=rx.color("gray", 10)),
                rx.button(T["settings.save"], type="submit", id="profile-save"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save_profile,
            reset_on_submit=False,
            key=S.form_key.to_string(),
        ),
    )


def address_form() -> rx.Component:
    return section(
        "settings.address",
        rx.form(
            rx.vstack(
                form_field(T["settings.slug"], "slug", S.slug, S.field_errors, max_length=63),
                rx.text(T["settings.slug_hint"], size="1", color=rx.color("gray", 10)),
                rx.hstack(
                    rx.text(T["settings.site_url"], size="2"),
                    rx.link(
                        "/s/",
                        S.tenant_slug,
                        href=routes.site(S.tenant_slug),
                        id="site-link",
                        is_external=True,
                    ),
                    rx.text("·", size="2"),
                    rx.code(S.subdomain, id="site-subdomain"),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                rx.cond(
                    S.old_slugs.length() > 0,
                    rx.text(
                        T["settings.old_slugs"],
                        " ",
                        S.old_slugs.join(", "),
                        size="1",
                        color=rx.color("gray", 10),
                        id="old-slugs",
                    ),
                ),
                rx.button(T["settings.save_slug"], type="submit", id="slug-save"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save_slug,
            reset_on_submit=False,
            key=S.form_key.to_string(),
        ),
    )


def logo_section() -> rx.Component:
    return section(
        "settings.logo",
        rx.hstack(
            rx.cond(
                S.logo_path != "",
                rx.image(
                    src=rx.get_upload_url(S.logo_path),
                    width="72px",
                    height="72px",
                    object_fit="contain",
                    border_radius="12px",
                    id="logo-preview",
                    border=f"1px solid {rx.color('gray', 5)}",
                ),
                rx.center(
                    rx.icon("image", size=28, color=rx.color("gray", 9)),
                    width="72px",
                    height="72px",
                    border_radius="12px",
                    border=f"1px dashed {rx.color('gray', 7)}",
                ),
            ),
            rx.vstack(
                rx.upload(
                    rx.button(T["settings.logo_choose"], variant="soft", type="button"),
                    id="logo-upload",
                    accept=LOGO_TYPES,
                    max_files=1,
                    multiple=False,
                    on_drop=S.upload_logo,
                    on_drop_rejected=S.logo_rejected,
                    border="none",
                    padding="0",
                ),
                rx.text(T["settings.logo_hint"], size="1", color=rx.color("gray", 10)),
                rx.cond(
                    S.logo_path != "",
                    confirm_button(
                        T["settings.logo_remove"],
                        T["settings.logo_remove_q"],
                        S.remove_logo,
                        id="logo-remove",
                    ),
                ),
                spacing="2",
            ),
            spacing="4",
            align="center",
        ),
    )


def domain_row(d: DomainRow) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.hstack(
                rx.text(d.domain, weight="medium"),
                rx.cond(
                    d.verified,
                    rx.badge(T["domain.verified"], color_scheme="grass"),
                    rx.badge(T["domain.pending"], color_scheme="amber"),
                ),
                spacing="2",
                align="center",
            ),
            rx.hstack(
                rx.button(
                    T["domain.verify"],
                    size="1",
                    variant="soft",
                    class_name="verify-domain",
                    on_click=S.verify_domain(d.id),
                ),
                confirm_button(T["domain.remove"], T["domain.remove_q"], S.remove_domain(d.id)),
                spacing="2",
            ),
            justify="between",
            width="100%",
            wrap="wrap",
            align="center",
        ),
        rx.cond(
            ~d.verified,
            rx.vstack(
                rx.text(T["domain.instructions"], size="1", color=rx.color("gray", 11)),
                rx.code(
                    "TXT  ",
                    d.txt_name,
                    "  ",
                    d.txt_value,
                    class_name="dns-txt",
                    white_space="normal",
                    word_break="break-all",
                ),
                rx.code(
                    "CNAME  ",
                    d.cname_name,
                    "  ",
                    d.cname_target,
                    class_name="dns-cname",
                    white_space="normal",
                    word_break="break-all",
                ),
                spacing="1",
                margin_top="8px",
            ),
        ),
        rx.cond(
            d.error != "",
            rx.text(
                d.error,
                " · ",
                d.checked,
                size="1",
                color=rx.color("red", 11),
                class_name="domain-error",
            ),
        ),
        class_name="domain-row",
        data_domain=d.domain,
        width="100%",
        padding="12px",
        border=f"1px solid {rx.color('gray', 5)}",
        border_radius="10px",
    )


def domains_section() -> rx.Component:
    return section(
        "settings.domains",
        rx.text(T["settings.domains_hint"], size="2", color=rx.color("gray", 11)),
        rx.form(
            rx.flex(
                rx.input(
                    name="domain",
                    id="domain-input",
                    placeholder="shop.example.ru",
                    default_value=S.domain_input,
                    max_length=253,
                    flex="1",
                    min_width="200px",
                ),
                rx.button(T["domain.add"], type="submit", id="domain-add"),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            field_error(S.field_errors, "domain"),
            on_submit=S.add_domain,
            reset_on_submit=False,
            key=S.form_key.to_string(),
        ),
        rx.foreach(S.domains, domain_row),
    )


@app_page(routes.SETTINGS, title="title.settings", on_load=S.load)
def settings_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["settings.heading"], size="7"),
        rx.cond(
            can(Permission.edit_settings),
            rx.grid(
                rx.vstack(profile_form(), logo_section(), spacing="4", width="100%"),
                rx.vstack(address_form(), domains_section(), spacing="4", width="100%"),
                columns=rx.breakpoints(initial="1", lg="2"),
                spacing="4",
                width="100%",
            ),
            rx.callout(T["settings.admins_only"], icon="lock", id="settings-forbidden"),
        ),
        spacing="4",
        width="100%",
    )
