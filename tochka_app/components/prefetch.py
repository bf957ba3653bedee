"""Load the code of the page a form leads to while the person is still filling the form, so after
the click they wait only for the server, not for the next page's JavaScript (React Router's
`<Link prefetch="render">`: `<link rel="modulepreload">` tags for that route; nothing visible)."""

import reflex as rx
from reflex.components.react_router import ReactRouterLink


def prefetch_route(*routes: str) -> rx.Component:
    return rx.fragment(
        *[
            ReactRouterLink.create(
                to=route,
                custom_attrs={"prefetch": "render"},
                tab_index=-1,
                aria_hidden="true",
                display="none",
                class_name="route-prefetch",
            )
            for route in routes
        ]
    )
