"""The one search box every list uses: a controlled input with a single client-side debounce.

Reflex wraps a controlled `rx.input` (value + on_change) in DebounceInput on its own (300 ms);
an `.debounce()` on the handler on top of that doubled the wait. Here the input is built
uncontrolled and wrapped once, with our own delay, so the request leaves the browser
`TYPING_DEBOUNCE_MS` after the last key and the results follow typing. Handlers that react to
typing elsewhere (address suggestions) wait the same time.
"""

import reflex as rx

TYPING_DEBOUNCE_MS = 200


def search_input(value, on_change, *children, **props) -> rx.Component:
    """`value`: the state var holding the query; `on_change`: the handler taking the text."""
    return rx.debounce_input(
        rx.input(*children, on_change=on_change, **props),
        value=value,
        debounce_timeout=TYPING_DEBOUNCE_MS,
    )
