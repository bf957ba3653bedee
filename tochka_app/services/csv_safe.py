"""The one CSV writer of every download: UTF-8 with a BOM and `;` separators (Russian Excel opens
it as is), and no cell that a spreadsheet would run as a formula.

A cell starting with = + - @, a tab or a carriage return is written with a leading apostrophe
(OWASP "CSV injection"), so `=HYPERLINK(...)` or `+cmd|...` typed by a tenant or a visitor stays
text in the admin's Excel. `restore` undoes it when our own files are read back. A value that
itself starts with apostrophes before such a character (`'=1` as typed) gets one more, so that
reading back gives exactly what was written, whatever the value.
"""

import csv
import io
from collections.abc import Iterable, Iterator

BOM = b"\xef\xbb\xbf"
DELIMITER = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK_BYTES = 64_000


def _marked(text: str) -> bool:
    """Starts with a formula character, after any apostrophes."""
    return text.lstrip("'").startswith(FORMULA_START)


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if _marked(text) else text


def restore(text: str) -> str:
    """A cell as we wrote it → the value it was ("'=1" → "=1", "''=1" → "'=1"); other text
    unchanged."""
    return text[1:] if text.startswith("'") and _marked(text) else text


def _writer(buffer: io.StringIO):
    return csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")


def to_bytes(rows: Iterable[Iterable]) -> bytes:
    """A whole (small) file: BOM, then every row neutralised."""
    return b"".join(stream(rows))


def stream(rows: Iterable[Iterable], chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The file in chunks of about `chunk_bytes`, for a StreamingResponse; starts with the BOM."""
    yield BOM
    buffer = io.StringIO()
    writer = _writer(buffer)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        if buffer.tell() > chunk_bytes:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
