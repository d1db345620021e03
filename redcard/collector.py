"""Python's cycle collector kept off the work of designing and drawing cards.

Designing and drawing make many objects and few reference cycles (fpdf's bidi makes some),
so reference counting frees almost everything that dies, and the collector's passes mostly
walk what lives on: fonts, cards, the layouts and line plans kept for the next document,
again and again (a tenth of a build's time). So the collector is paused while cards are
designed or drawn; afterwards one collection of the youngest objects frees the cycles made
meanwhile, and what survived is frozen, out of the collector's sight for good.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_depth = 0  # pauses inside pauses: the outermost one collects and freezes


@contextlib.contextmanager
def paused() -> Iterator[None]:
    global _depth
    was_enabled = gc.isenabled()
    gc.disable()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            gc.collect(0)
            gc.freeze()
        if was_enabled:
            gc.enable()
