"""Cards shared by several pages: a module card (landing showcase, marketplace), a tariff card."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.icons import data_icon
from tochka_app.state.i18n import I18nState


def section_heading(title, subtitle=None, level: str = "h2") -> rx.Component:
    return rx.vstack(
        # h2 on the landing, whose h1 is its hero; the h1 of a page that opens with it.
        rx.heading(title, as_=level, size=rx.breakpoints(initial="7", md="8"), text_align="center"),
        rx.cond(
            subtitle,
            rx.text(
                subtitle,
                size="4",
                color=rx.color("gray", 11),
                text_align="center",
                max_width="640px",
            ),
        )
        if subtitle is not None
        else rx.fragment(),
        align="center",
        spacing="3",
        width="100%",
        margin_bottom="24px",
    )


def module_card(module, *, level: str = "h3") -> rx.Component:
    """`module` is a ModuleCard var (tochka_app.services.catalog.ModuleCard); `level`: its title's
    heading, one below the section it is listed in."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.center(
                    data_icon(module.icon, size=22),
                    width="44px",
                    height="44px",
                    border_radius="10px",
                    background=rx.color("grass", 3),
                    color=rx.color("grass", 11),
                    flex_shrink="0",
                ),
                rx.vstack(
                    rx.heading(module.name, as_=level, size="4"),
                    rx.badge(module.category_label, variant="soft", color_scheme="gray"),
                    spacing="1",
                    align="start",
                ),
                spacing="3",
                align="center",
            ),
            rx.text(module.description, size="2", color=rx.color("gray", 11)),
            rx.spacer(),
            rx.hstack(
                rx.badge(
                    module.badge,
                    variant="surface",
                    class_name="module-badge",
                    color_scheme=rx.cond(module.available, "grass", "amber"),
                ),
                rx.link(
                    I18nState.t["module.details"],
                    href=routes.module_detail(module.code),
                    size="2",
                    class_name="module-details",
                ),
                justify="between",
                width="100%",
                align="center",
            ),
            spacing="3",
            align="start",
            height="100%",
        ),
        size="3",
        width="100%",
        class_name="module-card",
        data_code=module.code,
        data_available=rx.cond(module.available, "yes", "no"),
    )


def tariff_card(
    tariff, featured_code, per_month_label, popular_label, cta_label, href
) -> rx.Component:
    """`tariff` is a TariffCard var (tochka_app.services.tariffs.TariffCard)."""
    featured = tariff.code == featured_code
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(tariff.name, as_="h3", size="5"),
                rx.cond(featured, rx.badge(popular_label, color_scheme="grass", variant="solid")),
                justify="between",
                width="100%",
                align="center",
            ),
            rx.text(tariff.description, size="2", color=rx.color("gray", 11), min_height="3em"),
            rx.hstack(
                rx.text(tariff.price, size="8", weight="bold", class_name="tariff-price"),
                rx.cond(
                    tariff.is_free,
                    rx.fragment(),
                    rx.text(per_month_label, size="2", color=rx.color("gray", 11)),
                ),
                align="baseline",
                spacing="2",
            ),
            rx.cond(tariff.trial != "", rx.badge(tariff.trial, variant="soft")),
            rx.separator(size="4"),
            rx.vstack(
                rx.foreach(
                    tariff.limits,
                    lambda line: rx.hstack(
                        rx.icon("check", size=16, color=rx.color("grass", 10)),
                        rx.text(line, size="2"),
                        spacing="2",
                        align="center",
                    ),
                ),
                spacing="2",
            ),
            rx.spacer(),
            rx.link(
                rx.button(
                    cta_label, width="100%", size="3", variant=rx.cond(featured, "solid", "outline")
                ),
                href=href,
                width="100%",
            ),
            spacing="4",
            align="start",
            height="100%",
        ),
        size="4",
        width="100%",
        class_name="tariff-card",
        data_code=tariff.code,
        style=rx.cond(featured, {"outline": f"2px solid {rx.color('grass', 9)}"}, {}),
    )
