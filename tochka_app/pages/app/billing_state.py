import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.usage import UsageRow, usage_rows
from tochka_app.services import workspace
from tochka_app.services.access import Actor
from tochka_app.services.billing import changes, overview, payments
from tochka_app.services.billing.overview import PaymentLine, TariffOption
from tochka_app.services.billing.payments import Checkout
from tochka_app.services.billing.provider import opened
from tochka_app.services.permissions import Permission
from tochka_app.settings import get_settings
from tochka_app.state.session import SessionState


class BillingState(SessionState):
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
    _returned_payment: str = ""  # ?payment=<id> of this load, asked about once

    def _reload(self, session: Session, actor: Actor) -> None:
        if self._returned_payment:
            raw, self._returned_payment = self._returned_payment, ""
            with opened(get_settings()) as provider:
                notice = overview.returned(session, actor.tenant_id, raw, provider, self.lang)
            if notice is not None:
                self.notice, self.notice_ok = notice.text, notice.ok
        data = overview.view(session, actor.tenant_id, self.lang)
        self.tariff, self.status, self.status_label = data.tariff, data.status, data.status_label
        self.period_label, self.period_end, self.days_left = (
            data.period_label,
            data.period_end,
            data.days_left,
        )
        self.period_price, self.next_period = data.period_price, data.next_period
        self.cancel_at_period_end, self.pending_tariff = (
            data.cancel_at_period_end,
            data.pending_tariff,
        )
        self.method, self.options, self.history = data.method, data.options, data.history
        self.usage = usage_rows(
            workspace.overview(session, actor.tenant_id, self.lang).usage, self.lang
        )

    @rx.event
    def load(self):
        self.notice, self.notice_ok, self.busy = "", True, False
        # Back from the checkout: the page asks the provider about that payment.
        self._returned_payment = str(self.router.url.query_parameters.get("payment", ""))[:20]
        return self._load_page(Permission.view_billing)

    @rx.event
    def checkout(self, tariff_code: str):
        settings, code = get_settings(), tariff_code[:32]
        return_url = routes.absolute(settings.public_base_url, routes.BILLING)
        with opened(settings) as provider:
            return self._run(
                Permission.manage_billing,
                lambda session, actor: payments.start_checkout(
                    session, actor, code, provider, return_url
                ),
                reload=False,
                then=self._to_checkout,
            )

    def _to_checkout(self, checkout: Checkout):
        self.busy = True
        # Another host: the browser leaves for the checkout page in this tab.
        return rx.redirect(checkout.confirmation_url)

    @rx.event
    def downgrade(self, tariff_code: str):
        code = tariff_code[:32]
        return self._run(
            Permission.manage_billing,
            lambda session, actor: changes.schedule_downgrade(session, actor, code),
            done="billing.saved",
        )

    @rx.event
    def keep_tariff(self):
        return self._run(Permission.manage_billing, changes.cancel_downgrade, done="billing.saved")

    @rx.event
    def cancel(self):
        return self._run(Permission.manage_billing, changes.cancel, done="billing.saved")

    @rx.event
    def resume(self):
        return self._run(Permission.manage_billing, changes.resume, done="billing.saved")
