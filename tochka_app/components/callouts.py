"""A callout whose body holds other components (buttons, links, stacks).

`rx.callout("text")` wraps its child in a `<p>`; a stack or a button row inside it is invalid
HTML (`<div>` in `<p>`) that React reports as an error. This one keeps the body a `<div>`.
"""

import reflex as rx


def rich_callout(*children, icon: str, **props) -> rx.Component:
    return rx.callout.root(rx.callout.icon(rx.icon(icon)), rx.box(*children, width="100%"), **props)
