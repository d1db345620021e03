"""Slots: which card goes in which cell of which sheet, and which cells of a partly used sheet
are already gone. Slots count from 1 for people (left to right, top to bottom, as the front
prints) and from 0 in code."""

from __future__ import annotations

from ..errors import SettingsError


def used_slots(start_slot: int, skip_slots: tuple[int, ...], per_sheet: int,
               template: str) -> frozenset[int]:
    """0-based slots of the first sheet not to print on: those before `start_slot` and the
    `skip_slots`, all given 1-based."""
    for setting, slot in [("start_slot", start_slot)] + [("skip_slots", s) for s in skip_slots]:
        if isinstance(slot, bool) or not isinstance(slot, int) or not 1 <= slot <= per_sheet:
            raise SettingsError(f"slot {slot} does not exist: {template} has slots 1 to "
                                f"{per_sheet}", setting=setting,
                                fix=f"give slot numbers from 1 to {per_sheet}, counted left to "
                                "right, top to bottom, as the front is printed")
    used = frozenset(range(start_slot - 1)) | frozenset(s - 1 for s in skip_slots)
    if len(used) >= per_sheet:
        raise SettingsError(f"every slot of the first sheet is marked as used ({per_sheet})",
                            setting="skip_slots", fix="leave at least one slot free, or use a "
                            "fresh sheet (drop --start-slot / --skip-slots)")
    return used


def check_one_partly_used_sheet(partly_used: bool, files: int) -> None:
    """A partly used sheet is one physical sheet, so it can start only one file."""
    if partly_used and files > 1:
        raise SettingsError("--start-slot/--skip-slots describe one partly used sheet, but "
                            f"this run makes {files} PDFs", setting="skip_slots",
                            fix="print one language, or all of them into one PDF (`redcard "
                            "order --combined`)")


def fill_slots(counts: list[tuple[str, int]], per_sheet: int,
               used_on_first: frozenset[int] = frozenset()) -> list[tuple[str | None, ...]]:
    """Cards into slots in order, for the fewest sheets: each sheet lists the key in each slot.

    `used_on_first` holds 0-based slots of the first sheet that are already gone (partly used
    stock); they stay None. A sheet is only started for a card that needs it, so an order that
    exactly fills its sheets never gets a blank one.
    """
    if per_sheet < 1:
        raise ValueError(f"per_sheet must be >= 1, got {per_sheet}")
    if any(slot < 0 or slot >= per_sheet for slot in used_on_first):
        raise ValueError(f"used slots {sorted(used_on_first)} outside 0..{per_sheet - 1}")
    if len(used_on_first) >= per_sheet:
        raise ValueError("every slot of the first sheet is marked used")
    sheets: list[list[str | None]] = []
    free: list[int] = []  # free slots left on the current sheet
    for key, count in counts:
        if count < 1:
            raise ValueError(f"count for {key!r} must be >= 1, got {count}")
        for _ in range(count):
            if not free:
                sheets.append([None] * per_sheet)
                skip = used_on_first if len(sheets) == 1 else frozenset()
                free = [slot for slot in range(per_sheet) if slot not in skip]
            sheets[-1][free.pop(0)] = key
    return [tuple(sheet) for sheet in sheets]
