"""`/s/<slug>`: the home of a tenant's public site (also served at `/` of its own domain)."""

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.site import site_page
from tochka_app.state.i18n import I18nState
from tochka_app.state.site import SiteState

T = I18nState.t


class SiteHomeState(SiteState):
    @rx.event
    def load(self):
        with db.session_scope() as session:
            _, redirect = self._open_site(session)
        return redirect


@site_page(routes.SITE, title="title.brand", on_load=SiteHomeState.load)
def site_home() -> rx.Component:
    S = SiteHomeState
    return rx.vstack(
        rx.heading(S.site_name, size="8", id="site-home-title"),
        rx.cond(
            S.site_links.length() > 0,
            rx.vstack(
                rx.foreach(
                    S.site_links,
                    lambda link: rx.link(
                        link.title, href=link.href, size="4", class_name="site-home-link"
                    ),
                ),
                spacing="2",
            ),
            rx.text(T["site.empty"], color=rx.color("gray", 11), id="site-empty"),
        ),
        spacing="4",
        width="100%",
    )
