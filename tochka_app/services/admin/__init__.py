"""What the super admin does to the platform: one module per area, one function per action.
Every action takes an `AdminActor` built from a verified admin session and writes an audit event
with the values before and after."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AdminActor:
    user_id: int
    ip: str | None = None
