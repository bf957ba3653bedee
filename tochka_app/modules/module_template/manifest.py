from tochka_app.models import Role
from tochka_app.modules.module_template import service
from tochka_app.modules.module_template.service import ModuleTemplatePermission
from tochka_app.modules.sdk import MenuEntry, ModuleManifest, SettingField

MANIFEST = ModuleManifest(
    code=service.CODE,
    name={"ru": "Новый модуль", "en": "New module"},
    description={
        "ru": "Опишите, что модуль делает для бизнеса.",
        "en": "Say what the module does for a business.",
    },
    category="productivity",
    icon="package",
    version="0.1.0",
    # Added to the permission table by the registry; checked by the guard and by `require`.
    permissions={
        ModuleTemplatePermission.view: Role.staff,
        ModuleTemplatePermission.edit: Role.staff,
    },
    settings=(
        SettingField(
            "greeting", "str", {"ru": "Приветствие", "en": "Greeting"}, default="", max_length=120
        ),
    ),
    menu=(MenuEntry({"ru": "Новый модуль", "en": "New module"}, service.ROUTE, "package"),),
    purge=service.purge,
    pages_module="tochka_app.modules.module_template.pages",
)
