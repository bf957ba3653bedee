"""Demo data: tariffs, module registry, landing content (ru/en), demo tenant members."""

from typing import Any

TARIFFS: list[dict[str, Any]] = [  # Tariff(**spec)
    {
        "code": "start",
        "name": {"ru": "Старт", "en": "Start"},
        "description": {
            "ru": "Для тех, кто только запускает бизнес онлайн.",
            "en": "For businesses just getting online.",
        },
        "price_month_kopecks": 99_000,
        "max_modules": 2,
        "max_staff": 3,
        "max_products": 100,
        "max_storage_mb": 1024,
        "trial_days": 14,
        "sort_order": 10,
    },
    {
        "code": "business",
        "name": {"ru": "Бизнес", "en": "Business"},
        "description": {
            "ru": "Магазин, страницы и команда — всё для растущей компании.",
            "en": "Shop, pages and a team: all a growing company needs.",
        },
        "price_month_kopecks": 299_000,
        "max_modules": 5,
        "max_staff": 10,
        "max_products": 5_000,
        "max_storage_mb": 10_240,
        "trial_days": 14,
        "sort_order": 20,
    },
    {
        "code": "pro",
        "name": {"ru": "Про", "en": "Pro"},
        "description": {
            "ru": "Без ограничений для сетей и крупных магазинов.",
            "en": "No limits, for chains and large shops.",
        },
        "price_month_kopecks": 790_000,
        "max_modules": None,
        "max_staff": None,
        "max_products": None,
        "max_storage_mb": 102_400,
        "trial_days": 14,
        "sort_order": 30,
    },
]
DEFAULT_TARIFF_CODE = "start"

# (code, name, description, category, icon, min tariff code, add-on price in kopecks)
MODULES = [
    (
        "shop",
        {"ru": "Интернет-магазин", "en": "Online shop"},
        {
            "ru": "Каталог, корзина, заказы и оплата — витрина на вашем домене.",
            "en": "Catalog, cart, orders and payment: a storefront on your own domain.",
        },
        "sales",
        "shopping-cart",
        None,
        0,
    ),
    (
        "pages",
        {"ru": "Страницы сайта", "en": "Site pages"},
        {
            "ru": "Публикуйте страницы «О нас», «Доставка», «Контакты» на Markdown.",
            "en": "Publish About, Delivery and Contacts pages written in Markdown.",
        },
        "content",
        "file-text",
        None,
        0,
    ),
    (
        "knowledge",
        {"ru": "База знаний", "en": "Knowledge base"},
        {
            "ru": "Импорт каталога и справочников из CSV и XLSX, поиск по статьям.",
            "en": "Import catalogs and references from CSV and XLSX, search articles.",
        },
        "content",
        "book-open",
        None,
        0,
    ),  # rows count against the tariff's limit instead
    (
        "tasks",
        {"ru": "Задачи и канбан", "en": "Tasks and kanban"},
        {
            "ru": "Доски, проекты и уведомления для команды.",
            "en": "Boards, projects and notifications for your team.",
        },
        "productivity",
        "square-kanban",
        "business",
        0,
    ),
    (
        "blog",
        {"ru": "Блог и новости", "en": "Blog and news"},
        {
            "ru": "Статьи, категории, теги и модерация комментариев.",
            "en": "Articles, categories, tags and comment moderation.",
        },
        "content",
        "newspaper",
        None,
        0,
    ),
    (
        "community",
        {"ru": "Сообщество", "en": "Community"},
        {
            "ru": "Посты, комментарии, реакции и сообщения для ваших клиентов.",
            "en": "Posts, comments, reactions and messages for your customers.",
        },
        "community",
        "users",
        "pro",
        0,
    ),
    (
        "analytics",
        {"ru": "Аналитика", "en": "Analytics"},
        {
            "ru": "Метрики, KPI и интерактивные дашборды с экспортом данных.",
            "en": "Metrics, KPIs and interactive dashboards with data export.",
        },
        "analytics",
        "chart-line",
        None,
        49_000,
    ),
]

LANDING: dict[str, dict[str, dict[str, Any]]] = {  # locale -> block key -> content
    "ru": {
        "hero": {
            "badge": "Платформа для малого бизнеса",
            "title": "Ваш бизнес онлайн за один вечер",
            "subtitle": "Интернет-магазин, страницы сайта, команда и оплата — в одном кабинете. "
            "Вход по номеру телефона, код приходит в Telegram.",
            "cta_primary": "Попробовать бесплатно",
            "cta_secondary": "Смотреть модули",
        },
        # The words under the figures agree with the numbers: catalog keys landing.stat.*.
        "stats": {"title": "Точка Роста сегодня"},
        "features": {
            "title": "Всё, что нужно, чтобы начать продавать",
            "items": [
                {
                    "icon": "smartphone",
                    "title": "Вход по телефону",
                    "text": "Код подтверждения приходит в Telegram — без паролей и SMS-счетов.",
                },
                {
                    "icon": "layout-grid",
                    "title": "Модули по запросу",
                    "text": "Включайте магазин, страницы или задачи, когда они нужны.",
                },
                {
                    "icon": "users",
                    "title": "Команда и роли",
                    "text": "Владелец, администраторы и сотрудники — у каждого свои права.",
                },
                {
                    "icon": "credit-card",
                    "title": "Честная оплата",
                    "text": "14 дней бесплатно, затем помесячно. Смена тарифа в один клик.",
                },
                {
                    "icon": "globe",
                    "title": "Свой домен",
                    "text": "Витрина на адресе компании или на поддомене платформы.",
                },
                {
                    "icon": "shield-check",
                    "title": "Данные под защитой",
                    "text": "Журнал действий, сессии и разграничение доступа между компаниями.",
                },
            ],
        },
        "modules": {
            "title": "Модули маркетплейса",
            "subtitle": "Начните с магазина и добавляйте новое по мере роста.",
            "link": "Все модули",
        },
        "pricing": {
            "title": "Тарифы",
            "subtitle": "Первые 14 дней — бесплатно на любом тарифе.",
            "featured": "business",
        },
        "faq": {
            "title": "Частые вопросы",
            "items": [
                {
                    "q": "Нужна ли банковская карта для пробного периода?",
                    "a": "Нет. 14 дней работают без оплаты, карту можно привязать позже.",
                },
                {
                    "q": "Как приходит код для входа?",
                    "a": "В Telegram: откройте нашего бота, поделитесь номером — и коды будут приходить туда.",
                },
                {
                    "q": "Можно ли сменить тариф?",
                    "a": "Да, в любой момент. При повышении тарифа неиспользованные дни засчитываются.",
                },
                {
                    "q": "Что будет с данными, если отключить модуль?",
                    "a": "Данные сохраняются в течение льготного периода и вернутся при повторном включении.",
                },
            ],
        },
        "cta": {
            "title": "Готовы расти?",
            "text": "Зарегистрируйтесь за минуту и откройте свой магазин уже сегодня.",
            "button": "Создать кабинет",
        },
        "footer": {
            "tagline": "Точка Роста — платформа для малого бизнеса.",
            "contact": "support@tochka-rosta.ru",
        },
    },
    "en": {
        "hero": {
            "badge": "A platform for small business",
            "title": "Your business online in one evening",
            "subtitle": "Online shop, site pages, team and payments in one workspace. "
            "Log in with your phone; the code arrives in Telegram.",
            "cta_primary": "Try it free",
            "cta_secondary": "Browse modules",
        },
        "stats": {"title": "Tochka Rosta today"},
        "features": {
            "title": "Everything you need to start selling",
            "items": [
                {
                    "icon": "smartphone",
                    "title": "Phone login",
                    "text": "The one-time code arrives in Telegram: no passwords, no SMS bills.",
                },
                {
                    "icon": "layout-grid",
                    "title": "Modules on demand",
                    "text": "Switch on the shop, pages or tasks when you need them.",
                },
                {
                    "icon": "users",
                    "title": "Team and roles",
                    "text": "Owner, admins and staff, each with their own permissions.",
                },
                {
                    "icon": "credit-card",
                    "title": "Fair billing",
                    "text": "14 days free, then monthly. Change plans in one click.",
                },
                {
                    "icon": "globe",
                    "title": "Your own domain",
                    "text": "A storefront on your company's domain or a platform subdomain.",
                },
                {
                    "icon": "shield-check",
                    "title": "Data kept safe",
                    "text": "Audit log, sessions and strict separation between companies.",
                },
            ],
        },
        "modules": {
            "title": "Marketplace modules",
            "subtitle": "Start with a shop and add more as you grow.",
            "link": "All modules",
        },
        "pricing": {
            "title": "Pricing",
            "subtitle": "The first 14 days are free on every plan.",
            "featured": "business",
        },
        "faq": {
            "title": "Questions and answers",
            "items": [
                {
                    "q": "Do I need a bank card for the trial?",
                    "a": "No. The 14 days work without payment; you can add a card later.",
                },
                {
                    "q": "How does the login code arrive?",
                    "a": "In Telegram: open our bot, share your number and codes will arrive there.",
                },
                {
                    "q": "Can I change my plan?",
                    "a": "Yes, at any time. Unused days count towards an upgrade.",
                },
                {
                    "q": "What happens to data when I switch a module off?",
                    "a": "It is kept for a grace period and comes back when you switch the module on again.",
                },
            ],
        },
        "cta": {
            "title": "Ready to grow?",
            "text": "Sign up in a minute and open your shop today.",
            "button": "Create a workspace",
        },
        "footer": {
            "tagline": "Tochka Rosta: a platform for small business.",
            "contact": "support@tochka-rosta.ru",
        },
    },
}

DEMO_TENANT = {"slug": "demo", "name": "Кофейня «Зерно»"}
# (phone, name, role)
DEMO_MEMBERS = [
    ("+79000000010", "Анна Смирнова", "owner"),
    ("+79000000011", "Игорь Петров", "admin"),
    ("+79000000012", "Мария Козлова", "staff"),
]
