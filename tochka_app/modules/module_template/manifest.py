from tochka_app.modules.module_template import service
from tochka_app.modules.module_template.pages import ROUTE
from tochka_app.modules.sdk import MenuEntry, ModuleManifest, SettingField

MANIFEST = ModuleManifest(
    code="module_template",
    name={"ru": "Новый модуль", "en": "New module"},
    description={"ru": "Опишите, что модуль делает для бизнеса.",
                 "en": "Say what the module does for a business."},
    category="productivity",
    icon="package",
    version="0.1.0",
    settings=(
        SettingField("greeting", "str", {"ru": "Приветствие", "en": "Greeting"},
                     default="", max_length=120),
    ),
    menu=(MenuEntry({"ru": "Новый модуль", "en": "New module"}, ROUTE,
                    "package"),),
    purge=service.purge,
    pages_module="tochka_app.modules.module_template.pages",
)
