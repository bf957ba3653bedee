import reflex as rx

from tochka_app import routes
from tochka_app.components.layout import public_page
from tochka_app.pages.landing import sections
from tochka_app.pages.landing.state import LandingState


@public_page(routes.LANDING, title="Точка Роста — платформа для малого бизнеса",
             on_load=LandingState.load)
def landing() -> rx.Component:
    return rx.fragment(
        sections.hero(),
        sections.live_stats(),
        sections.features(),
        sections.module_showcase(),
        sections.pricing(),
        sections.faq(),
        sections.call_to_action(),
    )
