"""Python's cycle collector kept off the work of designing and drawing cards.

Designing and drawing make many objects and few reference cycles (fpdf's bidi makes a few
hundred objects' worth per document), so reference counting frees almost everything that
dies, and the collector's passes mostly walk what lives on: fonts, cards, the layouts and
line plans kept for the next document, again and again. `paused` keeps it off while cards
are designed or drawn (a run of 1,000 sheets took 40 % longer with it); the command line
keeps it off for its whole short life (`for_the_command_line`: a tenth of a build's time),
where the cycles left come to well under a megabyte.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def for_the_command_line() -> None:
    """The collector off for the rest of this process (and the workers it forks)."""
    gc.disable()
