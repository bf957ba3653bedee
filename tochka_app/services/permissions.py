"""Who may do what inside a workspace: the one table every handler consults.

Roles are ordered owner > admin > staff; a permission names the lowest role that holds it.
"""

from enum import StrEnum

from tochka_app.models import Role

ROLE_ORDER = (Role.staff, Role.admin, Role.owner)


class Permission(StrEnum):
    view_workspace = "workspace.view"
    use_modules = "modules.use"
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


MIN_ROLE: dict[Permission, Role] = {
    Permission.view_workspace: Role.staff,
    Permission.use_modules: Role.staff,
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


def rank(role: str) -> int:
    return ROLE_ORDER.index(Role(role))


def can(role: str | None, permission: Permission) -> bool:
    if role not in {r.value for r in ROLE_ORDER}:
        return False
    return rank(role) >= rank(MIN_ROLE[permission])


# What a read-only workspace (subscription ended) may still do: look, and pay to reopen.
READ_ONLY_ALLOWED = frozenset({Permission.view_workspace, Permission.view_team,
                               Permission.view_audit, Permission.view_billing,
                               Permission.manage_billing})


def allowed(actor, permission: Permission) -> bool:
    """`can` for an acting member, also refusing changes while the workspace is read-only."""
    if getattr(actor, "read_only", False) and permission not in READ_ONLY_ALLOWED:
        return False
    return can(actor.role, permission)


def table() -> list[tuple[str, str]]:
    """(permission, lowest role) rows, for documentation and the team page."""
    return [(p.value, MIN_ROLE[p].value) for p in Permission]
