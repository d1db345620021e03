"""What the site tests share: the languages built, and how page text is compared."""

from __future__ import annotations

import unicodedata

# One language per script (Arabic twice: Naskh and Nastaliq), English, and Mam (spoken,
# with a recording).
SITE_LANGUAGES = ("en", "es", "ru", "ar", "ur", "he", "hi", "bn", "pa", "th", "km", "hy",
                  "am", "zh-Hans", "ja", "ko", "mam")
SITE_URL = "https://example.org/cards"


def normalised(text: str) -> str:
    """Text as a reader compares it: NFC, runs of white space as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())
