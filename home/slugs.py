"""Page addresses in ASCII in every language: Vietnamese without diacritics, Lao and Khmer transliterated.

A Vietnamese slug with diacritics (`hội-chợ`) becomes a percent-encoded address that readers cannot
type or read. Wagtail's own slugify drops the letters it cannot decompose (`đ`, all of Lao and
Khmer), so both the server and the admin's slug field use anyascii's transliteration instead.
"""

import functools
import re

from anyascii import anyascii
from django.utils.text import slugify

# Room for Wagtail's "-2" suffix within the slug column's 255 characters.
MAX_BASE_LENGTH = 240

# What the admin's slug field transliterates as it is typed: the letters of Vietnamese, precomposed
# or with combining marks (every language's titles name Vietnamese places), and Lao or Khmer in
# the slug of that language. Wagtail's own map covers other Latin letters.
VIETNAMESE = (
    (0x00C0, 0x00FF),
    (0x0102, 0x0103),
    (0x0110, 0x0111),
    (0x0128, 0x0129),
    (0x0168, 0x0169),
    (0x01A0, 0x01A1),
    (0x01AF, 0x01B0),
    (0x0300, 0x036F),
    (0x1EA0, 0x1EF9),
)
SCRIPTS = {"lo": ((0x0E80, 0x0EFF),), "km": ((0x1780, 0x17FF), (0x19E0, 0x19FF))}


def ascii_slug(text):
    """`Hội chợ Đà Lạt` → `hoi-cho-da-lat`; `ກ່ຽວກັບແຂວງ` → `kyvkabekhvng`."""
    return slugify(anyascii(text or ""))[:MAX_BASE_LENGTH].strip("-")


def character_class(characters):
    """A regex character class of `characters`, consecutive code points written as ranges."""
    points = sorted(ord(character) for character in characters)
    runs, start = [], points[0]
    for previous, current in zip(points, points[1:] + [None], strict=True):
        if current != previous + 1:
            runs.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
            start = current
    return f"[{''.join(runs)}]"


@functools.cache
def slug_formatters(language):
    """anyascii's transliteration as (pattern, replacement) pairs for the SlugInput of `language`'s slug.

    The slug field runs them before its own slugify, so it proposes the slug the server would make.
    Only letters, digits, spaces and hyphens of each replacement count: the slugify after them drops the rest.
    """
    by_replacement = {}
    for first, last in VIETNAMESE + SCRIPTS.get(language, ()):
        for point in range(first, last + 1):
            replacement = re.sub(r"[^A-Za-z0-9 -]", "", anyascii(chr(point)))
            by_replacement.setdefault(replacement, []).append(chr(point))
    return [(character_class(characters), replacement) for replacement, characters in by_replacement.items()]
