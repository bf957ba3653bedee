"""The refusals of the sign-in flows (codes, admin login and its second factor, external
accounts, the first workspace). Values are i18n message ids, as everywhere (services/errors.py).

Refusals of a sign-in *attempt* (a wrong code, a wrong password, a code request over a limit) are
raised after the attempt has been counted and audited: the callers commit that bookkeeping
(`pages/auth/guard.SignInState._attempt`), because a wrong try must count even though it is
refused. Everything else is validated before anything is written."""

from tochka_app.services.errors import ErrorCode


class CodeError(ErrorCode):
    """One-time login codes (services/auth/codes.py, delivery.py)."""

    invalid = "code.invalid"  # field "code": wrong, expired, used up or locked (never says which)
    cooldown = "code.cooldown"  # field "phone"; params: seconds until a new code may be asked
    too_many = "code.too_many"  # field "phone"; params: seconds
    delivery_failed = "code.delivery_failed"
    channel_unavailable = "code.channel_unavailable"
    telegram_not_linked = "code.telegram_not_linked"  # the bot does not know this phone yet
    telegram_blocked = "code.telegram_blocked"  # the user has blocked our bot


# The refusals that a Telegram link (the bot's deep link) resolves: the page offers it.
NEEDS_TELEGRAM_LINK = frozenset({CodeError.telegram_not_linked, CodeError.telegram_blocked})


class AuthError(ErrorCode):
    """Who may sign in at all, and the super admin's login."""

    phone_invalid = "phone.invalid"  # the one services/phones.py raises (field "phone")
    blocked = "account.blocked"
    admin_invalid = "admin.invalid"  # never says whether the phone or the password was wrong
    admin_locked = "admin.locked"
    totp_expired = "admin.totp.expired"  # the password was right too long ago: start over
    totp_bad_code = "admin.totp.bad_code"  # field "code"
    totp_no_setup = "admin.totp.no_setup"  # field "code"
    totp_already_on = "admin.totp.already_on"


class ExternalError(ErrorCode):
    """Telegram Login and VK ID (services/auth/external.py, flows.py)."""

    failed = "external.failed"
    state_mismatch = "external.state_mismatch"
    flow_invalid = "external.flow_invalid"
    linked_elsewhere = "external.linked_elsewhere"


class OnboardingError(ErrorCode):
    """The first workspace (services/auth/onboarding.py)."""

    name_required = "onboarding.name_required"
    company_required = "onboarding.company_required"
    slug_invalid = "slug.invalid"
    slug_taken = "slug.taken"
