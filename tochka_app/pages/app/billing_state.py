import reflex as rx

from tochka_app import db, routes
from tochka_app.components.usage import UsageRow, usage_rows
from tochka_app.i18n import gettext_
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import Payment, PaymentStatus
from tochka_app.services import workspace
from tochka_app.services.billing import changes, overview, payments
from tochka_app.services.billing.overview import PaymentLine, TariffOption
from tochka_app.services.billing.provider import get_provider
from tochka_app.services.permissions import Permission, allowed
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class BillingState(SessionState):
    allowed: bool = True
    can_manage: bool = False
    tariff: str = ""
    status: str = ""
    status_label: str = ""
    period_label: str = ""
    period_end: str = ""
    period_price: str = ""
    next_period: str = ""
    days_left: int = 0
    cancel_at_period_end: bool = False
    pending_tariff: str = ""
    method: str = ""
    options: list[TariffOption] = []
    history: list[PaymentLine] = []
    usage: list[UsageRow] = []
    notice: str = ""  # the outcome of a payment the buyer has just come back from
    notice_ok: bool = True
    busy: bool = False

    def _refresh(self, session, actor) -> None:
        data = overview.view(session, actor.tenant_id, self.lang)
        self.can_manage = allowed(actor, Permission.manage_billing)
        self.tariff, self.status, self.status_label = data.tariff, data.status, data.status_label
        self.period_label, self.period_end, self.days_left = (
            data.period_label, data.period_end, data.days_left)
        self.period_price, self.next_period = data.period_price, data.next_period
        self.cancel_at_period_end, self.pending_tariff = data.cancel_at_period_end, data.pending_tariff
        self.method, self.options, self.history = data.method, data.options, data.history
        self.usage = usage_rows(workspace.overview(session, actor.tenant_id, self.lang).usage,
                                self.lang)

    def _returned_payment(self, session, actor) -> None:
        """Back from the checkout: ask the provider about that payment (the webhook may be late)."""
        raw = str(self.router.url.query_parameters.get("payment", ""))
        if not raw.isdigit():
            return
        payment = session.get(Payment, int(raw))
        if payment is None or payment.tenant_id != actor.tenant_id:
            return
        provider = get_provider(get_settings())
        try:
            if payment.status == PaymentStatus.pending:
                payments.sync(session, payment, provider)
        except IntegrationError:
            pass  # the webhook will bring it; the status below says "pending"
        finally:
            if provider is not None:
                provider.close()
        session.refresh(payment)
        self.notice_ok = payment.status == PaymentStatus.succeeded
        key = {PaymentStatus.succeeded: "billing.paid_ok",
               PaymentStatus.canceled: "billing.paid_declined"}.get(payment.status,
                                                                    "billing.paid_pending")
        self.notice = gettext_(self.lang, key, reason=gettext_(
            self.lang, f"billing.reason.{payment.cancel_reason or 'unknown'}"))

    @rx.event
    def load(self):
        self.notice, self.busy = "", False
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            self.allowed = allowed(actor, Permission.view_billing)
            if not self.allowed:
                return None
            self._returned_payment(session, actor)
            self._refresh(session, actor)
        return None

    def _change(self, operation, *args):
        with db.session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return rx.redirect(routes.LOGIN)
            error = operation(session, actor, *args)
            if error == "billing.forbidden":
                return rx.toast.error(gettext_(self.lang, error))
        with db.session_scope() as session:
            self._refresh(session, actor)
        if error:
            return rx.toast.error(gettext_(self.lang, error))
        return rx.toast.success(gettext_(self.lang, "billing.saved"))

    @rx.event
    def checkout(self, tariff_code: str):
        settings = get_settings()
        provider = get_provider(settings)
        try:
            with db.session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    return rx.redirect(routes.LOGIN)
                result = payments.start_checkout(
                    session, actor, tariff_code[:32], provider,
                    settings.public_base_url.rstrip("/") + routes.BILLING)
        finally:
            if provider is not None:
                provider.close()
        if result.error:
            return rx.toast.error(gettext_(self.lang, result.error))
        self.busy = True
        # Another host: the browser leaves for the checkout page in this tab.
        return rx.redirect(result.confirmation_url)

    @rx.event
    def downgrade(self, tariff_code: str):
        return self._change(changes.schedule_downgrade, tariff_code[:32])

    @rx.event
    def keep_tariff(self):
        return self._change(changes.cancel_downgrade)

    @rx.event
    def cancel(self):
        return self._change(changes.cancel)

    @rx.event
    def resume(self):
        return self._change(changes.resume)
