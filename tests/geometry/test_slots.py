"""Slots: cards fill the fewest sheets; a partly used sheet keeps its used slots empty."""

from __future__ import annotations

import math

import pytest

from redcard import PrintSettings, SettingsError
from redcard.geometry.slots import fill_slots


def test_slot_numbers_outside_the_sheet_are_refused(library):
    with pytest.raises(SettingsError,
                       match="slot 11 does not exist: avery-5371 has slots 1 to 10"):
        library.job(PrintSettings(template="avery-5371", skip_slots=(11,)))
    with pytest.raises(SettingsError, match="every slot of the first sheet"):
        library.job(PrintSettings(template="avery-5371", start_slot=10, skip_slots=(10,)))


@pytest.mark.parametrize("counts, per_sheet, used, sheets", [
    ([("es", 20)], 10, set(), 2),  # exactly full: no blank third sheet
    ([("es", 15), ("ko", 5)], 10, set(), 2),  # exactly full across languages
    ([("es", 8)], 10, {0, 1}, 1),  # exactly fills the partly used sheet
    ([("es", 9)], 10, {0, 1}, 2),
    ([("es", 305), ("ko", 85)], 8, set(), 49),
])
def test_fill_slots_uses_the_fewest_sheets(counts, per_sheet, used, sheets):
    filled = fill_slots(counts, per_sheet, frozenset(used))
    assert len(filled) == sheets == math.ceil((sum(c for _, c in counts) + len(used))
                                              / per_sheet)
    for key, count in counts:
        assert sum(sheet.count(key) for sheet in filled) == count
    assert all(filled[0][slot] is None for slot in used)
    assert any(key is not None for key in filled[-1])


