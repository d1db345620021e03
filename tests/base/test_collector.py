"""The cycle collector is kept off designing and drawing (redcard.collector): the cycles made
meanwhile are still freed, and only what survives is frozen."""

from __future__ import annotations

import gc

from redcard import PrintSettings
from redcard.collector import paused


def test_cycles_made_while_designing_and_drawing_are_freed_not_frozen(library):
    library.deck(["ar", "ja"]).impose(PrintSettings(copies=16)).pdf_bytes()
    gc.unfreeze()  # what the pauses froze is in the collector's sight again
    gc.collect()
    for code in ("ar", "hi", "ko"):  # bidi with isolates makes cycles (fpdf's objects)
        library.deck([code]).impose(PrintSettings(copies=24)).pdf_bytes()
        gc.unfreeze()
        assert gc.collect() == 0, code


def test_a_pause_restores_the_collector_and_freezes_what_survived():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the outer pause decides
            kept = [[] for _ in range(100)]
        assert not gc.isenabled()
        assert gc.get_freeze_count() == before
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()
