"""Secrets a tenant hands us (its own YooKassa shop's key), sealed at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) with a key derived from SECRET_KEY through
HKDF, so the database alone never reveals them; rotating SECRET_KEY makes old seals unreadable
(the tenant enters the key again). A sealed value never goes back to the browser: pages show
`mask()`."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tochka_app.settings import Settings

_INFO = b"tochka-rosta vault v1"


class VaultError(Exception):
    """A seal made with another key, or damaged."""


def _fernet(settings: Settings) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        settings.signing_key
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(settings: Settings, plain: str) -> str:
    return _fernet(settings).encrypt(plain.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        raise VaultError("the secret was sealed with another key or is damaged") from exc


def mask(plain: str, visible: int = 4) -> str:
    """`live_••••••••1a2b`: enough to recognise a key, not to use it."""
    if len(plain) <= visible * 2:
        return "•" * len(plain)
    prefix = plain.split("_", 1)[0] + "_" if "_" in plain[:8] else ""
    return f"{prefix}{'•' * 8}{plain[-visible:]}"
