"""Hostile input, every kind of it, for every input redcard reads: each case must end with
exit status 2 and one short line on stderr naming the file or option, what is wrong and the
fix; no traceback, no output left behind, nothing written elsewhere, in bounded time.

The cases are data (see CASES); `harness.py` runs each in a sandbox of its own. A few cases at
the end hold invisible characters that real text needs (joiners, direction marks, balanced
isolates): those must still build, so the refusals do not over-reach. A soft hyphen is
refused: redcard breaks lines at spaces and hyphens only, and a break at a soft hyphen would
show no hyphen.
"""

from __future__ import annotations

import datetime
import io
import os
import stat

import pytest
from hostile.harness import (
    CARDS,
    Case,
    assert_refused,
    assert_works,
    card_dict,
    cards_folder,
    cleanup,
    dump_yaml,
    png_bytes,
    png_header_only,
    set_path,
)

OUT = ("--out", "out")
EN1 = ("build", "--lang", "en", "--copies", "1", *OUT)  # the cheapest build
ES1 = ("build", "--cards", "cards", "--lang", "es", "--copies", "1", *OUT)

# Bidi controls that reorder text: embeddings and overrides.
EMBEDDINGS = {"U+202A": "\u202a", "U+202B": "\u202b", "U+202C": "\u202c", "U+202D": "\u202d",
              "U+202E": "\u202e"}
OPENERS = {"U+2066": "\u2066", "U+2067": "\u2067", "U+2068": "\u2068"}
ANY_OPENER = tuple(OPENERS)
CONTROLS = {"U+0000": "\x00", "U+0007": "\x07", "U+001B": "\x1b", "U+0085": "\x85"}
RLO = "\u202e"

CASES: list[Case] = []


def case(id: str, argv, **kw) -> None:
    CASES.append(Case(id=id, argv=tuple(argv), **kw))


# ---------------------------------------------------------------------------------------------
# Input builders


def nested(depth: int = 20000) -> str:
    return "[" * depth + "]" * depth


def bomb(levels: int = 9, width: int = 9) -> str:
    """A YAML flow sequence whose aliases expand to width**levels strings ("billion laughs"),
    anchors defined inline so it fits in any field."""
    expr = "&a0 [" + ", ".join(["lol"] * width) + "]"
    for level in range(1, levels):
        expr = f"&a{level} [{expr}, " + ", ".join([f"*a{level - 1}"] * (width - 1)) + "]"
    return expr


def es_with(field_line: str, value_text: str) -> str:
    """es.yaml with the line starting `field_line` given a raw YAML value."""
    lines = (CARDS / "es.yaml").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(field_line):
            lines[i] = f"{field_line} {value_text}"
            return "\n".join(lines) + "\n"
    raise AssertionError(field_line)


def pdf_bytes(size: tuple[float, float] = (200, 200), pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    for _ in range(pages):
        pdf.rect(10, 10, 50, 50, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def svg(width: str = "100", height: str = "50", body: str = '<rect width="10" height="10"/>',
        extra: str = "") -> str:
    return (f'<?xml version="1.0"?>{extra}<svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}">{body}</svg>')


def write_big(name: str, make) -> callable:
    """setup: a big input file, made only when the case runs."""
    def setup(work):
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = make()
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return setup


def chmod(name: str, mode: int):
    def setup(work):
        os.chmod(work / name, mode)
    return setup


SMALL_PDF = pdf_bytes()
PNG = png_bytes(64, 64)
PROFILE = "home/.config/redcard/printers.yaml"
GOOD_PROFILE = "printers:\n  office: {front_offset_mm: [0.5, 0.5], back_offset_mm: [0, 0], " \
               "scale_x: 1.0, scale_y: 1.0}\n"


# ---------------------------------------------------------------------------------------------
# Card files (--cards DIR: copies of cards/en.yaml and cards/es.yaml, one field corrupted)

def card(id: str, changes, *, lang: str = "es", **kw) -> None:
    code_file = f"{next(iter(changes))}.yaml"
    argv = ("build", "--cards", "cards", "--lang", lang, "--copies", "1", *OUT)
    kw.setdefault("names", (code_file,))
    case(id, argv, files=cards_folder(changes=changes), **kw)


# Spoofable text
for name, char in EMBEDDINGS.items():
    card(f"card-title-{name}", {"es": {"front.title": f"Conozca {char}sus derechos"}},
         code=name)
card("card-point-U+202E", {"es": {"front.points[2]": f"No firme nada {RLO}fdp.exe"}},
     code="U+202E")
card("card-hotline_label-U+202E", {"es": {"front.hotline_label": f"Denuncie{RLO}:"}},
     code="U+202E")
card("card-en-title-U+202E", {"en": {"front.title": f"Know {RLO}your rights"}}, lang="en",
     code="U+202E")
card("card-en-back-point-U+202D", {"en": {"back.points[1]": "I do not \u202dconsent"}},
     lang="en", code="U+202D")
card("card-name-U+202E", {"es": {"name": f"Span{RLO}ish"}}, code="U+202E")
card("card-endonym-U+202E", {"es": {"endonym": f"Espa{RLO}ñol"}}, code="U+202E")
for name, char in OPENERS.items():
    card(f"card-title-unclosed-{name}", {"es": {"front.title": f"Conozca {char}sus derechos"}},
         code=ANY_OPENER)
card("card-point-stray-U+2069", {"es": {"front.points[0]": "No abra\u2069 la puerta."}},
     code="U+2069")
case("card-code-and-file-U+202E", ("build", "--cards", "cards", *OUT),
     files=cards_folder(codes=("en",), raw={f"es{RLO}.yaml": dump_yaml(
         set_path(card_dict("es"), "code", f"es{RLO}"))}),
     code="U+202E", ident=True, names=("es",))
case("card-code-and-file-ESC", ("build", "--cards", "cards", *OUT),
     files=cards_folder(codes=("en",), raw={"es\x1b[7m.yaml": dump_yaml(
         set_path(card_dict("es"), "code", "es\x1b[7m"))}),
     code="U+001B", ident=True, names=("es",))
card("card-code-traversal", {"es": {"code": "../../evil"}})
card("card-code-path", {"es": {"code": "es/../../evil"}})

# Characters that print as tofu or nothing
for name, char in CONTROLS.items():
    card(f"card-title-{name}", {"es": {"front.title": f"Conozca{char} sus derechos"}}, code=name)
card("card-point-ansi-escape", {"es": {"front.points[1]": "Usted \x1b[2J\x1b[31mtiene derecho"}},
     code="U+001B")
card("card-title-zwsp-only", {"es": {"front.title": "\u200b\u200b\u200b"}})
card("card-point-zwsp-only", {"es": {"front.points[3]": "\u200b"}})
card("card-title-nbsp-only", {"es": {"front.title": "\u00a0\u00a0\u00a0"}})
card("card-title-spaces-only", {"es": {"front.title": "    "}})
card("card-title-private-use", {"es": {"front.title": "Conozca \ue000 sus derechos"}},
     code="U+E000")
card("card-title-nonchar-FFFF", {"es": {"front.title": "Conozca \uffff sus derechos"}},
     code="U+FFFF")
card("card-title-nonchar-FDD0", {"es": {"front.title": "Conozca \ufdd0 sus derechos"}},
     code="U+FDD0")
card("card-title-lone-surrogate", {"es": {"front.title": "Conozca \ud800 sus derechos"}},
     code="U+D800")
card("card-hotline_label-lone-surrogate", {"es": {"front.hotline_label": "\udfff:"}},
     code="U+DFFF")
card("card-title-300-letter-word", {"es": {"front.title": "A" * 300}}, hang_guard=True)
card("card-point-300-letter-word", {"es": {"front.points[0]": "x" * 300}}, hang_guard=True)
card("card-title-date", {"es": {"front.title": datetime.date(2024, 1, 1)}})
card("card-point-date", {"es": {"front.points[0]": datetime.date(2024, 1, 1)}})
case("card-translated_on-impossible-date", ES1, names=("es.yaml",), files=cards_folder(
    raw={"es.yaml": es_with("  translated_on:", "2026-02-30")}))
case("card-title-impossible-date", ES1, names=("es.yaml",), files=cards_folder(
    raw={"es.yaml": es_with("  title:", "2024-13-45")}))
card("card-title-number", {"es": {"front.title": 12}})
card("card-title-bool", {"es": {"front.title": True}})
card("card-points-empty", {"es": {"front.points": []}})
card("card-points-nine", {"es": {"front.points": ["Uno."] * 9}})
card("card-points-mapping", {"es": {"front.points": {"a": "b"}}})

# Unbounded work
case("card-point-10MB", ES1, files=cards_folder(), hang_guard=True, names=("es.yaml",),
     setup=write_big("cards/es.yaml", lambda: es_with(
         "    -", '"' + "palabra " * 1_300_000 + '"')))
case("card-deep-nesting", ES1, files=cards_folder(raw={"es.yaml": nested()}), hang_guard=True,
     names=("es.yaml",))
case("card-title-deep-nesting", ES1, hang_guard=True, names=("es.yaml",),
     files=cards_folder(raw={"es.yaml": es_with("  title:", nested())}))
case("card-points-billion-laughs", ES1, hang_guard=True, names=("es.yaml",),
     files=cards_folder(raw={"es.yaml": es_with("  title:", bomb())}))

# Operating-system errors and careless files
case("card-es-yaml-is-directory", ES1, files=cards_folder(codes=("en",), raw={"es.yaml": None}),
     names=("es.yaml",))
case("card-en-yaml-is-directory", ES1, files=cards_folder(codes=("es",), raw={"en.yaml": None}),
     names=("en.yaml",))
case("card-en-missing", ES1, files=cards_folder(codes=("es",)), names=("en.yaml",))
case("card-es-unreadable", ES1, files=cards_folder(), setup=chmod("cards/es.yaml", 0),
     skip_root=True, names=("es.yaml",))
case("card-not-utf8", ES1, names=("es.yaml",),
     files=cards_folder(raw={"es.yaml": es_with("  title:", "Conozca sus derechos")
                             .encode("utf-8").replace(b"Conozca", b"Con\xf3zca")}))
case("card-utf16", ES1, names=("es.yaml",), files=cards_folder(raw={
    "es.yaml": (CARDS / "es.yaml").read_text(encoding="utf-8").encode("utf-16")}))
case("cards-is-a-file", ("build", "--cards", "cards.txt", "--lang", "en", *OUT),
     files={"cards.txt": "hello"}, names=("--cards", "cards.txt"))
case("cards-unreadable", ES1, files=cards_folder(), setup=chmod("cards", 0), skip_root=True,
     names=("cards",))
case("cards-missing", ("build", "--cards", "nope", "--lang", "en", *OUT),
     names=("--cards", "nope"))
case("card-empty-file", ES1, files=cards_folder(raw={"es.yaml": ""}), names=("es.yaml",))
case("card-is-a-list", ES1, files=cards_folder(raw={"es.yaml": "- code: es\n- name: x\n"}),
     names=("es.yaml",))
case("card-binary-garbage", ES1, names=("es.yaml",),
     files=cards_folder(raw={"es.yaml": bytes(range(256)) * 4}))
case("card-duplicate-title", ES1, names=("es.yaml",), files=cards_folder(raw={
    "es.yaml": es_with("  title:", "Conozca sus derechos\n  title: Otra cosa")}))
case("card-tab-indentation", ES1, names=("es.yaml",), files=cards_folder(raw={
    "es.yaml": (CARDS / "es.yaml").read_text(encoding="utf-8").replace("  title", "\ttitle")}))
case("card-python-tag", ES1, names=("es.yaml",), files=cards_folder(raw={
    "es.yaml": es_with("  title:", "!!python/object/apply:os.system [echo hi]")}))
case("card-unknown-field", ES1, files=cards_folder(changes={"es": {"colour": "red"}}),
     names=("es.yaml",))
case("card-en-only-nul-byte", ES1, names=("en.yaml",), files=cards_folder(raw={
    "en.yaml": (CARDS / "en.yaml").read_bytes().replace(b"Know your", b"Know\x00your")}))

# ---------------------------------------------------------------------------------------------
# Orders (order FILE), YAML and CSV

ORDER_Y = ("order", "order.yaml", *OUT)
ORDER_C = ("order", "order.csv", *OUT)


def order_yaml(id: str, text: str, *, argv=ORDER_Y, **kw) -> None:
    kw.setdefault("names", ("order.yaml",))
    case(id, argv, files={"order.yaml": text}, **kw)


def order_csv(id: str, text: str | bytes, *, argv=ORDER_C, **kw) -> None:
    kw.setdefault("names", ("order.csv",))
    case(id, argv, files={"order.csv": text}, **kw)


def one_line(language="es", quantity="1", extra="") -> str:
    return dump_yaml({"cards": [{"language": language, "quantity": quantity}]}) \
        if extra == "" else dump_yaml({"cards": [{"language": language, "quantity": quantity,
                                                  **extra}]})


order_yaml("order-yaml-lang-U+202E", one_line(f"es{RLO}", 1), code="U+202E", ident=True)
order_csv("order-csv-lang-U+202E", f"language,quantity\nes{RLO},1\n", code="U+202E", ident=True)
order_csv("order-csv-lang-ESC", "language,quantity\n\x1b[31mes,1\n", code="U+001B", ident=True)
order_yaml("order-yaml-lang-traversal", one_line("../../evil", 1))
order_yaml("order-yaml-lang-path", one_line("es/../../evil", 1))
order_csv("order-csv-lang-absolute", "language,quantity\n{sandbox}/evil,1\n")
order_yaml("order-yaml-template-U+202E", one_line("es", 1, {"template": f"letter{RLO}"}),
           code="U+202E", ident=True)
order_yaml("order-yaml-theme-U+2066", dump_yaml({"theme": "red\u2066", "cards": [
    {"language": "es", "quantity": 1}]}), code=ANY_OPENER, ident=True)
order_yaml("order-yaml-lang-NUL", one_line("es\x00", 1), code="U+0000", ident=True)
order_yaml("order-yaml-lang-lone-surrogate", one_line("es\ud800", 1), code="U+D800",
           ident=True)
order_yaml("order-yaml-quantity-date", "cards:\n- {language: es, quantity: 2024-01-01}\n")
order_yaml("order-yaml-quantity-impossible-date",
           "cards:\n- {language: es, quantity: 2024-02-30}\n")
order_yaml("order-yaml-quantity-float-tag", "cards:\n- {language: es, quantity: !!float x}\n")
order_yaml("order-yaml-quantity-hex-4000", "cards:\n- {language: es, quantity: 0x" +
           "f" * 4000 + "}\n")
order_yaml("order-yaml-quantity-zero", one_line("es", 0))
order_yaml("order-yaml-quantity-negative", one_line("es", -5))
order_yaml("order-yaml-quantity-over-max", one_line("es", 100_001))
order_yaml("order-yaml-quantity-float", one_line("es", 1.5))
order_yaml("order-yaml-quantity-bool", one_line("es", True))
order_yaml("order-yaml-quantity-nan", "cards:\n- {language: es, quantity: .nan}\n")
order_yaml("order-yaml-quantity-5000-digits",
           "cards:\n- {language: es, quantity: " + "9" * 5000 + "}\n")
order_csv("order-csv-quantity-5000-digits", "language,quantity\nes," + "9" * 5000 + "\n")
order_csv("order-csv-quantity-text", "language,quantity\nes,many\n")
# Unbounded work: every line allowed, the total huge
order_yaml("order-yaml-30x100000-same", dump_yaml({"cards": [
    {"language": "es", "quantity": 100_000}] * 30}), hang_guard=True)
LANGS = sorted(p.stem for p in CARDS.glob("*.yaml"))
order_yaml("order-yaml-every-lang-x100000", dump_yaml({"cards": [
    {"language": code, "quantity": 100_000} for code in LANGS]}), hang_guard=True)
order_yaml("order-yaml-30x100000-combined", dump_yaml({"cards": [
    {"language": LANGS[i % len(LANGS)], "quantity": 100_000} for i in range(30)]}),
    argv=("order", "order.yaml", "--combined", *OUT), hang_guard=True)
order_csv("order-csv-30x100000", "language,quantity\n" + "es,100000\n" * 30, hang_guard=True)
case("order-csv-5MB-of-lines", ORDER_C, hang_guard=True, names=("order.csv",),
     setup=write_big("order.csv", lambda: "language,quantity\n" + "es,1\n" * 1_100_000))
order_csv("order-csv-field-over-limit", "language,quantity,template\nes,1," + "a" * 200_000 + "\n")
case("order-csv-5MB-one-field", ORDER_C, hang_guard=True, names=("order.csv",),
     setup=write_big("order.csv", lambda: 'language,quantity\n"' + "e" * 5_200_000 + '",1\n'))
order_yaml("order-yaml-deep-nesting", nested(), hang_guard=True)
order_yaml("order-yaml-cards-deep-nesting", "cards: " + nested() + "\n", hang_guard=True)
order_yaml("order-yaml-quantity-billion-laughs",
           "cards:\n- {language: es, quantity: " + bomb() + "}\n", hang_guard=True)
order_yaml("order-yaml-language-billion-laughs",
           "cards:\n- {language: " + bomb() + ", quantity: 1}\n", hang_guard=True)
# Operating-system errors
case("order-missing", ("order", "nope.yaml", *OUT), names=("nope.yaml",))
case("order-is-directory", ("order", "order.yaml", *OUT), files={"order.yaml": None},
     names=("order.yaml",))
case("order-unreadable", ORDER_Y, files={"order.yaml": one_line("es", 1)},
     setup=chmod("order.yaml", 0), skip_root=True, names=("order.yaml",))
order_csv("order-csv-utf16", "language,quantity\nes,1\n".encode("utf-16"))
order_csv("order-csv-bad-bytes", b"\xff\xfe\x00language,quantity\nes,1\n")
order_csv("order-csv-latin1", "language,quantity,template\nes,1,é\n".encode("latin-1"))
order_yaml("order-yaml-latin1", "cards:\n- {language: es, quantity: 1, template: é}\n"
           .encode("latin-1"))
# Careless
order_yaml("order-yaml-empty", "")
order_csv("order-csv-empty", "")
order_csv("order-csv-header-only", "language,quantity\n")
order_yaml("order-yaml-list", "- {language: es, quantity: 1}\n")
order_yaml("order-yaml-entry-is-text", "cards: [es]\n")
order_yaml("order-yaml-unknown-field", one_line("es", 1, {"colour": "red"}))
order_yaml("order-yaml-unknown-language", one_line("xx", 1))
order_csv("order-csv-extra-field", "language,quantity\nes,1,letter,red,EXTRA\n")
order_csv("order-csv-no-quantity-column", "language,count\nes,1\n")
order_csv("order-csv-nul-byte", "language,quantity\nes\x00,1\n", code="U+0000", ident=True)
order_csv("order-csv-binary", bytes(range(256)) * 8)
order_csv("order-csv-unknown-template", "language,quantity,template\nes,1,bogus\n")
order_yaml("order-yaml-tabs", "cards:\n\t- {language: es, quantity: 1}\n")
order_yaml("order-yaml-template-number", one_line("es", 1, {"template": 5371}))

# ---------------------------------------------------------------------------------------------
# Project config (--config FILE and ./redcard.yaml)


def config(id: str, values: dict | str, *, argv=EN1, explicit: bool = False, **kw) -> None:
    text = values if isinstance(values, (str, bytes)) else dump_yaml(values)
    # The message names the file, or the key (a config key is the option's long name).
    keys = tuple(values) if isinstance(values, dict) else ()
    if explicit:
        kw.setdefault("names", ("org.yaml", *keys))
        case(id, ("--config", "cfg/org.yaml", *argv), files={"cfg/org.yaml": text}, **kw)
    else:
        kw.setdefault("names", ("redcard.yaml", *keys))
        case(id, argv, files={"redcard.yaml": text}, **kw)


config("config-org-U+202E", {"org": f"Example {RLO}Legal Aid"}, code="U+202E")
config("config-org-U+202B-explicit", {"org": "Example \u202bLegal Aid"}, code="U+202B",
       explicit=True)
config("config-qr-U+202E", {"qr": f"https://example.org/{RLO}fdp.exe"}, code="U+202E",
       explicit=True)
config("config-hotline-label-U+202E", {"hotline-number": "626-555-0100",
                                       "hotline-label": f"Pasadena {RLO}Rapid"}, code="U+202E")
config("config-hotline-label-unclosed-U+2067", {"hotline-number": "626-555-0100",
                                                "hotline-label": "Pasadena \u2067Rapid"},
       code=ANY_OPENER)
config("config-lang-U+202E", {"lang": [f"es{RLO}"]}, argv=("build", "--copies", "1", *OUT),
       code="U+202E", ident=True)
config("config-lang-traversal", {"lang": ["../../evil"]}, argv=("build", "--copies", "1", *OUT))
config("config-key-U+202E", {f"org{RLO}": "x"}, code="U+202E", ident=True)
config("config-template-U+202E", {"template": f"letter{RLO}"}, code="U+202E", ident=True)
config("config-org-ESC", {"org": "Example \x1b[31mLegal"}, code="U+001B")
config("config-org-NUL", {"org": "Example\x00Legal"}, code="U+0000")
config("config-org-lone-surrogate", {"org": "Example \udc80 Legal"}, code="U+DC80")
config("config-org-zwsp-only", {"org": "\u200b\u200b"})
config("config-org-nonchar", {"org": "Example \ufdd0"}, code="U+FDD0")
config("config-copies-1e9", {"copies": 1_000_000_000}, hang_guard=True)
config("config-copies-1e6", {"copies": 1_000_000}, hang_guard=True)
config("config-deep-nesting", nested(), hang_guard=True)
config("config-org-deep-nesting", "org: " + nested() + "\n", hang_guard=True)
config("config-org-billion-laughs", "org: " + bomb() + "\n", hang_guard=True)
config("config-lang-billion-laughs", "lang: " + bomb() + "\n", hang_guard=True)
case("config-org-10MB", EN1, hang_guard=True, names=("redcard.yaml",),
     setup=write_big("redcard.yaml", lambda: "org: " + "x" * 10_000_000 + "\n"))
case("config-missing", ("--config", "nope.yaml", *EN1), names=("nope.yaml",))
case("config-is-directory", ("--config", "cfg", *EN1), files={"cfg": None},
     names=("cfg", "--config"))
case("config-unreadable", ("--config", "c.yaml", *EN1), files={"c.yaml": "org: x\n"},
     setup=chmod("c.yaml", 0), skip_root=True, names=("c.yaml",))
config("config-not-utf8", "org: Caf\xe9\n".encode("latin-1"))
config("config-logo-missing", {"logo": "art/nope.png"}, names=("nope.png", "logo"))
case("config-logo-directory", EN1, files={"redcard.yaml": "logo: art\n", "art": None},
     names=("art", "logo"))
case("config-out-parent-is-file", ("build", "--lang", "en", "--copies", "1"),
     files={"redcard.yaml": "out: f/out\n", "f": "a file"}, names=("f/out", "out"))
config("config-list", "- org: x\n")
config("config-unknown-key", {"colour": "red"})
config("config-org-twice", "org: a\n--org: b\n")
config("config-copies-text", {"copies": "many"})
config("config-copies-zero", {"copies": 0})
config("config-copies-float", {"copies": 1.5})
config("config-copies-5000-digits", "copies: " + "9" * 5000 + "\n")
config("config-org-impossible-date", "org: 2024-13-45\n")
config("config-copies-int-tag", "copies: !!int many\n")
config("config-theme-unknown", {"theme": "neon"})
config("config-theme-list", {"theme": ["red", "mono"]})
config("config-org-mapping", {"org": {"name": "x"}})
config("config-tabs", "org:\tx\n\tqr: y\n")
config("config-binary", bytes(range(256)))
config("config-python-tag", "org: !!python/name:os.system\n")
config("config-org-too-long", {"org": "x" * 5000})

# ---------------------------------------------------------------------------------------------
# Printer profiles: `printer set ...`, and a corrupted profiles file under XDG_CONFIG_HOME

SET = ("printer", "set")
case("printer-set-name-U+202E", (*SET, f"office{RLO}", "--scale", "1"), code="U+202E",
     ident=True)
case("printer-set-name-ESC", (*SET, "off\x1b[2Jice", "--scale", "1"), code="U+001B", ident=True)
case("printer-set-name-newline", (*SET, "off\nice", "--scale", "1"), code="U+000A", ident=True)
case("printer-set-ruler-zero", (*SET, "p", "--ruler-mm", "0,100"), names=("--ruler-mm",))
case("printer-set-ruler-nan", (*SET, "p", "--ruler-mm", "nan,100"), names=("--ruler-mm",))
case("printer-set-ruler-tiny", (*SET, "p", "--ruler-mm", "1e-320,100"),
     names=("--ruler-mm", "scale"))
case("printer-set-ruler-inf", (*SET, "p", "--ruler-mm", "inf,100"), names=("--ruler-mm", "scale"))
case("printer-set-front-nan", (*SET, "p", "--front-measured", "nan,0"),
     names=("--front-measured", "offset"))
case("printer-set-back-1e309", (*SET, "p", "--back-reading", "1e309,0"),
     names=("--back-reading", "offset"))
case("printer-set-offset-too-big", (*SET, "p", "--offset-front", "26,0"),
     names=("--offset-front",))
case("printer-set-scale-zero", (*SET, "p", "--scale", "0"), names=("--scale",))
case("printer-set-scale-three", (*SET, "p", "--scale", "1,2,3"), names=("--scale",))
case("printer-set-offset-text", (*SET, "p", "--offset-back", "abc"), names=("--offset-back",))
case("printer-set-5000-digits", (*SET, "p", "--offset-back", "9" * 5000 + ",0"),
     names=("--offset-back",))
case("printer-set-duplex-bogus", (*SET, "p", "--duplex", "sideways"), names=("--duplex",))

BUILD_P = ("build", "--lang", "en", "--copies", "1", "--printer", "office", *OUT)


def profile(id: str, text: str | bytes | None, *, argv=BUILD_P, **kw) -> None:
    kw.setdefault("names", ("printers.yaml",))
    case(id, argv, files={PROFILE: text}, **kw)


profile("profile-scale-nan", "printers:\n  office: {scale_x: .nan}\n")
profile("profile-scale-inf", "printers:\n  office: {scale_y: .inf}\n")
profile("profile-offset-three", "printers:\n  office: {front_offset_mm: [1, 2, 3]}\n")
profile("profile-offset-text", "printers:\n  office: {back_offset_mm: ab}\n")
profile("profile-offset-1e400", "printers:\n  office: {front_offset_mm: [1e400, 0]}\n")
profile("profile-scale-huge-int", "printers:\n  office: {scale_x: 1" + "0" * 400 + "}\n")
profile("profile-scale-5000-digits", "printers:\n  office: {scale_x: " + "9" * 5000 + "}\n")
profile("profile-scale-float-tag", "printers:\n  office: {scale_x: !!float nope}\n")
profile("profile-impossible-date", "printers:\n  office: {scale_x: 2024-02-30}\n")
profile("profile-entry-null", "printers:\n  office:\n")
profile("profile-entry-list", "printers:\n  office: [1, 2]\n")
profile("profile-printers-list", "printers: [office]\n")
profile("profile-not-yaml", "printers: {office: [\n")
profile("profile-not-utf8", b"printers:\n  caf\xe9: {}\n")
profile("profile-binary", bytes(range(256)))
profile("profile-is-directory", None)
profile("profile-deep-nesting", "printers: " + nested() + "\n", hang_guard=True)
profile("profile-billion-laughs", "printers:\n  office: {front_offset_mm: " + bomb() + "}\n",
        hang_guard=True)
profile("profile-name-U+202E-list", f"printers:\n  off{RLO}ice: {{}}\n", argv=("printer",),
        code="U+202E", ident=True)
profile("profile-name-ESC-list", 'printers:\n  "off\\e[2Jice": {}\n', argv=("printer",),
        code="U+001B", ident=True)
profile("profile-corrupt-printer-list", "printers: {office: {scale_x: nope}}\n",
        argv=("printer",))
profile("profile-corrupt-printer-set", "printers: {office: {scale_x: nope}}\n",
        argv=(*SET, "home", "--scale", "1"))
profile("profile-corrupt-printer-remove", "printers: {office: {scale_x: nope}}\n",
        argv=("printer", "remove", "office"))
profile("profile-corrupt-calibrate", "printers: {office: {scale_x: nope}}\n",
        argv=("calibrate", "--printer", "office", "--out", "out/cal.pdf"))
profile("profile-unreadable", GOOD_PROFILE, skip_root=True,
        setup=chmod(PROFILE, 0))
case("printer-unknown-5000-chars", ("build", "--lang", "en", "--printer", "p" * 5000, *OUT),
     names=("--printer",))
case("printer-U+202E", ("build", "--lang", "en", "--printer", f"off{RLO}ice", *OUT),
     files={PROFILE: GOOD_PROFILE}, code="U+202E", ident=True, names=("--printer",))

# ---------------------------------------------------------------------------------------------
# Templates, themes, card sizes, marks (names chosen from the shipped data)

case("template-U+202E", (*EN1, "--template", f"letter{RLO}"), code="U+202E", ident=True,
     names=("--template",))
case("template-ESC", (*EN1, "--template", "letter\x1b[8m"), code="U+001B", ident=True,
     names=("--template",))
case("template-traversal", (*EN1, "--template", "../../../../etc/passwd"),
     names=("--template",))
case("template-absolute", (*EN1, "--template", "/work/main/redcard/data/templates/letter.yaml"),
     names=("--template",))
case("template-5000-chars", (*EN1, "--template", "t" * 5000), names=("--template",))
case("template-print-shop-marks", (*EN1, "--template", "print-shop", "--marks", "ticks"),
     names=("--marks",))
case("theme-5000-chars", (*EN1, "--theme", "r" * 5000), names=("--theme",))
case("theme-U+202E", (*EN1, "--theme", f"red{RLO}"), code="U+202E", ident=True,
     names=("--theme",))
case("card-size-5000-chars", (*EN1, "--card", "c" * 5000), names=("--card",))
case("paper-U+202E", (*EN1, "--paper", f"a4{RLO}"), code="U+202E", ident=True,
     names=("--paper",))
case("marks-bogus", (*EN1, "--marks", "dots"), names=("--marks",))
case("duplex-bogus", (*EN1, "--duplex", "both"), names=("--duplex",))

# ---------------------------------------------------------------------------------------------
# Logos (--logo): PNG, JPEG, SVG


def logo(id: str, name: str, content, **kw) -> None:
    files = {name: content} if content is not None or "dir" in id else {}
    kw.setdefault("names", ("--logo", name.split("/")[-1]))
    case(id, (*EN1, "--logo", name), files=files, **kw)


logo("logo-missing", "nope.png", None)
logo("logo-is-directory", "art", None)
logo("logo-unreadable", "logo.png", PNG, setup=chmod("logo.png", 0), skip_root=True)
logo("logo-empty", "logo.png", b"")
logo("logo-garbage", "logo.png", bytes(range(256)) * 16)
logo("logo-gif", "logo.gif", b"GIF89a" + b"\x40\x00\x40\x00" + b"\x00" * 20)
logo("logo-tiny", "logo.png", png_bytes(10, 10))
logo("logo-png-50000-header", "logo.png", png_header_only(50_000, 50_000), hang_guard=True)
logo("logo-png-12000-header", "logo.png", png_header_only(12_000, 12_000, bit_depth=8,
                                                          colour=2), hang_guard=True)
logo("logo-png-9000-rgba-header", "logo.png", png_header_only(9_000, 9_000, bit_depth=8,
                                                              colour=6), hang_guard=True)
logo("logo-png-truncated", "logo.png", png_bytes(600, 300, "RGB")[:200])
logo("logo-jpeg-truncated", "logo.jpg", jpeg_bytes()[:300])
logo("logo-png-named-svg", "logo.svg", PNG)
logo("logo-svg-width-nan", "logo.svg", svg(width="NaN"))
logo("logo-svg-height-inf", "logo.svg", svg(height="inf"))
logo("logo-svg-width-1e308", "logo.svg", svg(width="1e308"))
logo("logo-svg-width-negative", "logo.svg", svg(width="-100"))
logo("logo-svg-viewbox-nan", "logo.svg",
     '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 NaN NaN"><rect width="1" '
     'height="1"/></svg>')
logo("logo-svg-garbage", "logo.svg", "<svg><<<")
logo("logo-svg-text", "logo.svg", svg(body="<text x='1' y='10'>Org</text>"))
case("logo-svg-huge", (*EN1, "--logo", "logo.svg"), hang_guard=True, names=("--logo", "logo.svg"),
     setup=write_big("logo.svg", lambda: svg(body='<rect x="1" y="1" width="2" height="2" '
                                             'fill="#c00"/>' * 150_000)))
logo("logo-svg-deep-nesting", "logo.svg", svg(body="<g>" * 5000 + "<rect width='1' "
                                              "height='1'/>" + "</g>" * 5000), hang_guard=True)
logo("logo-svg-billion-laughs", "logo.svg", svg(
    extra="<!DOCTYPE svg [" + '<!ENTITY a0 "lollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10)) + "]>",
    body="<desc>&a9;</desc><rect width='1' height='1'/>"), hang_guard=True, may_succeed=True)
logo("logo-svg-external-entity", "logo.svg", svg(
    extra='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    body="<text>&x;</text><rect width='1' height='1'/>"), may_succeed=True)
logo("logo-svg-empty", "logo.svg", svg(body=""))  # a blank white patch: draws nothing

# ---------------------------------------------------------------------------------------------
# QR (--qr)

case("qr-4000-chars", (*EN1, "--qr", "https://example.org/" + "a" * 4000), hang_guard=True,
     names=("--qr",))
case("qr-300-chars", (*EN1, "--qr", "https://example.org/" + "a" * 300), names=("--qr",))
case("qr-U+202E", (*EN1, "--qr", f"https://example.org/{RLO}fdp.exe"), code="U+202E",
     names=("--qr",))
case("qr-U+202A", (*EN1, "--qr", "https://\u202aexample.org/"), code="U+202A", names=("--qr",))
case("qr-unclosed-U+2068", (*EN1, "--qr", "https://example.org/\u2068x"), code=ANY_OPENER,
     names=("--qr",))
case("qr-ESC", (*EN1, "--qr", "https://example.org/\x1b[2J"), code="U+001B", names=("--qr",))
case("qr-NUL", (*EN1, "--qr", "https://example.org/\x00x"), code="U+0000", names=("--qr",))
case("qr-zwsp", (*EN1, "--qr", "https://exa\u200bmple.org/"), code="U+200B", names=("--qr",))
case("qr-lone-surrogate-bytes", (*EN1, "--qr", b"https://example.org/\xff"), names=("--qr",),
     code="U+DCFF")
case("qr-javascript", (*EN1, "--qr", "javascript:alert(1)"), names=("--qr",))

# ---------------------------------------------------------------------------------------------
# --org, --hotline, --hotline-number, --hotline-label

HN = ("--hotline-number", "626-555-0100")
for name, char in {**EMBEDDINGS, **OPENERS}.items():
    if name in ("U+202E", "U+202B", "U+2068"):
        case(f"org-{name}", (*EN1, "--org", f"Example {char}Legal Aid"),
             code=ANY_OPENER if name in OPENERS else name, names=("--org",))
for name, char in CONTROLS.items():
    case(f"org-{name}", (*EN1, "--org", f"Example{char}Legal"), code=name, names=("--org",))
case("org-zwsp-only", (*EN1, "--org", "\u200b\u200b\u200b"), names=("--org",))
case("org-private-use", (*EN1, "--org", "Example \ue000"), code="U+E000", names=("--org",))
case("org-soft-hyphen", (*EN1, "--org", "Example Le\u00adgal Aid"), code="U+00AD",
     names=("--org",))
card("card-point-soft-hyphen", {"es": {"front.points[0]": "Man\u00adte\u00adnga la puerta."}},
     code="U+00AD")
case("org-nonchar", (*EN1, "--org", "Example \uffff"), code="U+FFFF", names=("--org",))
case("org-lone-surrogate-bytes", (*EN1, "--org", b"Example \xff Legal"), code="U+DCFF",
     names=("--org",))
case("org-5000-chars", (*EN1, "--org", "O" * 5000), names=("--org",))
case("org-5000-chars-RLO", (*EN1, "--org", RLO * 5000), names=("--org",))
case("hotline-label-U+202E", (*EN1, *HN, "--hotline-label", f"Pasadena {RLO}Rapid"),
     code="U+202E", names=("--hotline-label",))
case("hotline-label-unclosed-U+2066", (*EN1, *HN, "--hotline-label", "Pasadena \u2066Rapid"),
     code=ANY_OPENER, names=("--hotline-label",))
case("hotline-label-ESC", (*EN1, *HN, "--hotline-label", "Pasadena \x1b[8mRapid"),
     code="U+001B", names=("--hotline-label",))
case("hotline-label-5000-chars", (*EN1, *HN, "--hotline-label", "L" * 5000),
     names=("--hotline-label",))
case("hotline-label-zwsp-only", (*EN1, *HN, "--hotline-label", "\u200b"),
     names=("--hotline-label",))
case("hotline-number-U+202E", (*EN1, "--hotline-number", f"626-555-{RLO}0100",
                               "--hotline-label", "Pasadena"), names=("--hotline-number",))
case("hotline-number-5000-digits", (*EN1, "--hotline-number", "6" * 5000,
                                    "--hotline-label", "Pasadena"), names=("--hotline-number",))
case("hotline-id-U+202E", (*EN1, "--hotline", f"la-county{RLO}"), code="U+202E", ident=True,
     names=("--hotline",))
case("hotline-id-5000-chars", (*EN1, "--hotline", "h" * 5000), names=("--hotline",))

# ---------------------------------------------------------------------------------------------
# --lang

BUILD = ("build", "--copies", "1", *OUT)
case("lang-U+202E", (*BUILD, "--lang", f"es{RLO}"), code="U+202E", ident=True, names=("--lang",))
case("lang-U+2066", (*BUILD, "--lang", "\u2066es"), code="U+2066", ident=True, names=("--lang",))
case("lang-ESC", (*BUILD, "--lang", "es\x1b[2J"), code="U+001B", ident=True, names=("--lang",))
case("lang-NUL", (*BUILD, "--lang", "es\x00"), code="U+0000", ident=True, names=("--lang",))
case("lang-traversal", (*BUILD, "--lang", "../x"), names=("--lang",))
case("lang-path", (*BUILD, "--lang", "es/../../evil"), names=("--lang",))
case("lang-absolute", (*BUILD, "--lang", "{sandbox}/evil"), names=("--lang",))
case("lang-5000-chars", (*BUILD, "--lang", "l" * 5000), names=("--lang",))
case("lang-lone-surrogate-bytes", (*BUILD, "--lang", b"es\xff"), code="U+DCFF", ident=True,
     names=("--lang",))
case("digital-lang-traversal", ("digital", "--lang", "../../x", *OUT), names=("--lang",))
case("check-lang-U+202E", ("check", "--lang", f"es{RLO}"), code="U+202E", ident=True,
     names=("--lang",))

# ---------------------------------------------------------------------------------------------
# Numbers

for value in ("0", "-1", "abc", "1.5", "", "nan", "1e3", "9" * 5000):
    label = {"": "empty", "9" * 5000: "5000-digits"}.get(value, value)
    case(f"copies-{label}", ("build", "--lang", "en", "--copies", value, *OUT),
         names=("--copies",))
for value, label in (("1000000", "1e6"), (str(10 ** 9), "1e9"), (str(10 ** 12), "1e12")):
    case(f"copies-{label}", ("build", "--lang", "en", "--copies", value, *OUT),
         names=("--copies",), hang_guard=True)
case("copies-1e6-order-combined", ("order", "o.csv", "--combined", "--copies", "1000000", *OUT),
     files={"o.csv": "language,quantity\nes,1\n"}, hang_guard=True)
for value in ("0", "-1", "99", str(10 ** 30), "9" * 5000, "x"):
    label = {"9" * 5000: "5000-digits", str(10 ** 30): "1e30"}.get(value, value)
    case(f"start-slot-{label}", ("build", "--lang", "en", "--start-slot", value, *OUT),
         names=("--start-slot",))
case("start-slot-without-lang", ("build", "--start-slot", "2", *OUT), names=("--start-slot",
                                                                            "--skip-slots"))
for value in ("a", "0", "-1", "99", "9" * 5000, "1,2,3,4,5,6,7,8"):
    label = {"9" * 5000: "5000-digits", "1,2,3,4,5,6,7,8": "all"}.get(value, value)
    case(f"skip-slots-{label}", ("build", "--lang", "en", "--skip-slots", value, *OUT),
         names=("--skip-slots",))
case("skip-slots-100000-items", ("build", "--lang", "en", "--skip-slots",
                                 ",".join(str(i) for i in range(1, 100_001)), *OUT),
     names=("--skip-slots",))
for option in ("--offset-front", "--offset-back"):
    for value in ("nan,0", "inf,0", "1e309,0", "26,0", "0,-25.5", "1,2,3", "", "abc",
                  "9" * 5000 + ",0"):
        label = {"": "empty", "9" * 5000 + ",0": "5000-digits"}.get(value, value)
        case(f"{option[2:]}-{label}", (*EN1, option, value), names=(option,))
for value in ("0", "nan", "-1", "inf", "1e-320", "1.2", "0.5,1", "1,1,1", "9" * 5000):
    label = {"9" * 5000: "5000-digits"}.get(value, value)
    case(f"scale-{label}", (*EN1, "--scale", value), names=("--scale",))
DIGITAL = ("digital", "--lang", "en", *OUT)
for value in ("0", "199", "8001", str(10 ** 20), "abc", "nan", "9" * 5000):
    label = {"9" * 5000: "5000-digits", str(10 ** 20): "1e20"}.get(value, value)
    case(f"digital-width-{label}", (*DIGITAL, "--width", value), names=("--width",))
case("digital-format-bogus", (*DIGITAL, "--format", "bmp"), names=("--format",))
PREVIEW = ("preview", "in.pdf", *OUT)
for value in ("0", "19", "1201", "nan", "inf", "-1", "abc", "9" * 5000):
    label = {"9" * 5000: "5000-digits"}.get(value, value)
    case(f"preview-dpi-{label}", (*PREVIEW, "--dpi", value), files={"in.pdf": SMALL_PDF},
         names=("--dpi",))
case("preview-huge-page-1200dpi", (*PREVIEW, "--dpi", "1200"), hang_guard=True,
     files={"in.pdf": pdf_bytes((14400, 14400))}, names=("in.pdf", "--dpi"))
case("preview-huge-page-100dpi", PREVIEW, hang_guard=True,
     files={"in.pdf": pdf_bytes((14400, 14400))}, names=("in.pdf", "--dpi"))
case("preview-5000-pages-1200dpi", (*PREVIEW, "--dpi", "1200"), hang_guard=True,
     files={"in.pdf": pdf_bytes((612, 792), pages=5000)}, names=("in.pdf", "--dpi"))
case("calibrate-paper-bogus", ("calibrate", "--paper", "b5", "--out", "out/cal.pdf"),
     names=("--paper",))
case("calibrate-printer-missing", ("calibrate", "--printer", "nope", "--out", "out/cal.pdf"),
     names=("--printer", "printers.yaml"))

# ---------------------------------------------------------------------------------------------
# Operating-system errors on output

case("out-parent-is-file", ("build", "--lang", "en", "--copies", "1", "--out", "f/out"),
     files={"f": "a file"}, names=("--out", "f/out"))
case("out-is-file", ("build", "--lang", "en", "--copies", "1", "--out", "f"),
     files={"f": "a file"}, names=("--out", "f"))
case("out-pdf-name-is-directory", ("build", "--lang", "es", "--copies", "1", *OUT),
     files={"out/es.pdf": None}, names=("es.pdf", "--out"))
case("out-pdf-name-is-directory-second-lang",
     ("build", "--lang", "en", "--lang", "es", "--copies", "1", *OUT),
     files={"out/es.pdf": None}, names=("es.pdf", "--out"))
case("out-proc-self", ("build", "--lang", "en", "--copies", "1", "--out", "/proc/self"),
     names=("--out", "/proc/self"))
case("out-read-only", (*EN1,), files={"out": None}, setup=chmod("out", 0o500), skip_root=True,
     names=("--out", "out"))
case("out-name-too-long", ("build", "--lang", "en", "--copies", "1", "--out", "o" * 300),
     names=("--out", "ooo"))
case("out-symlink-loop", EN1, setup=lambda w: os.symlink("out", w / "out"), names=("--out",
                                                                                   "out"))
case("out-fsize-limit", EN1, fsize=20_000, names=("--out", "out", "en.pdf"))
# A device is never replaced by a file (as root, a rename over /dev/null would succeed).
case("calibrate-out-dev-null", ("calibrate", "--out", "/dev/null"), names=("/dev/null",))
case("order-out-fsize-limit", ORDER_C, files={"order.csv": "language,quantity\nes,1\n"},
     fsize=20_000, names=("--out", "out", "es.pdf"))
case("digital-out-fsize-limit", DIGITAL, fsize=20_000, names=("--out", "out", "en-"))
case("digital-pdf-name-is-directory", (*DIGITAL, "--format", "pdf"),
     files={"out/en-card.pdf": None}, names=("en-card.pdf", "--out"))
case("digital-back-png-is-directory", DIGITAL, files={"out/en-back.png": None},
     names=("en-back.png", "--out"))
case("calibrate-out-is-directory", ("calibrate", "--out", "out/cal.pdf"),
     files={"out/cal.pdf": None}, names=("cal.pdf", "--out"))
case("calibrate-out-parent-is-file", ("calibrate", "--out", "f/cal.pdf"), files={"f": "x"},
     names=("cal.pdf", "--out", "f:"))
case("calibrate-out-fsize-limit", ("calibrate", "--out", "out/cal.pdf"), fsize=5_000,
     names=("cal.pdf", "--out"))
case("preview-out-fsize-limit", PREVIEW, files={"in.pdf": SMALL_PDF}, fsize=300,
     names=("--out", "in-1.png", "out"))
case("preview-out-parent-is-file", ("preview", "in.pdf", "--out", "f/out"),
     files={"in.pdf": SMALL_PDF, "f": "x"}, names=("--out", "f/out"))
case("preview-missing", ("preview", "nope.pdf", *OUT), names=("nope.pdf",))
case("preview-is-directory", ("preview", "in.pdf", *OUT), files={"in.pdf": None},
     names=("in.pdf",))
case("preview-unreadable", PREVIEW, files={"in.pdf": SMALL_PDF}, setup=chmod("in.pdf", 0),
     skip_root=True, names=("in.pdf",))
case("preview-garbage", PREVIEW, files={"in.pdf": bytes(range(256)) * 8}, names=("in.pdf",))
case("preview-empty", PREVIEW, files={"in.pdf": b""}, names=("in.pdf",))
case("preview-truncated", PREVIEW, files={"in.pdf": SMALL_PDF[: len(SMALL_PDF) // 2]},
     names=("in.pdf",))
case("preview-zero-pages", PREVIEW, names=("in.pdf",), files={"in.pdf": (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")})


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused(case: Case) -> None:
    assert_refused(case)


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


# ---------------------------------------------------------------------------------------------
# Must still work: invisible characters real text needs, and careless-but-valid encodings


def works(id: str, argv, files, expect) -> Case:
    return Case(id=id, argv=tuple(argv), files=files), expect


def _cards(code: str, changes: dict) -> dict:
    return cards_folder(codes=("en", code), changes={code: changes})


def _point0(code: str, transform) -> dict:
    return {"front.points[0]": transform(card_dict(code)["front"]["points"][0])}


LEGIT = [
    works("legit-fa-zwj", ("build", "--cards", "cards", "--lang", "fa", "--copies", "1", *OUT),
          _cards("fa", {"front.title": card_dict("fa")["front"]["title"].replace(
              " ", "\u200d ", 1)}), ("out/fa.pdf",)),
    works("legit-ar-rlm", ("build", "--cards", "cards", "--lang", "ar", "--copies", "1", *OUT),
          _cards("ar", _point0("ar", lambda p: p.replace(".", ".\u200f", 1))), ("out/ar.pdf",)),
    works("legit-ar-alm", ("build", "--cards", "cards", "--lang", "ar", "--copies", "1", *OUT),
          _cards("ar", _point0("ar", lambda p: "\u061c" + p)), ("out/ar.pdf",)),
    works("legit-es-balanced-isolate", ES1, _cards("es", _point0(
        "es", lambda p: p + " \u2068911\u2069")), ("out/es.pdf",)),
    works("legit-en-word-joiner-lrm", ("build", "--cards", "cards", "--lang", "en", "--copies",
                                       "1", *OUT),
          cards_folder(codes=("en",), changes={"en": {"front.title": "Know\u2060your\u200e "
                                                                     "rights"}}),
          ("out/en.pdf",)),
    works("legit-org-zwnj", (*EN1, "--org", "Example Legal Aid\u200c"), {}, ("out/en.pdf",)),
    works("legit-card-bom-crlf", ES1, cards_folder(raw={
        "es.yaml": b"\xef\xbb\xbf" + (CARDS / "es.yaml").read_bytes().replace(b"\n", b"\r\n")}),
        ("out/es.pdf",)),
    works("legit-order-csv-bom-crlf", ORDER_C,
          {"order.csv": b"\xef\xbb\xbflanguage,quantity\r\nes,2\r\n"}, ("out/es.pdf",)),
    works("legit-config-bom-crlf", EN1,
          {"redcard.yaml": b"\xef\xbb\xbforg: Example Legal Aid\r\ntheme: mono\r\n"},
          ("out/en.pdf",)),
    works("legit-empty-config", EN1, {"redcard.yaml": ""}, ("out/en.pdf",)),
]


@pytest.mark.parametrize("case,expect", LEGIT, ids=[c.id for c, _ in LEGIT])
def test_still_works(case: Case, expect) -> None:
    cleanup(assert_works(case, expect))


# ---------------------------------------------------------------------------------------------
# Permissions: output takes the user's umask (a real process, so the umask is its own)


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600)])
@pytest.mark.parametrize("argv,path", [
    (EN1, "out/en.pdf"),
    (("digital", "--lang", "en", "--format", "pdf", *OUT), "out/en-card.pdf"),
    (("calibrate", "--out", "out/cal.pdf"), "out/cal.pdf"),
], ids=["build", "digital", "calibrate"])
def test_output_mode_follows_umask(argv, path, umask, mode) -> None:
    outcome = assert_works(Case(id=f"umask-{umask:o}", argv=argv, umask=umask), (path,))
    try:
        got = stat.S_IMODE((outcome.work / path).stat().st_mode)
        assert got == mode, f"{path} has mode {got:o} with umask {umask:03o}, not {mode:o}"
    finally:
        cleanup(outcome)
