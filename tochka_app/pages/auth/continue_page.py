"""`/auth/continue/go?to=<local path>`: where the cookie endpoints send the browser after setting
or deleting a session cookie. A full page load of a page path is answered by the static server
with a redirect to `<path>/`; this dynamic route is served as it is, opens the websocket with the
new cookie and goes on to the page inside the app. Only a path on this site is followed."""

import reflex as rx

from tochka_app import routes
from tochka_app.components.titles import page_title
from tochka_app.services.auth.tickets import local_path
from tochka_app.state.i18n import I18nState


class ContinueState(I18nState):
    @rx.event
    def go(self):
        target = str(dict(self.router.url.query_parameters).get("to", ""))
        return rx.redirect(local_path(target, routes.LANDING), replace=True)


@rx.page(
    route=routes.CONTINUE,
    title=page_title(routes.CONTINUE, "title.brand"),
    on_load=ContinueState.go,
)
def continue_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="60vh", width="100%")
