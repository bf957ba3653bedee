import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import public_page
from tochka_app.pages.landing import sections
from tochka_app.pages.landing.state import LandingState
from tochka_app.state.i18n import I18nState


@public_page(
    routes.LANDING, title="title.landing", on_load=[LandingState.load, LandingState.load_preview]
)
def landing() -> rx.Component:
    return rx.fragment(
        rx.cond(
            LandingState.preview,
            rx.callout(
                I18nState.t["admin.content.preview_banner"],
                icon="eye",
                color_scheme="amber",
                id="preview-banner",
                margin="8px 16px",
            ),
        ),
        sections.hero(),
        sections.live_stats(),
        sections.features(),
        sections.module_showcase(),
        sections.pricing(),
        sections.faq(),
        sections.call_to_action(),
    )
