"""The state a public page is rendered with on the server: its own on_load handlers on a throwaway
state tree, the visitor's language from its cookie, the cookie a `?lang=` link sets."""

from tests.support.async_run import run_async
from tochka_app.server_render.page_state import cookies_to_set, page_state, router_data
from tochka_app.services import content
from tochka_app.tochka_app import app

I18N = "reflex___state____state.tochka_app___state___i18n___i18n_state"
LANDING = (
    I18N
    + ".tochka_app___state___public____public_state.tochka_app___pages___landing___state____landing_state"
)
PUBLIC = I18N + ".tochka_app___state___public____public_state"
SITE = I18N + ".tochka_app___state___public____public_state.tochka_app___state___site____site_state"


def registered():
    if not app._load_events:  # the pages' on_load handlers: the backend registers them at start
        app._apply_decorated_pages()
    return app


def state_of(path: str, query: str = "", cookies: dict | None = None) -> dict:
    return run_async(
        page_state(registered(), path, query, "http://x.test", "x.test", cookies or {})
    )


def test_router_data_matches_what_the_browser_sends():
    data = router_data(registered(), "/s/demo/p/about", "lang=en", "http://x.test", "x.test")
    assert data["pathname"] == "/s/[tenant]/p/[page]"
    assert data["query"] == {"lang": "en", "tenant": "demo", "page": "about"}
    assert data["asPath"] == "/s/demo/p/about?lang=en"


def test_the_landing_state_holds_the_published_content(db, seeded):
    landing = state_of("/")[LANDING]
    hero = content.get_blocks(db, "ru", keys=("hero",))["hero"]
    assert landing["hero_rx_state_"]["title"] == hero["title"]
    assert landing["loaded_rx_state_"] is True
    assert [t.name for t in landing["tariffs_rx_state_"]]


def test_language_from_the_link_and_from_the_cookie(db, seeded):
    english = state_of("/", "lang=en")
    assert english[I18N]["lang_rx_state_"] == "en"
    [cookie] = cookies_to_set(english, {})
    assert (cookie.name, cookie.value, cookie.options.max_age) == ("locale", "en", 31536000)
    assert cookies_to_set(english, {"locale": "en"}) == []  # already the browser's
    remembered = state_of("/", cookies={"locale": "en"})
    assert remembered[I18N]["lang_rx_state_"] == "en"
    assert I18N not in state_of("/")  # no link, no cookie: the defaults, nothing to send


def test_a_tenant_site_state_names_the_tenant(seeded):
    state = state_of("/s/demo")
    assert state[SITE]["site_found_rx_state_"] is True
    assert state[PUBLIC]["tab_title_rx_state_"] == "Кофейня «Зерно»"  # PublicState's own var
    assert state_of("/s/no-such-tenant")[SITE]["site_found_rx_state_"] is False
