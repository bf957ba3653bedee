"""Sealed secrets: a round trip, another key cannot open them, the mask hides all but the end."""

import pytest

from tochka_app.services import vault


def test_a_seal_opens_only_with_the_same_key(settings):
    sealed = vault.seal(settings, "live_SecretKey-1234567890")
    assert "SecretKey" not in sealed
    assert vault.unseal(settings, sealed) == "live_SecretKey-1234567890"
    other = settings.model_copy(update={"secret_key": "another key entirely"})
    other.__dict__.pop("signing_key", None)  # a cached_property of the copied settings
    with pytest.raises(vault.VaultError):
        vault.unseal(other, sealed)


def test_the_mask_shows_the_kind_and_the_last_characters():
    assert vault.mask("live_AbCdEfGh12345678") == "live_••••••••5678"
    assert vault.mask("short") == "•••••"
