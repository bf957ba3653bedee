"""A chart card over recharts (admin dashboard, module dashboards): one series by a key."""

import reflex as rx

from tochka_app.state.i18n import I18nState

T = I18nState.t


def chart(
    title_key: str, data, x: str, y: str, kind: str = "bar", class_name: str = "data-chart"
) -> rx.Component:
    series = (
        rx.recharts.area(
            data_key=y,
            stroke=rx.color("grass", 9),
            fill=rx.color("grass", 4),
            is_animation_active=False,
        )
        if kind == "area"
        else rx.recharts.bar(data_key=y, fill=rx.color("grass", 9), is_animation_active=False)
    )
    make = rx.recharts.area_chart if kind == "area" else rx.recharts.bar_chart
    return rx.card(
        rx.vstack(
            rx.heading(T[title_key], size="3"),
            make(
                series,
                rx.recharts.x_axis(data_key=x, font_size=11),
                rx.recharts.y_axis(allow_decimals=False, width=50, font_size=11),
                rx.recharts.graphing_tooltip(),
                data=data,
                width="100%",
                height=220,
            ),
            width="100%",
        ),
        width="100%",
        class_name=class_name,
    )
