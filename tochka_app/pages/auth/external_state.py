"""Callbacks of the Telegram Login widget and VK ID (OAuth 2.1 + PKCE)."""

import base64
import dataclasses
import hmac
import json
from urllib.parse import urlencode

import reflex as rx

from tochka_app import db, routes
from tochka_app.i18n import gettext_
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.vk_id import VkId
from tochka_app.services.auth import external, onboarding
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


def _vk_client() -> VkId | None:
    settings = get_settings()
    if not settings.vk_client_id:
        return None
    return VkId(settings.vk_client_id, settings.vk_id_base, settings.http_timeout_s)


def vk_redirect_uri() -> str:
    return get_settings().public_base_url.rstrip("/") + routes.VK_CALLBACK


class ExternalAuthState(SessionState):
    message: str = ""
    # PKCE secrets stay on the server, bound to this browser tab's state.
    _vk_state: str = ""
    _vk_verifier: str = ""

    @rx.var
    def telegram_login_url(self) -> str:
        """Telegram's login page for our bot; it returns to our callback with signed data."""
        settings = get_settings()
        if not settings.telegram_bot_token:
            return ""
        base = settings.public_base_url.rstrip("/")
        return "https://oauth.telegram.org/auth?" + urlencode({
            "bot_id": settings.telegram_bot_token.split(":")[0], "origin": base,
            "request_access": "write", "return_to": base + routes.TELEGRAM_CALLBACK})

    @rx.event
    def start_vk(self):
        client = _vk_client()
        if client is None:
            self.message = gettext_(self.lang, "code.channel_unavailable")
            return rx.redirect(routes.VK_CALLBACK)
        self._vk_verifier, challenge = external.pkce_pair()
        self._vk_state = external.new_state()
        url = client.authorize_url(vk_redirect_uri(), self._vk_state, challenge)
        client.close()
        return rx.redirect(url)

    @rx.event
    def vk_callback(self):
        params = dict(self.router.url.query_parameters)
        expected, verifier = self._vk_state, self._vk_verifier
        self._vk_state = self._vk_verifier = ""  # one use
        if "code" not in params and "error" not in params:
            # A plain visit: show a pending message (e.g. "not configured") or go to the login.
            return None if self.message else rx.redirect(routes.LOGIN)
        if not expected or not hmac.compare_digest(params.get("state", ""), expected):
            self.message = gettext_(self.lang, "external.state_mismatch")
            return None
        client = _vk_client()
        if client is None or "error" in params or not params.get("code"):
            self.message = gettext_(self.lang, "external.failed")
            return None
        try:
            tokens = client.exchange_code(params["code"], verifier, params.get("device_id", ""),
                                          vk_redirect_uri(), expected)
            if tokens.get("state") and not hmac.compare_digest(tokens["state"], expected):
                raise IntegrationError("state_mismatch")
            info = client.user_info(tokens["access_token"])
        except (IntegrationError, KeyError):
            self.message = gettext_(self.lang, "external.failed")
            return None
        finally:
            client.close()
        return self._finish(external.vk_identity(info))

    @rx.event
    def telegram_callback(self):
        params = dict(self.router.url.query_parameters)
        if "hash" in params:
            return self._telegram(params)
        # The OAuth page returns the data in the URL fragment, which only the browser sees.
        return rx.call_script("window.location.hash", callback=ExternalAuthState.telegram_fragment)

    @rx.event
    def telegram_fragment(self, fragment: str):
        encoded = (fragment or "").partition("tgAuthResult=")[2][:4000]
        try:
            data = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            self.message = gettext_(self.lang, "external.failed")
            return None
        return self._telegram(data)

    def _telegram(self, data: dict):
        token = get_settings().telegram_bot_token
        identity = external.verify_telegram_widget(data, token) if token else None
        if identity is None:
            self.message = gettext_(self.lang, "external.failed")
            return None
        return self._finish(identity)

    def _finish(self, identity: external.Identity):
        with db.session_scope() as session:
            active = self._active(session)
            outcome = external.sign_in(session, identity, active.user.id if active else None,
                                       self._client_ip())
            if outcome.error:
                self.message = gettext_(self.lang, outcome.error)
                return None
            if outcome.pending:
                self._pending_identity = dataclasses.asdict(identity)
                return rx.redirect(routes.LOGIN)
            if outcome.linked:
                return rx.redirect(routes.PROFILE)
            if active is None:
                self._sign_in(session, outcome.user)
            has_workspace = bool(onboarding.memberships(session, outcome.user.id))
        return rx.redirect(routes.APP if has_workspace else routes.ONBOARDING)
