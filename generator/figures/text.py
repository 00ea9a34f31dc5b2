"""Measuring and wrapping a picture's text, with the font the PNG writer draws it in.

Pillow's own font (no system font needed) measures every line; the SVG shows the same
lines in the site's sans-serif font, which runs about as wide. Text from the standards is
shown as plain text, wrapped to its box and shortened with an ellipsis when it has more
lines than the box holds (the whole text then stays in the picture's description).
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

from generator.shared.markup import inline_html, plain_text

ELLIPSIS = "…"
WIDTH_MARGIN = 0.92  # of a box's width: room for a browser font a little wider than ours


@lru_cache(maxsize=32)
def font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in scalable font at `size` pixels."""
    return ImageFont.load_default(size=size)


def text_width(text: str, size: float) -> float:
    return float(font(size).getlength(text))


def plain(text: str | None) -> str:
    """A standard's one-line text (Markdown) as plain text on one line."""
    return " ".join(plain_text(inline_html(text or "")).split())


def wrap(text: str, width: float, size: float, max_lines: int = 0) -> tuple[str, ...]:
    """`text` in lines at most `width` pixels wide at `size`; with `max_lines`, the last line
    kept ends with an ellipsis when there was more. A word too long for a line is split."""
    room = width * WIDTH_MARGIN
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= room:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while text_width(word, size) > room:
            cut = _fitting(word, room, size)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + ELLIPSIS, size) > room:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last.rstrip() + ELLIPSIS]
    return tuple(lines) or ("",)


def fitting_size(texts: list[str], width: float, size: float, smallest: float) -> float:
    """The largest size from `size` down to `smallest` at which no word of `texts` has to be
    split to fit `width` (`smallest` when even that is too big)."""
    words = [word for text in texts for word in text.split()]
    while size > smallest and any(text_width(w, size) > width * WIDTH_MARGIN for w in words):
        size = round(size - 0.5, 1)
    return max(size, smallest)


def _fitting(word: str, room: float, size: float) -> int:
    """How many characters of `word` fit in `room` (at least one)."""
    for end in range(len(word), 0, -1):
        if text_width(word[:end], size) <= room:
            return end
    return 1
