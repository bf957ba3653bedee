"""Who may do what inside a workspace: the one table the guard, the services and the pages consult.

Roles are ordered owner > admin > staff; a permission names the lowest role that holds it. The
platform's permissions are below; a module adds its own through `ModuleManifest.permissions`
(registered with `register` when the registry loads it), so they are checked and listed the same way.
"""

from enum import StrEnum

from tochka_app.models import Role

ROLE_ORDER = (Role.staff, Role.admin, Role.owner)


class Permission(StrEnum):
    view_workspace = "workspace.view"
    view_team = "team.view"
    invite_members = "team.invite"
    change_roles = "team.change_role"
    remove_members = "team.remove"
    manage_modules = "modules.manage"
    edit_settings = "settings.edit"
    view_audit = "audit.view"
    view_billing = "billing.view"
    manage_billing = "billing.manage"
    transfer_ownership = "ownership.transfer"


MIN_ROLE: dict[str, Role] = {
    Permission.view_workspace: Role.staff,
    Permission.view_team: Role.staff,
    Permission.invite_members: Role.admin,
    Permission.change_roles: Role.admin,
    Permission.remove_members: Role.admin,
    Permission.manage_modules: Role.admin,
    Permission.edit_settings: Role.admin,
    Permission.view_audit: Role.admin,
    Permission.view_billing: Role.admin,
    Permission.manage_billing: Role.owner,
    Permission.transfer_ownership: Role.owner,
}


# What a read-only workspace (subscription ended) may still do: look, and pay to reopen. A
# module's permissions are changes unless they end in ".view".
READ_ONLY_ALLOWED: set[str] = {
    Permission.view_workspace,
    Permission.view_team,
    Permission.view_audit,
    Permission.view_billing,
    Permission.manage_billing,
}


def register(permission: str, min_role: Role) -> None:
    """Add a module's permission (from its manifest) to the table."""
    existing = MIN_ROLE.get(permission)
    if existing is not None and existing != min_role:
        raise ValueError(f"permission {permission!r} is already registered as {existing}")
    MIN_ROLE[permission] = Role(min_role)
    if permission.endswith(".view"):
        READ_ONLY_ALLOWED.add(permission)


def rank(role: str) -> int:
    return ROLE_ORDER.index(Role(role))


def can(role: str | None, permission: str) -> bool:
    if role not in {r.value for r in ROLE_ORDER} or permission not in MIN_ROLE:
        return False
    return rank(role) >= rank(MIN_ROLE[permission])


def allowed(actor, permission: str) -> bool:
    """`can` for an acting member, also refusing changes while the workspace is read-only."""
    if getattr(actor, "read_only", False) and permission not in READ_ONLY_ALLOWED:
        return False
    return can(actor.role, permission)


def granted(actor) -> list[str]:
    """Every permission the actor holds now: what the pages show and the guard lets through."""
    return sorted(p for p in MIN_ROLE if allowed(actor, p))


def table(module_codes: set[str] | None = None) -> list[tuple[str, str]]:
    """(permission, lowest role) rows for the team page: the platform's, and those of the given
    modules (a module's permissions are named "<code>.<what>"); all of them when None."""
    platform = {p.value for p in Permission}
    return [
        (p, MIN_ROLE[p].value)
        for p in MIN_ROLE
        if p in platform or module_codes is None or p.split(".", 1)[0] in module_codes
    ]


def require(actor, permission: str) -> None:
    """Services call this first: the same rule as the guard, so a service is safe on its own."""
    if allowed(actor, permission):
        return
    from tochka_app.services.errors import CommonError, ServiceError

    if getattr(actor, "read_only", False) and permission not in READ_ONLY_ALLOWED:
        raise ServiceError(CommonError.read_only)
    raise ServiceError(CommonError.forbidden)
