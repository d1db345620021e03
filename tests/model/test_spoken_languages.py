"""Languages that are mainly spoken (Mam, K'iche', Q'anjob'al, Mixtec, Zapotec): the front
prints another card's text under the language's own name, the English back asks for an
interpreter, a family's entry must name its variety, and a recording must be real audio."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest
from click.testing import CliRunner

from redcard.check import check_cards
from redcard.cli import cli
from redcard.errors import ContentError
from redcard.model.audio import inspect_audio
from redcard.model.content import load_card, load_each
from redcard.paths import cards_dir

SPOKEN = ("mam", "quc", "kjb", "mix", "zap")


def folder_with(tmp_path: Path, code: str, text: str | None = None) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir(exist_ok=True)
    for name in ("en", "es", code):
        shutil.copy(cards_dir() / f"{name}.yaml", folder)
    if text is not None:
        (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
    return folder


def recording(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    return path


def test_the_five_spoken_languages_print_the_spanish_front_under_their_own_name(library):
    spanish = library.card("es")
    for code in SPOKEN:
        card = library.card(code)
        assert card.is_spoken and card.front_from == "es" and card.text_language == "es"
        assert card.front.points == spanish.front.points
        assert card.front.title == f"{card.endonym} · {spanish.front.title}"
        assert card.back == spanish.back and card.is_draft


def test_every_back_but_the_english_asks_for_an_interpreter(library):
    assert library.card("en").interpreter_request == ""
    assert library.card("es").interpreter_request == \
        "I speak Spanish (\u2068Español\u2069). I need an interpreter for Spanish."
    assert library.card("mix").interpreter_request == (
        "I speak Mixtec (\u2068Tu’un Sávi\u2069) of San Juan Mixtepec. I need an interpreter "
        "for Mixtec.")
    for code in library.languages:
        if code != "en":
            assert library.card(code).name in library.card(code).interpreter_request


def test_a_family_without_its_variety_is_a_warning_and_a_named_one_is_not(tmp_path):
    folder = folder_with(tmp_path, "zap")
    _, problems = check_cards(folder, codes=("zap",))
    assert [p.field for p in problems if p.field == "variety"] == ["variety"]
    text = (folder / "zap.yaml").read_text(encoding="utf-8")
    (folder / "zap.yaml").write_text(text.replace('variety: ""', "variety: Yalálag"),
                                     encoding="utf-8")
    cards, problems = check_cards(folder, codes=("zap",))
    assert not [p for p in problems if p.field == "variety"]
    assert "Zapotec (\u2068Diidxazá\u2069) of Yalálag." in cards.cards["zap"].interpreter_request


def test_a_recording_is_checked_to_be_real_audio(tmp_path):
    folder = folder_with(tmp_path, "mam")
    text = (folder / "mam.yaml").read_text(encoding="utf-8")
    (folder / "mam.yaml").write_text(text.replace("# audio: mam-front.ogg", "audio: front.wav"),
                                     encoding="utf-8")
    cards, problems = check_cards(folder, codes=("mam",))
    assert [p.what for p in problems if p.field == "audio"] == [f"{folder / 'front.wav'} does "
                                                                "not exist"]
    recording(folder / "front.wav", 2.0)
    cards, problems = check_cards(folder, codes=("mam",))
    assert not [p for p in problems if p.severity == "error"]
    info = inspect_audio(cards.cards["mam"].audio, "mam.yaml")
    assert info.media_type == "audio/wav" and info.seconds == pytest.approx(2.0)
    recording(folder / "front.wav", 0.2)
    with pytest.raises(ContentError, match=r"mam\.yaml: audio: front\.wav is 0\.2 s long"):
        inspect_audio(folder / "front.wav", "mam.yaml")
    (folder / "front.wav").write_text("not audio")
    with pytest.raises(ContentError, match=r"front\.wav is not a readable recording"):
        inspect_audio(folder / "front.wav", "mam.yaml")
    (folder / "front.mp3").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(ContentError, match=r"front\.mp3 is not a readable recording"):
        inspect_audio(folder / "front.mp3", "mam.yaml")
    (folder / "front.txt").write_text("the front, read aloud")
    with pytest.raises(ContentError, match="is not a recording in a format browsers play"):
        inspect_audio(folder / "front.txt", "mam.yaml")


@pytest.mark.parametrize("change, words", [
    (lambda t: t.replace("front_from: es", "front_from: mam"), "'mam' is not a written language"),
    (lambda t: t.replace("front_from: es", "front_from: xx"), "'xx' is not a written language"),
    (lambda t: t.replace("spoken: true", "spoken: yes please"), "spoken: must be true"),
    (lambda t: t.replace("script: Latn", "script: Arab"), "script: the front prints the es"),
    (lambda t: t + "front:\n  title: x\n  points: [y]\n", "front: a spoken language prints"),
])
def test_spoken_entry_mistakes_are_one_line(tmp_path, change, words):
    folder = folder_with(tmp_path, "mam")
    path = folder / "mam.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    _, errors = load_each(folder)
    assert len(errors) == 1 and words in errors[0].one_line(), errors[0].one_line()


def test_written_cards_may_not_use_spoken_fields_and_one_file_alone_says_why(tmp_path):
    folder = folder_with(tmp_path, "mam")
    spanish = folder / "es.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "variety: x\n", encoding="utf-8")
    _, errors = load_each(folder)
    assert "es.yaml: variety: is only for a spoken language" in errors[0].one_line()
    with pytest.raises(ContentError, match="front_from: needs the other card files"):
        load_card(folder / "mam.yaml", shared_back=None)


def test_a_spoken_card_builds_with_the_spanish_text_tagged_as_spanish(library, tmp_path):
    result = CliRunner().invoke(cli, ["build", "--lang", "mam", "--template", "cr80",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    import pikepdf
    with pikepdf.open(tmp_path / "mam.pdf") as pdf:
        sections = list(pdf.Root.StructTreeRoot.K.K.K)  # Document → the card → its sides
        languages = [str(section.Lang) for section in sections]
    assert languages == ["es", "en"]  # the front's text is Spanish, the back English
