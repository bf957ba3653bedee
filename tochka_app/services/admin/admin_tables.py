"""Every admin table by name (pages and the CSV export look them up here)."""

from tochka_app.services.admin.audit_admin import AUDIT_TABLE
from tochka_app.services.admin.tenants import TENANTS_TABLE
from tochka_app.services.admin.users import USERS_TABLE

ALL = {spec.name: spec for spec in (USERS_TABLE, TENANTS_TABLE, AUDIT_TABLE)}
