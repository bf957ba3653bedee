"""Telegram Login and VK ID (OAuth 2.1 + PKCE): started by a click here, finished only in the
browser tab that started them (services/auth/flows.py), and linking only after a confirmation."""

import base64
import json
from urllib.parse import urlencode

import reflex as rx

from tochka_app import routes
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.vk_id import VkId
from tochka_app.pages.auth.guard import SignInFlow
from tochka_app.services.auth import external, flows
from tochka_app.services.auth.errors import CodeError, ExternalError
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


def _vk_client() -> VkId | None:
    settings = get_settings()
    if not settings.vk_client_id:
        return None
    return VkId(settings.vk_client_id, settings.vk_id_base, settings.http_timeout_s)


def vk_redirect_uri() -> str:
    return get_settings().public_base_url.rstrip("/") + routes.VK_CALLBACK


def telegram_login_url(nonce: str) -> str:
    """Telegram's login page for our bot; it returns to our callback (with the flow's nonce)
    with the signed data."""
    settings = get_settings()
    base = settings.public_base_url.rstrip("/")
    return (
        settings.telegram_oauth_base.rstrip("/")
        + "/auth?"
        + urlencode(
            {
                "bot_id": settings.telegram_bot_token.split(":")[0],
                "origin": base,
                "request_access": "write",
                "return_to": base + routes.TELEGRAM_CALLBACK + "?" + urlencode({"flow": nonce}),
            }
        )
    )


class ExternalAuthState(SignInFlow, SessionState):
    """The callback pages show a refusal in `#auth-error` (`action_error`), else a spinner."""

    # The PKCE verifier stays on the server, in this browser tab's state.
    _vk_verifier: str = ""

    @rx.var
    def telegram_enabled(self) -> bool:
        return bool(get_settings().telegram_bot_token)

    def _start(self, provider: str) -> str | None:
        """A flow for this tab: a link when logged in, else a login. Returns its nonce (None:
        refused, and shown)."""

        def start(session):
            active = self._active(session)
            return flows.start(
                session, provider, self._client_token(), active.user.id if active else None
            )

        return self._attempt(start)  # None when refused (shown)

    def _fail(self, code: ErrorCode) -> None:
        return self._show(ServiceError(code))

    @rx.event
    def start_telegram(self):
        self._clear_feedback()
        if not get_settings().telegram_bot_token:
            self._fail(CodeError.channel_unavailable)
            return rx.redirect(routes.TELEGRAM_CALLBACK)
        nonce = self._start("telegram")
        return None if nonce is None else rx.redirect(telegram_login_url(nonce))

    @rx.event
    def start_vk(self):
        self._clear_feedback()
        client = _vk_client()
        if client is None:
            self._fail(CodeError.channel_unavailable)
            return rx.redirect(routes.VK_CALLBACK)
        nonce = self._start("vk")
        if nonce is None:
            client.close()
            return None
        self._vk_verifier, challenge = external.pkce_pair()
        url = client.authorize_url(vk_redirect_uri(), nonce, challenge)  # state = the nonce
        client.close()
        return rx.redirect(url)

    @rx.event
    def vk_callback(self):
        params = dict(self.router.url.query_parameters)
        verifier, self._vk_verifier = self._vk_verifier, ""  # one use
        if "code" not in params and "error" not in params:
            # A plain visit: show why VK ID could not start (not configured) or go to the login.
            return (
                None
                if self.refused_code == CodeError.channel_unavailable
                else rx.redirect(routes.LOGIN)
            )
        flow_id = self._attempt(
            lambda session: flows.take(
                session,
                params.get("state"),
                "vk",
                self._client_token(),
                refusal=ExternalError.state_mismatch,
            )
        )
        if flow_id is None:
            return None  # refused (shown)
        if not verifier:
            return self._fail(ExternalError.state_mismatch)
        client = _vk_client()
        if client is None or "error" in params or not params.get("code"):
            return self._fail(ExternalError.failed)
        try:
            tokens = client.exchange_code(
                params["code"],
                verifier,
                params.get("device_id", ""),
                vk_redirect_uri(),
                params["state"],
            )
            if tokens.get("state") and tokens["state"] != params["state"]:
                raise IntegrationError("state_mismatch")
            info = client.user_info(tokens["access_token"])
        except (IntegrationError, KeyError):
            return self._fail(ExternalError.failed)
        finally:
            client.close()
        return self._finish(flow_id, external.vk_identity(info))

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
            return self._fail(ExternalError.failed)
        return self._telegram(data)

    def _telegram(self, data: dict):
        self._clear_feedback()
        nonce = str(dict(self.router.url.query_parameters).get("flow", ""))
        data = {k: v for k, v in data.items() if k != "flow"}  # ours, not signed by Telegram
        token = get_settings().telegram_bot_token
        identity = external.verify_telegram_widget(data, token) if token else None
        if identity is None:
            return self._fail(ExternalError.failed)
        return self._attempt(
            lambda session: flows.take(session, nonce, "telegram", self._client_token()),
            then=lambda flow_id: self._finish(flow_id, identity),
        )

    def _finish(self, flow_id: int, identity: external.Identity):
        """A verified identity back in the tab that started the flow: log in with it, or hold
        it for the confirmation screen (linking), or for after the phone code (unknown)."""

        def finish(session):
            active = self._active(session)
            outcome = flows.finish(
                session, flow_id, identity, active.user.id if active else None, self._client_ip()
            )
            if outcome.pending:
                return rx.redirect(routes.LINK_CONFIRM if active else routes.LOGIN)
            if outcome.linked:
                return rx.redirect(routes.PROFILE)
            return self._sign_in(session, outcome.user)

        return self._attempt(finish)
