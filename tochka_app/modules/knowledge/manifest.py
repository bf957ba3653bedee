from tochka_app.models import Role
from tochka_app.modules.knowledge import service
from tochka_app.modules.knowledge.service import KnowledgePermission
from tochka_app.modules.sdk import MenuEntry, ModuleManifest, SettingField

MANIFEST = ModuleManifest(
    code=service.CODE,
    name={"ru": "База знаний", "en": "Knowledge base"},
    description={
        "ru": "Импорт каталога и справочников из CSV и XLSX, поиск, правка и выгрузка.",
        "en": "Import catalogs and references from CSV and XLSX; search, edit, export.",
    },
    category="content",
    icon="book-open",
    version="1.0.0",
    # Every member works with the rows, as before the module had permissions of its own.
    permissions={KnowledgePermission.view: Role.staff, KnowledgePermission.edit: Role.staff},
    screenshots=("/modules/knowledge/workspace.webp",),
    settings=(
        SettingField(
            "default_category",
            "str",
            {"ru": "Категория по умолчанию", "en": "Default category"},
            default="",
            max_length=200,
        ),
        SettingField(
            "page_size",
            "choice",
            {"ru": "Строк на странице", "en": "Rows per page"},
            default="25",
            choices=("25", "50", "100"),
        ),
    ),
    menu=(MenuEntry({"ru": "База знаний", "en": "Knowledge base"}, service.ROUTE, "book-open"),),
    purge=service.purge,
    pages_module="tochka_app.modules.knowledge.pages",
    api_module="tochka_app.modules.knowledge.export_api",
)
