"""A cap on the body of every HTTP request, before anything buffers it (issue 11).

Reflex's `/_upload` endpoint parses the whole multipart body (`request.form()`, spooled to disk)
before our handler can look at the file, so the importer's 5 MiB check alone comes too late. This
middleware answers 413 as soon as a declared Content-Length is over the cap, without reading the
body, and counts the bytes of a body sent without one (chunked): the moment the count passes the
cap the app's read fails and the client gets 413 instead of whatever the app would have answered.
The cap is `UPLOAD_MAX_BYTES` (the largest allowed upload plus its multipart envelope).
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tochka_app.settings import get_settings


class BodyTooLargeError(Exception):
    """The body went past the cap while the app was reading it."""


class UploadLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = get_settings().upload_max_bytes if max_bytes is None else max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _answer(send, 400, b"bad content-length")
                return
            if int(declared) > self.max_bytes:
                await _answer(send, 413, b"request body too large")
                return
        received, too_big, started = 0, False, False

        async def counted_receive() -> Message:
            nonlocal received, too_big
            if too_big:
                raise BodyTooLargeError
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_big = True
                    raise BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_big and not started:
                return  # the 413 below replaces the app's error answer
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLargeError:
            pass
        except Exception:
            if not too_big:
                raise
        if too_big and not started:
            await _answer(send, 413, b"request body too large")


async def _answer(send: Send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(text)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": text})
