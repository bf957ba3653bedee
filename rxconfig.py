import os

import reflex as rx

from tochka_app.server_render.plugin import ServerStatePlugin
from tochka_app.settings import get_settings

settings = get_settings()
# Uploaded files (tenant logos) live in MEDIA_DIR and are served by Reflex's upload endpoint
# (`rx.get_upload_url`), which the frontend resolves to the backend in dev and prod alike. Set, not
# defaulted: settings are the one source, and a value inherited from a parent process that read
# other settings (a test runner starting the app) would serve files from the wrong folder.
os.environ["REFLEX_UPLOADED_FILES_DIR"] = str(settings.media_dir)

config = rx.Config(
    app_name="tochka_app",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(
                appearance="inherit", accent_color="grass", gray_color="sage", radius="large"
            )
        ),
        ServerStatePlugin(),  # public pages rendered with their data (tochka_app/server_render)
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
