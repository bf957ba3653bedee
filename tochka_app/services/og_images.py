"""Link-preview images (Open Graph, 1200×630 PNG) drawn with Pillow: the platform's brand card and
one card per tenant site with its name, logo and brand colour. Cached on disk by what they show,
so a renamed tenant or a new logo gets a new image and an unchanged one is drawn once.

Fonts: DejaVu Sans (free licence, in og_fonts/ with its LICENSE), which has Cyrillic letters.
"""

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "og_fonts"
BRAND_GREEN = "#30a46c"
INK = "#1f2a1f"
MAX_LOGO_BYTES = 5 * 1024 * 1024


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Words into lines no wider than `width`; the last line ends with "…" when cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
    if len(lines) == max_lines and " ".join(lines) != " ".join(text.split()):
        while lines[-1] and draw.textlength(lines[-1] + "…", font=font) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _card(title: str, subtitle: str, footer: str, color: str, logo: Image.Image | None) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 24), fill=color)
    left, top = 80, 110
    if logo is not None:
        logo.thumbnail((160, 160))
        image.paste(logo, (left, top), logo if logo.mode == "RGBA" else None)
        top += 190
    title_font = _font(76 if len(title) < 28 else 60)
    for line in _wrap(draw, title, title_font, WIDTH - 2 * left, 2):
        draw.text((left, top), line, font=title_font, fill=INK)
        top += int(title_font.size) + 14
    sub_font = _font(36, bold=False)
    for line in _wrap(draw, subtitle, sub_font, WIDTH - 2 * left, 2):
        draw.text((left, top + 10), line, font=sub_font, fill="#4b5a4b")
        top += int(sub_font.size) + 10
    draw.text((left, HEIGHT - 90), footer, font=_font(30), fill=color)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _cached(cache_dir: Path, key: str, draw) -> bytes:
    path = cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.png"
    if path.is_file():
        return path.read_bytes()
    data = draw()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # another worker drawing the same card at once writes the same bytes
    return data


def brand_image(cache_dir: Path, platform_name: str, tagline: str, host: str) -> bytes:
    return _cached(
        cache_dir,
        f"brand|{platform_name}|{tagline}|{host}",
        lambda: _card(platform_name, tagline, host, BRAND_GREEN, None),
    )


def site_image(cache_dir: Path, name: str, color: str, logo_file: Path | None, host: str) -> bytes:
    """A tenant site's card. The logo is one the settings page re-encoded (PNG); a missing or
    broken file draws the card without it."""
    stamp = ""
    if logo_file is not None and logo_file.is_file() and logo_file.stat().st_size <= MAX_LOGO_BYTES:
        stamp = f"{logo_file.name}:{logo_file.stat().st_mtime_ns}"

    def draw() -> bytes:
        logo = None
        if stamp and logo_file is not None:
            try:
                with Image.open(logo_file) as opened:
                    logo = opened.convert("RGBA")
            except (OSError, ValueError):
                logo = None
        return _card(name, "", host, color if _is_color(color) else BRAND_GREEN, logo)

    return _cached(cache_dir, f"site|{name}|{color}|{stamp}|{host}", draw)


def _is_color(value: str) -> bool:
    return (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )
