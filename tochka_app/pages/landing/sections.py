"""The landing page's sections, top to bottom. Texts come from LandingState (the database)."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.cards import module_card, section_heading, tariff_card
from tochka_app.components.icons import data_icon
from tochka_app.components.layout import MAX_WIDTH
from tochka_app.pages.landing.state import LandingState
from tochka_app.state.i18n import I18nState

S = LandingState


def section(*children, id: str, **props) -> rx.Component:
    props.setdefault("padding_y", rx.breakpoints(initial="64px", md="96px"))
    return rx.box(
        rx.box(*children, max_width=MAX_WIDTH, margin_x="auto", width="100%"),
        as_="section",
        id=id,
        width="100%",
        padding_x="16px",
        **props,
    )


def hero() -> rx.Component:
    return section(
        rx.vstack(
            rx.badge(S.hero["badge"], size="2", variant="soft", radius="full"),
            rx.heading(
                S.hero["title"],
                as_="h1",
                size=rx.breakpoints(initial="8", md="9"),
                text_align="center",
                max_width="820px",
                id="hero-title",
            ),
            rx.text(
                S.hero["subtitle"],
                size=rx.breakpoints(initial="3", md="5"),
                color=rx.color("gray", 11),
                text_align="center",
                max_width="680px",
            ),
            rx.flex(
                rx.link(rx.button(S.hero["cta_primary"], size="4"), href=routes.LOGIN),
                rx.link(
                    rx.button(S.hero["cta_secondary"], size="4", variant="outline"),
                    href=routes.MARKETPLACE,
                ),
                spacing="3",
                wrap="wrap",
                justify="center",
            ),
            align="center",
            spacing="5",
        ),
        id="hero",
        background=f"radial-gradient(ellipse at top, {rx.color('grass', 3)}, transparent 70%)",
    )


def stat(key: str) -> rx.Component:
    return rx.vstack(
        rx.text(
            S.figures[key],
            size="8",
            weight="bold",
            color=rx.color("grass", 11),
            class_name="stat-figure",
            data_stat=key,
        ),
        rx.text(
            S.stats_text[key],
            size="2",
            color=rx.color("gray", 11),
            text_align="center",
            id=f"stat-{key}-label",
        ),
        align="center",
        spacing="1",
    )


def live_stats() -> rx.Component:
    return section(
        rx.grid(
            stat("tenants"),
            stat("users"),
            stat("modules"),
            stat("subscriptions"),
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="6",
            width="100%",
        ),
        id="stats",
        padding_y="24px",
        border_y=f"1px solid {rx.color('gray', 4)}",
        background=rx.color("gray", 2),
    )


def features() -> rx.Component:
    return section(
        section_heading(S.features_title),
        rx.grid(
            rx.foreach(
                S.features,
                lambda item: rx.card(
                    rx.vstack(
                        data_icon(item["icon"], size=26, color=rx.color("grass", 10)),
                        rx.heading(item["title"], as_="h3", size="4"),
                        rx.text(item["text"], size="2", color=rx.color("gray", 11)),
                        spacing="2",
                    ),
                    size="3",
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="4",
            width="100%",
        ),
        id="features",
    )


def module_showcase() -> rx.Component:
    return section(
        section_heading(S.modules_text["title"], S.modules_text["subtitle"]),
        rx.grid(
            rx.foreach(S.showcase, lambda module: module_card(module, level="h3")),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="4",
            width="100%",
        ),
        rx.center(
            rx.link(
                rx.button(S.modules_text["link"], variant="soft", size="3"), href=routes.MARKETPLACE
            ),
            margin_top="24px",
        ),
        id="modules",
        background=rx.color("gray", 2),
    )


def pricing() -> rx.Component:
    return section(
        section_heading(S.pricing_text["title"], S.pricing_text["subtitle"]),
        rx.cond(
            S.tariffs.length() > 0,
            rx.grid(
                rx.foreach(
                    S.tariffs,
                    lambda tariff: tariff_card(
                        tariff,
                        S.pricing_text["featured"],
                        I18nState.t["pricing.per_month"],
                        I18nState.t["pricing.popular"],
                        I18nState.t["pricing.choose"],
                        routes.LOGIN,
                    ),
                ),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="5",
                width="100%",
            ),
            rx.text(I18nState.t["pricing.empty"], text_align="center", color=rx.color("gray", 11)),
        ),
        id="pricing",
    )


def faq() -> rx.Component:
    return section(
        section_heading(S.faq_title),
        rx.box(
            rx.accordion.root(
                rx.foreach(
                    S.faq,
                    lambda item: rx.accordion.item(
                        header=item["q"], content=item["a"], value=item["q"]
                    ),
                ),
                collapsible=True,
                type="single",
                variant="ghost",
                width="100%",
            ),
            max_width="760px",
            margin_x="auto",
        ),
        id="faq",
        background=rx.color("gray", 2),
    )


def call_to_action() -> rx.Component:
    return section(
        rx.vstack(
            rx.heading(S.cta["title"], as_="h2", size="8", text_align="center"),
            rx.text(S.cta["text"], size="4", text_align="center", color=rx.color("gray", 11)),
            rx.link(rx.button(S.cta["button"], size="4"), href=routes.LOGIN),
            align="center",
            spacing="4",
        ),
        id="cta",
    )
