"""Every limit on what redcard will take, in one place (the README's "Limits" lists them).

Each is checked before the work it bounds starts, so a typing slip (`--copies 1000000000`) or a
hostile file is refused at once with the limit and how to split the job, never run until
killed. The numbers are measured, not guessed: one card costs about 5 kB of PDF, 5 ms and,
while its file is being made, 90 kB of memory.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import SettingsError

# Cards in one PDF: about 50 seconds and 1 GB of memory while it is made. A print shop
# prints its run from a one-card-per-page file (`--template print-shop`), so this is plenty.
MAX_CARDS_PER_FILE = 10_000
# Cards in one command (a build of every language, an order): about 10 minutes.
MAX_CARDS_PER_RUN = 100_000

# Input files: many times the largest real one.
MAX_CARD_FILES = 1_000  # languages in a --cards folder (redcard ships 26)
MAX_YAML_BYTES = 1_000_000  # card, order, config, profile files (the largest card is 8 kB)
MAX_CSV_BYTES = 1_000_000  # an order CSV (26 languages take under 1 kB)
MAX_LOGO_BYTES = 20_000_000
MAX_LOGO_PIXELS = 40_000_000  # 8000 × 5000; a logo prints 17 mm wide: 600 pixels is sharp
MAX_YAML_DEPTH = 32  # lists and mappings inside each other; redcard's files go 3 deep
MAX_YAML_VALUES = 100_000  # counting what each *alias repeats: no "billion laughs"


def check_card_counts(per_file: Sequence[int], *, setting: str | None = "copies",
                      file: str | None = None) -> None:
    """SettingsError when one file, or all of them together, would hold too many cards."""
    largest = max(per_file, default=0)
    if largest > MAX_CARDS_PER_FILE:
        raise SettingsError(f"{largest:,} cards in one PDF is more than the "
                            f"{MAX_CARDS_PER_FILE:,} redcard makes at once", file=file,
                            setting=setting, fix=f"print at most {MAX_CARDS_PER_FILE:,} "
                            "cards per language and run again for the rest")
    total = sum(per_file)
    if total > MAX_CARDS_PER_RUN:
        raise SettingsError(f"{total:,} cards in one run is more than the "
                            f"{MAX_CARDS_PER_RUN:,} redcard prints at once", file=file,
                            setting=setting, fix="split the job: fewer languages or fewer "
                            "cards per run")
