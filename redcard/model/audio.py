"""Recordings of a card's front read aloud, for languages that are mainly spoken: checked to
be real audio (through mutagen, which reads the headers of every common format) of a sensible
length and size, so a web page never offers a broken or empty file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from ..files import read_bytes

MAX_AUDIO_BYTES = 50_000_000  # a few minutes of speech in any common format
MAX_SECONDS = 600.0
KINDS = {"OggVorbis": "audio/ogg", "OggOpus": "audio/ogg", "MP3": "audio/mpeg",
         "MP4": "audio/mp4", "WAVE": "audio/wav", "FLAC": "audio/flac"}


@dataclass(frozen=True)
class AudioInfo:
    path: Path
    media_type: str  # for an HTML <audio> element's <source type=...>
    seconds: float


def inspect_audio(path: Path, card_file: str) -> AudioInfo:
    """The recording's type and length, or ContentError naming the card file's audio field."""
    def fail(what: str, fix: str) -> ContentError:
        return ContentError(what, file=card_file, field="audio", fix=fix)

    if not path.is_file():
        raise fail(f"{path} does not exist", "give the recording's file name, beside the card "
                   "file, or remove audio:")
    read_bytes(path, ContentError, MAX_AUDIO_BYTES, what="recording")  # size, readability
    import mutagen
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError as exc:
        raise fail(f"{path.name} is not a readable recording ({exc.__class__.__name__})",
                   "save it as Ogg, MP3, M4A, WAV or FLAC") from None
    kind = type(audio).__name__ if audio is not None else ""
    if kind not in KINDS:
        raise fail(f"{path.name} is not a recording in a format browsers play",
                   "save it as Ogg, MP3, M4A, WAV or FLAC")
    seconds = float(getattr(audio.info, "length", 0.0) or 0.0)
    if not 1.0 <= seconds <= MAX_SECONDS:
        raise fail(f"{path.name} is {seconds:.1f} s long", "record the front read aloud: "
                   f"between 1 s and {MAX_SECONDS / 60:.0f} minutes")
    return AudioInfo(path, KINDS[kind], seconds)
