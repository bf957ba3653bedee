from tochka_app.services import content


def test_blocks_in_requested_locale(db, seeded):
    ru = content.get_blocks(db, "ru")
    en = content.get_blocks(db, "en")
    assert set(ru) == set(content.LANDING_KEYS)
    assert ru["hero"]["title"] == "Ваш бизнес онлайн за один вечер"
    assert en["hero"]["title"] == "Your business online in one evening"
    assert len(en["faq"]["items"]) == 4


def test_missing_locale_falls_back_to_russian(db, seeded):
    content.set_block(db, "promo", "ru", {"title": "Скидка"})
    blocks = content.get_blocks(db, "en", keys=("promo",))
    assert blocks["promo"] == {"title": "Скидка"}


def test_unknown_locale_is_treated_as_default(db, seeded):
    assert content.get_blocks(db, "xx")["hero"]["title"].startswith("Ваш бизнес")


def test_set_block_updates_in_place(db, seeded):
    first = content.set_block(db, "hero", "en", {"title": "One"})
    second = content.set_block(db, "hero", "en", {"title": "Two ✓ 日本"})
    assert first.id == second.id
    assert content.get_blocks(db, "en", keys=("hero",))["hero"]["title"] == "Two ✓ 日本"


def test_empty_database_gives_empty_blocks(db):
    assert content.get_blocks(db, "ru") == {key: {} for key in content.LANDING_KEYS}
