"""Local stand-ins for the Telegram Gateway API and SMS.ru on 127.0.0.1, with their real answers."""

from tests.support.fake_http import FakeHttpServer, Request


class FakeTelegramGateway(FakeHttpServer):
    """POST /sendVerificationMessage and /checkVerificationStatus with a Bearer token."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token
        self.sent: list[dict] = []
        self.fail_with: str | None = None  # e.g. "PHONE_NUMBER_INVALID"

    def handle(self, request: Request):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return 401, {"ok": False, "error": "ACCESS_TOKEN_INVALID"}, {}
        params = request.json()
        if self.fail_with:
            return 200, {"ok": False, "error": self.fail_with}, {}
        if request.path == "/sendVerificationMessage":
            self.sent.append(params)
            return (
                200,
                {
                    "ok": True,
                    "result": {
                        "request_id": f"req-{len(self.sent)}",
                        "phone_number": params["phone_number"],
                        "request_cost": 0.01,
                    },
                },
                {},
            )
        if request.path == "/checkVerificationStatus":
            return (
                200,
                {
                    "ok": True,
                    "result": {
                        "request_id": params["request_id"],
                        "verification_status": {"status": "code_valid"},
                    },
                },
                {},
            )
        return 404, {"ok": False, "error": "METHOD_NOT_FOUND"}, {}


class FakeSmsRu(FakeHttpServer):
    """POST /sms/send?json=1 with api_id; per-number statuses like the real API."""

    def __init__(self, api_id: str):
        super().__init__()
        self.api_id = api_id
        self.sent: list[dict] = []
        self.refused_numbers: set[str] = set()

    def handle(self, request: Request):
        form = request.form()
        if request.path != "/sms/send":
            return 404, b"Not found", {}
        if form.get("api_id") != self.api_id:
            return (
                200,
                {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"},
                {},
            )
        to = form.get("to", "")
        if to in self.refused_numbers:
            item = {
                "status": "ERROR",
                "status_code": 207,
                "status_text": "На этот номер нельзя отправлять сообщения",
            }
        else:
            self.sent.append(form)
            item = {"status": "OK", "status_code": 100, "sms_id": f"000-{len(self.sent)}"}
        return 200, {"status": "OK", "status_code": 100, "balance": 100.5, "sms": {to: item}}, {}
