class IntegrationError(Exception):
    """An outside service failed. `reason` is a short machine-readable cause for logs and audit."""

    def __init__(self, reason: str, detail: str = "", status: int | None = None):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.status = status
