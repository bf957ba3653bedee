"""The visitor's language: kept in a cookie of the browser, applied on the server. A cookie and
not local storage, because the server renders public pages before any script runs: with it, a
visitor who chose English gets English in the first HTML (tochka_app/server_render)."""

import reflex as rx

from tochka_app.i18n import DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, normalize_locale, ui_messages

LOCALE_COOKIE_SECONDS = 365 * 24 * 3600


class I18nState(rx.State):
    locale: str = rx.Cookie(DEFAULT_LOCALE, name=LOCALE_COOKIE, max_age=LOCALE_COOKIE_SECONDS)

    def _client_ip(self) -> str | None:
        """The client's address for every state (the base class of all of them). Reflex takes it
        from the websocket's ASGI scope, which `api.client_address.ClientAddressMiddleware` has
        already resolved through TRUSTED_PROXIES; Reflex's own `trusted_proxy_hops` stays 0."""
        return self.router.session.client_ip or None

    @rx.var
    def lang(self) -> str:
        return normalize_locale(self.locale)

    @rx.var
    def t(self) -> dict[str, str]:
        """UI labels of the current language, looked up in components as ``I18nState.t[key]``."""
        return ui_messages(normalize_locale(self.locale))

    @rx.event
    def locale_from_address(self):
        """A shared link in a language (`?lang=en`, the scheme public pages' hreflang use) opens
        in that language; without it the visitor's own choice stays."""
        wanted = str(self.router.url.query_parameters.get("lang", ""))
        if wanted in LOCALES:
            self.locale = wanted

    @rx.event
    def set_locale(self, locale: str | list[str]):
        # Anything else the browser sends is ignored rather than trusted.
        if locale in LOCALES:
            self.locale = locale
