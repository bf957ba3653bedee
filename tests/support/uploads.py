"""A file as Reflex hands it to an upload handler (`rx.UploadFile`-like: a name and `read()`)."""


class FakeUpload:
    def __init__(self, data: bytes, filename: str):
        self.data, self.filename = data, filename

    async def read(self, size: int = -1) -> bytes:
        return self.data[:size]
