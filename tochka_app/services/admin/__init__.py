"""What the super admin does to the platform: one module per area, one function per action.
Every action takes an `AdminActor` built from a verified admin session, writes an audit event
with the values before and after, and refuses by raising `ServiceError(AdminError.…)` before it
writes anything (services/errors.py)."""

from dataclasses import dataclass

from tochka_app.services.errors import ErrorCode


@dataclass(frozen=True)
class AdminActor:
    user_id: int
    ip: str | None = None


class AdminError(ErrorCode):
    """Refusals shared by the admin areas (users, tenants, impersonation, modules...)."""

    not_found = "admin.not_found"
    not_yourself = "admin.not_yourself"
    reason_required = "admin.reason_required"
    last_super_admin = "admin.last_super_admin"
    blocked_user = "admin.blocked_user"
