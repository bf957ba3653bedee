"""Development-only "delivery": messages are logged and kept in memory for the /dev/inbox page."""

import logging
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from tochka_app.models._types import utcnow

log = logging.getLogger("tochka_app.dev_inbox")


@dataclass(frozen=True)
class InboxMessage:
    phone: str
    text: str
    sent_at: datetime


_messages: deque[InboxMessage] = deque(maxlen=50)


def deliver(phone: str, text: str) -> None:
    _messages.appendleft(InboxMessage(phone=phone, text=text, sent_at=utcnow()))
    log.warning("dev inbox -> %s: %s", phone, text)


def messages() -> list[InboxMessage]:
    return list(_messages)
