"""Password hashing with passlib's bcrypt (bcrypt pinned to 4.0.1: passlib 1.7.4 breaks on 5)."""

from passlib.context import CryptContext

_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        return False
    return _context.verify(password, password_hash)
