from tochka_app.pages.landing.state import LandingState
from tochka_app.pages.marketplace.state import MarketplaceState
from tochka_app.services import content


def test_landing_load_fills_every_section_from_the_database(db, seeded, make_state):
    content.set_block(
        db,
        "hero",
        "ru",
        {
            "title": "Заголовок из базы",
            "subtitle": "",
            "cta_primary": "Go",
            "cta_secondary": "",
            "badge": "",
        },
    )
    state = make_state(LandingState)
    state.load()
    assert state.loaded
    assert state.hero["title"] == "Заголовок из базы"
    assert state.figures == {"tenants": "1", "users": "4", "modules": "7", "subscriptions": "1"}
    assert [t.code for t in state.tariffs] == ["start", "business", "pro"]
    assert len(state.showcase) == 6 and state.showcase[0].code == "shop"
    assert len(state.features) == 6 and len(state.faq) == 4
    state.load_footer()
    assert state.footer["contact"] == "support@tochka-rosta.ru"


def test_language_switch_reloads_in_english(db, seeded, make_state):
    state = make_state(LandingState)
    state.set_locale("en")
    state.load()
    assert state.lang == "en"
    assert state.hero["title"] == "Your business online in one evening"
    assert state.tariffs[0].limits[0] == "2 modules"
    assert state.t["nav.login"] == "Log in"


def test_unknown_locale_from_the_browser_is_ignored(db, seeded, make_state):
    state = make_state(LandingState)
    state.set_locale("<script>")
    state.set_locale(["en"])
    assert state.lang == "ru"


def test_marketplace_search_and_category(db, seeded, make_state):
    state = make_state(MarketplaceState)
    state.load()
    assert len(state.modules) == 7
    state.set_query("магазин")
    assert [m.code for m in state.modules] == ["shop"]
    state.set_query("")
    state.set_category("content")
    assert {m.code for m in state.modules} == {"pages", "knowledge", "blog"}
    state.set_category("bogus")
    assert state.category == "all" and len(state.modules) == 7
    state.set_query("x" * 5000)
    assert len(state.query) == 100 and state.modules == []
    state.reset_filters()
    assert (state.query, state.category, len(state.modules)) == ("", "all", 7)
    assert state.categories[0] == ["all", "Все категории"]
