from tochka_app.models import Role
from tochka_app.modules.pages import service
from tochka_app.modules.pages.service import PagesPermission
from tochka_app.modules.sdk import MenuEntry, ModuleManifest, SettingField

MANIFEST = ModuleManifest(
    code=service.CODE,
    name={"ru": "Страницы сайта", "en": "Site pages"},
    description={
        "ru": "Публикуйте страницы «О нас», «Доставка», «Контакты» на Markdown.",
        "en": "Publish About, Delivery and Contacts pages written in Markdown.",
    },
    category="content",
    icon="file-text",
    version="1.0.0",
    # Every member writes the pages, as before the module had permissions of its own.
    permissions={PagesPermission.view: Role.staff, PagesPermission.edit: Role.staff},
    settings=(
        SettingField(
            "site_title",
            "str",
            {"ru": "Заголовок сайта", "en": "Site title"},
            default="",
            max_length=120,
        ),
        SettingField(
            "show_updated",
            "bool",
            {"ru": "Показывать дату обновления", "en": "Show the last update date"},
            default=True,
        ),
    ),
    menu=(MenuEntry({"ru": "Страницы", "en": "Pages"}, service.ROUTE, "file-text"),),
    purge=service.purge,
    site_links=service.site_links,
    site_page=service.site_page,
    pages_module="tochka_app.modules.pages.pages",
)
