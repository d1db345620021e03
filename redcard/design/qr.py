"""QR codes as module matrices (segno), reduced to runs of dark modules for vector drawing."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..errors import FitError

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004: four light modules on every side
MIN_MODULE_MM = 0.33  # below this, worn cards and phone cameras in poor light misread codes
ERROR_LEVEL = "m"  # 15 % recovery; segno raises it further when the version has room


@dataclass(frozen=True)
class QrSymbol:
    data: str
    version: int
    error: str
    modules: int  # per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]  # (row, first column, length) of dark modules

    @property
    def modules_with_quiet_zone(self) -> int:
        return self.modules + 2 * QUIET_ZONE_MODULES

    def module_mm(self, side_mm: float) -> float:
        """Module size when the symbol and its quiet zone fill a square of `side_mm`."""
        return side_mm / self.modules_with_quiet_zone


@functools.lru_cache(maxsize=64)
def make_symbol(data: str) -> QrSymbol:
    import segno  # here, not at the top: most builds have no QR code (15 ms of start-up)

    try:
        code = segno.make_qr(data, error=ERROR_LEVEL, boost_error=True)
    except segno.DataOverflowError:
        raise FitError(f"the {len(data)}-character address is more than a QR code holds at "
                       f"error correction level {ERROR_LEVEL.upper()}", setting="qr",
                       fix="use a shorter address, e.g. a short path on your own domain") \
            from None
    matrix = code.matrix
    runs = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                runs.append((row_index, start, column - start))
            else:
                column += 1
    return QrSymbol(data=data, version=int(code.version), error=str(code.error),
                    modules=len(matrix), runs=tuple(runs))


def fitted_symbol(data: str, side_mm: float) -> tuple[QrSymbol, float]:
    """The symbol and its module size for a square area; FitError when modules would be
    smaller than MIN_MODULE_MM (the data needs too many modules for the area)."""
    symbol = make_symbol(data)
    module = symbol.module_mm(side_mm)
    if module < MIN_MODULE_MM - 1e-9:
        most = int(side_mm / MIN_MODULE_MM) - 2 * QUIET_ZONE_MODULES
        raise FitError(f"the QR code for this {len(data)}-character address needs "
                       f"{symbol.modules} × {symbol.modules} modules (version "
                       f"{symbol.version}); in its {side_mm:g} mm area each module would be "
                       f"{module:.2f} mm, under the {MIN_MODULE_MM} mm that scans reliably "
                       f"(at most {most} modules fit)", setting="qr",
                       fix="use a shorter address, e.g. a short path on your own domain")
    return symbol, module
