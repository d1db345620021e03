"""Five PDF text readers, and what their output should be, for the text-layer tests.

A card is only useful as a PDF if the text people copy, search and have read aloud is the text
that was translated. Each engine rebuilds text its own way (poppler and pdfium honour
/ActualText, pdfminer and pypdf read the ToUnicode maps glyph by glyph, mupdf orders by
position), so the tests read every page with all five and compare with the card files.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

READERS = ("poppler", "mupdf", "pdfium", "pdfminer", "pypdf")

# Scripts written without spaces between words: a line break inside a Thai or Japanese word is
# not a space, so their texts are compared with no whitespace at all.
UNSPACED = frozenset({"th", "km", "ja", "zh-Hans", "zh-Hant"})

# Invisible direction controls that writers and readers add around right-to-left runs (LRM, RLM,
# the embeddings and overrides, the isolates, ALM) and the byte-order mark: not part of the text.
CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")

# Debian packages holding the command-line readers: a missing tool is an error to fix, not a
# reason to test fewer readers.
_TOOLS = {"pdftotext": "poppler-utils", "mutool": "mupdf-tools"}


def _tool(name: str) -> str:
    """The path of a command-line reader, or an error that says what to install."""
    path = shutil.which(name)
    if path is None:
        package = _TOOLS[name]
        raise RuntimeError(f"{name} is not installed; the text-layer tests read PDFs with it: "
                           f"install the Debian package {package} (apt-get install {package})")
    return path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True)


def extract(reader: str, path: Path, page: int) -> str:
    """The text of one page (0-based) as the engine gives it, with its default settings: what a
    user's viewer, converter or search indexer would get."""
    path = Path(path)
    if reader == "poppler":
        number = str(page + 1)
        return _run(_tool("pdftotext"), "-f", number, "-l", number, str(path),
                    "-").stdout.decode("utf-8")
    if reader == "mupdf":
        return _run(_tool("mutool"), "draw", "-q", "-F", "txt", "-o", "-", str(path),
                    str(page + 1)).stdout.decode("utf-8")
    if reader == "pdfium":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(path)
        try:
            return document[page].get_textpage().get_text_range()
        finally:
            document.close()
    if reader == "pdfminer":
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams

        return extract_text(path, page_numbers=[page], laparams=LAParams())
    if reader == "pypdf":
        from pypdf import PdfReader

        return PdfReader(path).pages[page].extract_text()
    raise ValueError(f"unknown reader {reader!r}; use one of {', '.join(READERS)}")


@functools.lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """Each engine's version, to name in failure messages (extraction changes between them)."""
    import pdfminer
    import pypdf
    import pypdfium2.version

    def tool_version(name: str, flag: str) -> str:
        result = subprocess.run([_tool(name), flag], capture_output=True, text=True)
        found = re.search(r"version (\S+)", result.stdout + result.stderr)
        return found.group(1) if found else "unknown"

    return {"poppler": tool_version("pdftotext", "-v"),
            "mupdf": tool_version("mutool", "-v"),
            "pdfium": str(pypdfium2.version.PDFIUM_INFO),
            "pdfminer": pdfminer.__version__,
            "pypdf": pypdf.__version__}


def normalise(text: str, unspaced: bool) -> str:
    """Text as a reader means it: NFC, no direction controls, whitespace runs as one space (a
    line break is a space), or no whitespace at all in scripts written without spaces."""
    text = CONTROLS.sub("", unicodedata.normalize("NFC", text))
    return "".join(text.split()) if unspaced else " ".join(text.split())


def expected_front(card) -> str:
    """The front's title and points, in reading order."""
    return " ".join((card.front.title, *card.front.points))


def expected_back(card) -> str:
    """The back's title and points (English on every card), then the holder's request for an
    interpreter, in reading order."""
    return " ".join((card.back.title, *card.back.points,
                     *([card.interpreter_request] if card.interpreter_request else [])))


def find_sequence(haystack: str, needles: list[str] | tuple[str, ...]) -> int | None:
    """The index of the first needle that is not found in order after the ones before it, or
    None when all are: for checking that parts of a page come out in reading order."""
    start = 0
    for index, needle in enumerate(needles):
        found = haystack.find(needle, start)
        if found < 0:
            return index
        start = found + len(needle)
    return None


# Surrounding punctuation a word of a point may carry: quotes, brackets, sentence marks in every
# script on the cards (Latin, Arabic, Devanagari, Ethiopic, Armenian, CJK).
_PUNCTUATION = ("\"'“”‘’«»„‚‹›()[]{}.,;:!?¿¡…—–-"
                "،؛؟۔।॥።፣፤፥፦፧፨։՝՜՞。、，．：；！？「」『』（）【】〈〉《》・")


def words(text: str) -> list[str]:
    """The words of a text as a person would search for them: split on whitespace, without the
    punctuation around them."""
    found = []
    for word in unicodedata.normalize("NFC", text).split():
        word = word.strip(_PUNCTUATION)
        if word:
            found.append(word)
    return found


def first_difference(got: str, want: str, context: int = 24) -> str:
    """Where two texts first differ, shortly: the position and a little of each around it, with
    invisible characters escaped, so an assertion message shows the fault and not two pages."""
    if got == want:
        return "identical"
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    start = max(0, at - context)

    def piece(text: str) -> str:
        snippet = text[start:at + context]
        shown = "".join(c if c.isprintable() and not CONTROLS.match(c) else
                        f"\\u{ord(c):04x}" for c in snippet)
        return f"{'…' if start else ''}{shown}{'…' if at + context < len(text) else ''}"

    return (f"first difference at character {at} of {len(want)} expected "
            f"({len(got)} read):\n  read:     {piece(got)!s}\n  expected: {piece(want)!s}")


# ToUnicode CMaps: which text each character code of a font stands for.

_CODESPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")


def _utf16(hex_digits: bytes) -> str:
    data = bytes.fromhex(re.sub(rb"\s", b"", hex_digits).decode())
    return data.decode("utf-16-be", errors="replace")


def parse_to_unicode(cmap: bytes) -> tuple[tuple[int, ...], dict[bytes, str]]:
    """A ToUnicode CMap as (the code lengths in bytes its code space allows, {code: text})."""
    lengths = sorted({len(bytes.fromhex(low.decode()))
                      for block in _CODESPACE.findall(cmap)
                      for low in _HEX.findall(block)[::2]}) or [1]
    mapping: dict[bytes, str] = {}
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2]):
            mapping[bytes.fromhex(code.decode())] = _utf16(text)
    for block in _BFRANGE.findall(cmap):
        for low, high, target in _RANGE.findall(block):
            first, last = int(low, 16), int(high, 16)
            size = len(low) // 2
            if target.startswith(b"["):
                texts = [_utf16(t) for t in _HEX.findall(target)]
            elif len(target) > 2:  # consecutive codes, consecutive last UTF-16 units
                digits = target[1:-1]
                base, width = int(digits, 16), len(digits)
                texts = [_utf16(f"{base + i:0{width}X}".encode())
                         for i in range(last - first + 1)]
            else:  # <>: codes deliberately mapped to nothing
                texts = [""] * (last - first + 1)
            for i, text in zip(range(first, last + 1), texts):
                mapping[i.to_bytes(size, "big")] = text
    return tuple(lengths), mapping


def _split_codes(data: bytes, lengths: tuple[int, ...], mapping: dict[bytes, str]) -> list[bytes]:
    """A shown string cut into character codes: the shortest length that maps, else the
    font's shortest (simple fonts are one byte a code, Identity-H two)."""
    codes = []
    at = 0
    while at < len(data):
        size = next((n for n in lengths if data[at:at + n] in mapping), lengths[0])
        codes.append(data[at:at + size])
        at += size
    return codes


def unmapped_glyphs(path: Path, page: int) -> list[str]:
    """Every character code shown on a page (Tj, TJ, ' and ") whose font has no ToUnicode entry
    for it, or an empty one, as "font code (count)": a glyph no reader can turn into text."""
    import pikepdf

    problems: dict[str, int] = {}
    with pikepdf.open(path) as pdf:
        cache: dict[tuple[int, int], tuple[tuple[int, ...], dict[bytes, str]] | None] = {}

        def cmap_of(font) -> tuple[tuple[int, ...], dict[bytes, str]] | None:
            key = font.objgen
            if key not in cache:
                to_unicode = font.get("/ToUnicode")
                cache[key] = parse_to_unicode(to_unicode.read_bytes()) \
                    if to_unicode is not None else None
            return cache[key]

        def visit(container, resources, seen: set) -> None:
            fonts = resources.get("/Font", {}) if resources is not None else {}
            xobjects = resources.get("/XObject", {}) if resources is not None else {}
            current = None
            name = "?"
            for instruction in pikepdf.parse_content_stream(container):
                operator = instruction.operator.unparse()
                operands = instruction.operands
                if operator == b"Tf":
                    name = str(operands[0])
                    current = fonts.get(name)
                elif operator in (b"Tj", b"'", b'"', b"TJ"):
                    if operator == b"TJ":
                        strings = [bytes(item) for item in operands[0]
                                   if isinstance(item, pikepdf.String)]
                    else:
                        strings = [bytes(operands[-1])]
                    cmap = cmap_of(current) if current is not None else None
                    base = str(current.get("/BaseFont")) if current is not None else name
                    for data in strings:
                        if cmap is None:
                            key = f"{base}: no ToUnicode"
                            problems[key] = problems.get(key, 0) + 1
                            continue
                        lengths, mapping = cmap
                        for code in _split_codes(data, lengths, mapping):
                            if not mapping.get(code):
                                key = f"{base} <{code.hex()}>"
                                problems[key] = problems.get(key, 0) + 1
                elif operator == b"Do":
                    xobject = xobjects.get(str(operands[0]))
                    if xobject is not None and xobject.get("/Subtype") == "/Form" \
                            and xobject.objgen not in seen:
                        visit(xobject, xobject.get("/Resources", resources),
                              seen | {xobject.objgen})

        target = pdf.pages[page]
        visit(target, target.get("/Resources"), set())
    return [f"{key} ({count}×)" for key, count in sorted(problems.items())]
