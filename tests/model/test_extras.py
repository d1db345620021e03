"""Extras: what the command line gives laid over a project's defaults, and what is checked."""

from __future__ import annotations

import datetime

import pytest

from redcard import Extras
from redcard.model.extras import ExtrasError, resolve_extras

TODAY = datetime.date(2026, 11, 22)
CONFIG = Extras(hotline_number="555-010-0199", hotline_label="Our line", org="Example Aid")


def test_a_typed_hotline_replaces_a_configured_number():
    merged = Extras(hotline="la-county").over(CONFIG, frozenset({"hotline"}))
    assert (merged.hotline, merged.hotline_number, merged.hotline_label) == ("la-county", "", "")
    assert merged.org == "Example Aid"  # the rest of the configuration stays


def test_a_typed_number_replaces_a_configured_hotline():
    merged = Extras(hotline_number="555-010-0100", hotline_label="Theirs").over(
        Extras(hotline="la-county"), frozenset({"hotline_number", "hotline_label"}))
    assert (merged.hotline, merged.hotline_number) == ("", "555-010-0100")


def test_an_empty_typed_value_turns_a_configured_one_off():
    merged = Extras(org="").over(CONFIG, frozenset({"org"}))
    assert merged.org == "" and merged.hotline_number == "555-010-0199"


def test_without_given_fields_the_non_empty_ones_win():
    assert Extras(org="Other").over(CONFIG).org == "Other"
    assert Extras().over(CONFIG) == CONFIG


@pytest.mark.parametrize("extras, setting", [
    (Extras(hotline="la-county", hotline_number="555-010-0199", hotline_label="x"), "hotline"),
    (Extras(hotline_label="Our line"), "hotline_label"),
    (Extras(hotline_number="call us", hotline_label="Our line"), "hotline_number"),
    (Extras(hotline_number="555-010-0199", hotline_label="x" * 41), "hotline_label"),
    (Extras(org="x" * 81), "org"),
    (Extras(qr="example.org"), "qr"),
])
def test_each_mistake_names_its_setting(library, extras, setting):
    with pytest.raises(ExtrasError) as caught:
        resolve_extras(extras, library.hotlines, TODAY)
    assert caught.value.setting == setting and caught.value.fix
