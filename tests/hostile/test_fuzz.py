"""Property-based fuzzing of every file redcard reads: card files, orders (YAML and CSV), the
project config, printer profiles, the hotline directory and sheet templates.

Property: whatever the file holds (random text, random bytes, random YAML built from the
real field names, mutated copies of the real files), the loader returns a value or raises
`RedcardError` (any subclass) with a one-line message; never another exception. A card that
loads carries no bidi embedding or override and no control character in any text it prints.

REDCARD_FUZZ_EXAMPLES sets the examples per loader (default 300; 3000 for a long run). Runs
are derandomized, so the suite is deterministic, and keep no example database.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import os
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hostile.harness import CARDS, MAX_LINE, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redcard.errors import RedcardError
from redcard.model.config import read_config
from redcard.model.content import load_card, load_each
from redcard.model.hotlines import directory_file, load_directory
from redcard.model.orders import load_order
from redcard.model.printers import load_profiles

EXAMPLES = int(os.environ.get("REDCARD_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much,
                                       HealthCheck.large_base_example])

# ---------------------------------------------------------------------------------------------
# The real files, as text and as data: the seeds of the mutations

EN_TEXT = (CARDS / "en.yaml").read_text(encoding="utf-8")
ES_TEXT = (CARDS / "es.yaml").read_text(encoding="utf-8")
FA_TEXT = (CARDS / "fa.yaml").read_text(encoding="utf-8")
HOTLINES_TEXT = directory_file().read_text(encoding="utf-8")
TEMPLATE_TEXT = (REPO / "redcard" / "data" / "templates" / "avery-5371.yaml").read_text(
    encoding="utf-8")
ORDER = {"template": "letter", "theme": "red", "cards": [
    {"language": "es", "quantity": 300}, {"language": "ko", "quantity": 80},
    {"language": "fa", "quantity": 20, "template": "avery-5371", "theme": "economy"}]}
ORDER_TEXT = yaml.safe_dump(ORDER, sort_keys=False)
ORDER_CSV = "language,quantity,template,theme\nes,300,,\nko,80,,\nfa,20,avery-5371,economy\n"
CONFIG = {"hotline": "la-county", "org": "Example Legal Aid", "logo": "art/logo.png",
          "qr": "https://example.org/rights", "theme": "economy", "template": "avery-5371",
          "printer": "office", "lang": ["es", "ko", "zh-Hant"], "copies": 10,
          "hotline-number": "626-555-0100", "hotline-label": "Pasadena"}
CONFIG_TEXT = yaml.safe_dump(CONFIG, sort_keys=False)
PROFILE = {"printers": {"office": {"front_offset_mm": [0.5, -0.25],
                                   "back_offset_mm": [1.5, -0.5], "scale_x": 1.002,
                                   "scale_y": 0.998}}}
PROFILE_TEXT = yaml.safe_dump(PROFILE, sort_keys=False)

FIELD_NAMES = sorted({
    "code", "name", "endonym", "script", "direction", "front", "back", "translation", "title",
    "points", "hotline_label", "status", "translator", "translated_on", "reviewed_by",
    "reviewed_on", "source_hash", "cards", "language", "quantity", "template", "theme",
    "printers", "front_offset_mm", "back_offset_mm", "scale_x", "scale_y", "hotlines", "id",
    "short_name", "purpose", "coverage", "number", "hours", "source", "verified_on",
    "confidence", "notes", "org", "logo", "qr", "copies", "lang", "out", "hotline",
    "hotline-number", "hotline-label", "kind", "page", "card", "grid", "cols", "rows",
    "left_mm", "top_mm", "pitch_x_mm", "pitch_y_mm", "marks", "bleed_mm", "equivalents",
    "corner_radius_mm", "paper", "printer", "start-slot", "skip-slots", "width", "format",
    "<<", "office"})
REAL_VALUES = ["en", "es", "fa", "zh-Hant", "ltr", "rtl", "Latn", "Arab", "source", "draft",
               "reviewed", "letter", "a4", "avery-5371", "print-shop", "red", "economy",
               "mono", "la-county", "rapid-response", "confirmed", "unconfirmed", "stock", "plain",
               "card-page", "business", "id1", "ticks", "none", "2026-11-22",
               "888-624-4752", "https://example.org/rights", "a28a0780b9f7", ""]
# What a hostile file puts in its text: bidi controls, isolates, controls, invisibles,
# tofu, noncharacters, a lone surrogate, and the invisibles real text needs.
NASTY = ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\x07\x08\x1b\x7f\x85"
         "\u200b\u00a0\ue000\uffff\ufffe\ufdd0\ud800\udfff\u200c\u200d\u200e\u200f\u00ad"
         "\u2028\u2029\ufeff\t\n\r\x0b\x0c:#&*!|>-'\"{}[],%@`")
BIDI_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")

# Raw YAML a careless or hostile hand types: impossible dates, huge numbers, tags, aliases.
YAML_TOKENS = ["2024-13-45", "2026-02-30", "2024-1-1", "9" * 5000, "0x" + "f" * 4000,
               "1" + "0" * 400, "1e400", "-.inf", ".nan", "!!float nope", "!!int x",
               "!!timestamp 2024-99-99", "!!binary '###'", "!!set {a, b}", "!!omap [a: 1]",
               "!!python/tuple [1]", "!!str", "&a x", "*a", "*nope", "<<: *a", "~", "null",
               "yes", "no", "on", "0o8", "0b2", "1_000", "190:20:30", "[", "{", "? a", "- -",
               "|", ">-", "'", '"\\ud800"', '"\\x00"', '"\\e"', "%YAML 1.1", "---", "..."]
chars = st.one_of(st.characters(), st.sampled_from(NASTY))
texts = st.one_of(st.text(chars, max_size=30), st.sampled_from(REAL_VALUES),
                  st.builds(lambda a, c, b: a + c + b, st.sampled_from(REAL_VALUES),
                            st.sampled_from(NASTY), st.sampled_from(REAL_VALUES)))
scalars = st.one_of(
    texts, st.integers(-10 ** 6, 10 ** 6), st.integers(-10 ** 40, 10 ** 40),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.dates(min_value=datetime.date(1, 1, 1)), st.sampled_from([0, 1, -1, 100_000, 100_001]))
keys = st.one_of(st.sampled_from(FIELD_NAMES), texts, st.integers(-5, 5), st.booleans())
values = st.recursive(scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=6), st.dictionaries(keys, kids, max_size=6)), max_leaves=25)


def dump(data: object) -> str:
    """YAML with every non-ASCII character escaped, so any string round-trips exactly."""
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10 ** 6)


def _paths(node: object, prefix: tuple = ()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_data(draw, base: object) -> object:
    """The real data with one to three changes: a value replaced by a random one, a key
    removed, a nasty character put into a text, a list entry doubled."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            return draw(values)
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["replace", "delete", "nasty", "nasty", "double"]))
        current = parent[last]
        if action == "replace":
            parent[last] = draw(values)
        elif action == "delete":
            del parent[last]
        elif action == "nasty" and isinstance(current, str):
            at = draw(st.integers(0, len(current)))
            parent[last] = current[:at] + draw(st.text(st.sampled_from(NASTY), min_size=1,
                                                       max_size=3)) + current[at:]
        elif action == "double" and isinstance(current, list) and current:
            current.append(copy.deepcopy(current[0]))
        else:
            parent[last] = draw(scalars)
    return data


@st.composite
def mutated_text(draw, base: str) -> str:
    """The real file's text with one to four characters inserted, deleted or lines doubled."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "line", "token", "value"]))
        if action == "token":
            text = text[:at] + draw(st.sampled_from(YAML_TOKENS)) + text[at:]
        elif action == "value":
            lines = text.splitlines(keepends=True)
            keyed = [i for i, line in enumerate(lines) if ": " in line]
            if keyed:
                i = draw(st.sampled_from(keyed))
                key = lines[i].split(": ", 1)[0]
                lines[i] = f"{key}: {draw(st.sampled_from(YAML_TOKENS))}\n"
                text = "".join(lines)
        elif action == "insert":
            text = text[:at] + draw(st.text(chars, min_size=1, max_size=4)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(i, lines[i])
                text = "".join(lines)
    return text


def file_contents(base_text: str, base_data: object):
    """Bytes for a fuzzed file: random bytes, random text, random YAML with the real field
    names, the real data mutated, the real text mutated."""
    as_text = st.one_of(
        st.text(chars, max_size=200),
        values.map(dump),
        mutated_data(base_data).map(dump),
        mutated_text(base_text),
    )
    return st.one_of(st.binary(max_size=300),
                     as_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                     st.just(b"\xef\xbb\xbf").flatmap(
                         lambda bom: mutated_text(base_text).map(
                             lambda t: bom + t.replace("\n", "\r\n").encode(
                                 "utf-8", "surrogatepass"))))


# ---------------------------------------------------------------------------------------------
# The property


def refused_or_loaded(load, *args):
    """The loader's value, or None when it raised RedcardError with a one-line message; any
    other exception is the failure the fuzzing looks for."""
    try:
        return load(*args)
    except RedcardError as error:
        line = error.one_line()
        assert len(line.splitlines()) == 1, f"message is not one line: {line!r}"
        assert len(line) < MAX_LINE, f"message is {len(line)} characters: {line[:120]!r}…"
        return None


def printed_texts(card) -> list[tuple[str, str]]:
    texts = [("name", card.name), ("endonym", card.endonym)]
    for side in ("front", "back"):
        texts += [(f"{side}.{field}", text) for field, text in getattr(card, side).texts()]
    return texts


def assert_clean_card(card) -> None:
    for field, text in printed_texts(card):
        bad = [f"U+{ord(c):04X}" for c in text
               if c in BIDI_EMBEDDINGS or unicodedata.category(c) == "Cc"]
        assert not bad, f"{card.code} {field} loaded with {', '.join(bad)}: {text!r}"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# Loaders


@FUZZ
@given(file_contents(EN_TEXT, yaml.safe_load(EN_TEXT)))
def test_fuzz_load_card(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        card = refused_or_loaded(load_card, write(Path(folder), "en.yaml", data), None)
        if card is not None:
            assert_clean_card(card)


@FUZZ
@given(st.one_of(file_contents(ES_TEXT, yaml.safe_load(ES_TEXT)),
                 file_contents(FA_TEXT, yaml.safe_load(FA_TEXT))))
def test_fuzz_load_each(data: bytes) -> None:
    """A translation beside the real English card: loaded, or one error among the others."""
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), "en.yaml", EN_TEXT.encode("utf-8"))
        write(Path(folder), "es.yaml", data)
        loaded = refused_or_loaded(load_each, Path(folder))
        if loaded is not None:
            cards, errors = loaded
            assert all(isinstance(e, RedcardError) for e in errors)
            for error in errors:
                refused_or_loaded(_raise, error)
            for card in cards.cards.values():
                assert_clean_card(card)


def _raise(error: Exception):
    raise error


@FUZZ
@given(file_contents(ORDER_TEXT, ORDER))
def test_fuzz_load_order_yaml(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        refused_or_loaded(load_order, write(Path(folder), "order.yaml", data))


def csv_text(rows: list[list[str]], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


csv_field = st.one_of(texts, st.integers(-10, 10 ** 6).map(str),
                      st.sampled_from(["es", "ko", "fa", "100000", "100001", "0", "-1", "1e3",
                                       " 300 ", "letter", "red"]))
csv_header = st.one_of(
    st.just(["language", "quantity", "template", "theme"]), st.just(["language", "quantity"]),
    st.lists(st.one_of(st.sampled_from(["language", "quantity", "template", "theme",
                                        "Language", " quantity ", ""]), texts), max_size=5))
csv_files = st.one_of(
    st.builds(csv_text, st.lists(st.lists(csv_field, max_size=6), max_size=8), csv_header)
    .map(lambda t: t.encode("utf-8", "surrogatepass")),
    file_contents(ORDER_CSV, ORDER))


@FUZZ
@given(csv_files)
def test_fuzz_load_order_csv(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        refused_or_loaded(load_order, write(Path(folder), "order.csv", data))


@FUZZ
@given(file_contents(CONFIG_TEXT, CONFIG))
def test_fuzz_read_config(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        refused_or_loaded(read_config, write(Path(folder), "redcard.yaml", data))


@FUZZ
@given(file_contents(CONFIG_TEXT, CONFIG))
def test_fuzz_config_through_the_cli(data: bytes) -> None:
    """The config as the command line reads it (every key converted by its option's type):
    `redcard --config FILE templates` ends with 0 or with 2 and one line, never a traceback."""
    from click.testing import CliRunner

    from redcard.cli import cli

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "redcard.yaml", data)
        home = Path(folder, "home")
        result = CliRunner().invoke(cli, ["--config", str(path), "templates"],
                                    env={"HOME": str(home), "XDG_CONFIG_HOME": str(home),
                                         "REDCARD_CONFIG_DIR": None},
                                    catch_exceptions=True)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"{type(result.exception).__name__}: {result.exception}"
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            lines = result.stderr.rstrip("\n").splitlines()
            assert len(lines) == 1, result.stderr
            assert len(lines[0]) < MAX_LINE, lines[0][:120]


@FUZZ
@given(file_contents(PROFILE_TEXT, PROFILE))
def test_fuzz_load_profiles(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        profiles = refused_or_loaded(load_profiles, write(Path(folder), "printers.yaml", data))
        for profile in (profiles or {}).values():
            assert not any(c in BIDI_EMBEDDINGS or unicodedata.category(c) == "Cc"
                           for c in profile.name), f"profile name {profile.name!r}"


@FUZZ
@given(file_contents(HOTLINES_TEXT, yaml.safe_load(HOTLINES_TEXT)))
def test_fuzz_load_hotlines(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        directory = refused_or_loaded(load_directory, write(Path(folder), "hotlines.yaml", data))
        for entry in directory.entries if directory else ():
            for field, text in (("card_name", entry.card_name), ("number", entry.number)):
                bad = [f"U+{ord(c):04X}" for c in text
                       if c in BIDI_EMBEDDINGS or unicodedata.category(c) == "Cc"]
                assert not bad, f"{entry.id}.{field} loaded with {', '.join(bad)}: {text!r}"


@FUZZ
@given(file_contents(TEMPLATE_TEXT, yaml.safe_load(TEMPLATE_TEXT)))
def test_fuzz_load_template(data: bytes) -> None:
    from redcard.geometry.templates import load_catalog

    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), "fuzz.yaml", data)
        refused_or_loaded(load_catalog, Path(folder))
