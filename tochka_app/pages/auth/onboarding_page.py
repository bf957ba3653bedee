import reflex as rx

from tochka_app import routes
from tochka_app.components.forms import form_field
from tochka_app.components.invites import InvitesState, pending_invites
from tochka_app.components.layout import public_page
from tochka_app.components.prefetch import prefetch_route
from tochka_app.components.search import TYPING_DEBOUNCE_MS
from tochka_app.pages.auth.login_page import auth_card
from tochka_app.pages.auth.onboarding_state import OnboardingState as S
from tochka_app.state.i18n import I18nState

T = I18nState.t


def field(label_key: str, name: str, value, **props) -> rx.Component:
    return form_field(T[label_key], name, value, S.field_errors, size="3", **props)


@public_page(
    routes.ONBOARDING, title="title.onboarding", on_load=[S.load, InvitesState.load_invites]
)
def onboarding() -> rx.Component:
    return auth_card(
        prefetch_route(routes.APP),
        pending_invites(),
        rx.heading(T["onboarding.title"], size="6"),
        rx.text(T["onboarding.subtitle"], size="2", color=rx.color("gray", 11)),
        rx.form(
            rx.vstack(
                field("onboarding.name", "name", S.name, max_length=200, auto_focus=True),
                field(
                    "onboarding.company",
                    "company",
                    S.company,
                    max_length=200,
                    on_change=S.company_typed.debounce(TYPING_DEBOUNCE_MS),
                ),
                rx.vstack(
                    field(
                        "onboarding.slug",
                        "slug",
                        S.slug,
                        max_length=63,
                        key=S.slug_key.to_string(),
                        on_change=S.slug_typed,
                    ),
                    rx.text(T["onboarding.slug_hint"], size="1", color=rx.color("gray", 10)),
                    rx.cond(
                        S.site_preview != "",
                        rx.text(
                            T["onboarding.site_preview"],
                            " ",
                            rx.code(S.site_preview),
                            size="1",
                            color=rx.color("gray", 11),
                            id="site-preview",
                            word_break="break-all",
                        ),
                    ),
                    rx.cond(
                        S.suggestions.length() > 0,
                        rx.flex(
                            rx.text(T["onboarding.suggestions"], size="1"),
                            rx.foreach(
                                S.suggestions,
                                lambda s: rx.button(
                                    s,
                                    size="1",
                                    variant="soft",
                                    type="button",
                                    on_click=S.pick_slug(s),
                                    class_name="slug-suggestion",
                                ),
                            ),
                            spacing="2",
                            wrap="wrap",
                            align="center",
                        ),
                    ),
                    spacing="1",
                    width="100%",
                ),
                rx.button(
                    T["onboarding.submit"],
                    type="submit",
                    size="3",
                    width="100%",
                    id="create-workspace",
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=S.submit,
            reset_on_submit=False,
            width="100%",
        ),
    )
