"""Usage of the tariff's limits as meters: amber from 80 %, an upgrade prompt at the limit.
Shared by the overview and the billing page."""

import dataclasses

import reflex as rx

from tochka_app import routes
from tochka_app.i18n import gettext_
from tochka_app.services.workspace import Usage
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclasses.dataclass
class UsageRow:
    label: str
    used: int
    limit: str  # a number or "unlimited", already translated
    percent: int
    warn: bool  # 80 % or more of the limit
    full: bool  # the limit is reached: nothing more can be added


def usage_rows(usage: list[Usage], lang: str) -> list[UsageRow]:
    unlimited = gettext_(lang, "app.usage.unlimited")
    return [
        UsageRow(
            gettext_(lang, u.key),
            u.used,
            unlimited if u.limit is None else str(u.limit),
            u.percent,
            u.percent >= 80,
            u.limit is not None and u.used >= u.limit,
        )
        for u in usage
    ]


def usage_meters(rows) -> rx.Component:
    return rx.vstack(
        rx.foreach(
            rows,
            lambda u: rx.vstack(
                rx.hstack(
                    rx.text(u.label, size="2"),
                    rx.text(u.used, " / ", u.limit, size="2", weight="medium"),
                    justify="between",
                    width="100%",
                ),
                rx.progress(
                    value=u.percent,
                    max=100,
                    width="100%",
                    color_scheme=rx.cond(u.full, "red", rx.cond(u.warn, "amber", "grass")),
                ),
                rx.cond(
                    u.full,
                    rx.link(
                        T["app.usage.at_limit"],
                        href=routes.BILLING,
                        size="1",
                        color=rx.color("red", 11),
                        class_name="upgrade-prompt",
                    ),
                    rx.cond(
                        u.warn,
                        rx.link(
                            T["app.usage.near_limit"],
                            href=routes.BILLING,
                            size="1",
                            color=rx.color("amber", 11),
                        ),
                    ),
                ),
                spacing="1",
                width="100%",
                class_name="usage-meter",
            ),
        ),
        spacing="3",
        width="100%",
    )
