"""Why billing says no: the codes its services raise `ServiceError` with (values are i18n ids)."""

from tochka_app.services.errors import ErrorCode


class BillingError(ErrorCode):
    no_live_subscription = "billing.no_live_subscription"
    tariff_unavailable = "billing.tariff_unavailable"
    trial_pick_by_paying = "billing.trial_pick_by_paying"
    not_a_downgrade = "billing.not_a_downgrade"
    not_an_upgrade = "billing.not_an_upgrade"
    already_cancelled = "billing.already_cancelled"
    not_cancelled = "billing.not_cancelled"
    not_configured = "billing.not_configured"
    provider_failed = "billing.provider_failed"
