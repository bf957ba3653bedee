"""The Reflex app (theme in rxconfig.py): pages (registered by importing their modules) and backend endpoints."""

import reflex as rx

from tochka_app.api import api_transformers
from tochka_app.modules import registry
from tochka_app.modules.jobs import module_jobs_loop
from tochka_app.pages.admin import audit as _admin_audit  # noqa: F401
from tochka_app.pages.admin import content as _admin_content  # noqa: F401
from tochka_app.pages.admin import dashboard as _admin_dashboard  # noqa: F401
from tochka_app.pages.admin import login as _admin_login  # noqa: F401
from tochka_app.pages.admin import modules as _admin_modules  # noqa: F401
from tochka_app.pages.admin import security as _admin_security  # noqa: F401
from tochka_app.pages.admin import tariffs as _admin_tariffs  # noqa: F401
from tochka_app.pages.admin import tenants as _admin_tenants  # noqa: F401
from tochka_app.pages.admin import users as _admin_users  # noqa: F401
from tochka_app.pages.app import audit as _audit  # noqa: F401
from tochka_app.pages.app import billing as _billing  # noqa: F401
from tochka_app.pages.app import marketplace as _app_marketplace  # noqa: F401
from tochka_app.pages.app import overview as _overview  # noqa: F401
from tochka_app.pages.app import profile as _profile  # noqa: F401
from tochka_app.pages.app import settings as _settings  # noqa: F401
from tochka_app.pages.app import team as _team  # noqa: F401
from tochka_app.pages.auth import continue_page as _continue  # noqa: F401
from tochka_app.pages.auth import external_page as _external  # noqa: F401
from tochka_app.pages.auth import link_confirm as _link_confirm  # noqa: F401
from tochka_app.pages.auth import login_page as _login  # noqa: F401
from tochka_app.pages.auth import onboarding_page as _onboarding  # noqa: F401
from tochka_app.pages.landing import page as _landing  # noqa: F401
from tochka_app.pages.marketplace import detail as _module_detail  # noqa: F401
from tochka_app.pages.marketplace import page as _marketplace  # noqa: F401
from tochka_app.pages.site import page as _site  # noqa: F401
from tochka_app.server_render.renderer import render_server
from tochka_app.services.billing.scheduler import billing_loop
from tochka_app.settings import get_settings
from tochka_app.state.errors import backend_exception_handler

registry.import_pages()  # each installed module registers its own pages
if get_settings().is_production:
    get_settings().signing_key  # noqa: B018 — fail at start, not at the first login, without a key
else:
    from tochka_app.pages.dev import tools as _dev_tools  # noqa: F401

app = rx.App(
    backend_exception_handler=backend_exception_handler,
    style={"font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    stylesheets=["/contrast.css"],  # AA contrast for the green buttons and grey captions
    api_transformer=api_transformers(),
)
app.register_lifespan_task(billing_loop)  # renewals, trial ends, past-due → expired
app.register_lifespan_task(module_jobs_loop)  # e.g. the shop's release of unpaid reservations
app.register_lifespan_task(render_server)  # public pages rendered with their data
