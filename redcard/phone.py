"""The one rule for what a phone number looks like, used to check hotline numbers and to keep
numbers in card text reading left to right in every script."""

from __future__ import annotations

import re

# Digits with the usual separators, optionally starting with + or an opening parenthesis.
PHONE_PATTERN = r"\+?\(?[0-9](?:[0-9 ().-]*[0-9])?"
MIN_DIGITS = 5  # fewer digits is a count or a year, not a number to call

_PHONE = re.compile(PHONE_PATTERN)


def is_phone_number(text: str) -> bool:
    return _PHONE.fullmatch(text) is not None and has_enough_digits(text)


def has_enough_digits(text: str) -> bool:
    return sum(c.isdigit() for c in text) >= MIN_DIGITS


PHONE_FIX = "write digits with hyphens, spaces or parentheses, e.g. 888-624-4752"
