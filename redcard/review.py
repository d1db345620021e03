"""The review path: a packet for a qualified human reviewer, and the approval that records
their sign-off in the card file.

`review_packet` makes two files for one language: a PDF to read and sign (per text, the
English source beside the translation with room for corrections; the legal points that must
survive, to tick; the card drawn large; a sign-off block), and a .docx the reviewer can write
corrections into (python-docx). `approve` sets the card file's translation to reviewed, with
the reviewer, the date and the English source hash, keeping every comment (ruamel.yaml round
trip), so the card prints without the draft mark from then on.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from .design.card import CardDesigner, CardFace
from .design.scene import BLACK, Item, Rectangle, Stroke, Tag, TextBlock
from .design.themes import get_theme
from .errors import ContentError, RedcardError
from .files import OutputBatch, read_bytes
from .geometry.affine import Affine
from .geometry.sizes import CardSize, PaperSize
from .limits import MAX_YAML_BYTES
from .model.content import CardContent, CardSet
from .render.pdf import Artwork, Document, Page, Placement, render_pdf
from .text import TextStyle, layout_paragraph
from .text.fonts import FontRegistry
from .textsafety import checked_text

# What every translation must keep, point by point, written for the English source whose
# hash is CHECKLIST_SOURCE (a test fails when the English changes and this list does not).
CHECKLIST_SOURCE = "30070fc9c056"
LEGAL_POINTS = (
    (1, "Do not open the door; ask for the warrant under the door."),
    (1, "Entry needs a warrant signed by a JUDGE; one signed by an immigration officer is not "
        "enough."),
    (2, "If they come in anyway: do not resist, and say you do not consent."),
    (3, "The right to remain silent; no need to say where you were born or your status."),
    (4, "Do not sign anything before speaking with a lawyer."),
    (4, "The right to SPEAK WITH a lawyer (not a right to be given a lawyer, or a free one)."),
    (5, "Away from home: ask whether you are free to leave; if yes, leave calmly."),
    (6, "Give the card to the agent; do not run or lie, or show false papers."),
)
MARGIN_MM = 18.0
GREY = (0.35, 0.35, 0.35)
CARD_SCALE = 1.5


class ReviewError(RedcardError):
    """A review cannot be made or recorded as asked."""


@dataclass(frozen=True)
class ReviewPacket:
    pdf: Document
    docx: bytes

    def write(self, out_dir: Path, code: str) -> tuple[Path, Path]:
        """`<code>-review.pdf` and `<code>-review.docx`, both or neither."""
        with OutputBatch() as batch:
            return (batch.write(out_dir / f"{code}-review.pdf", render_pdf(self.pdf)),
                    batch.write(out_dir / f"{code}-review.docx", self.docx))


def fields(card: CardContent, english: CardContent) -> list[tuple[str, str, str]]:
    """(field, English, translation) for every text a reviewer checks."""
    rows = [("front.title", english.front.title, card.front.title)]
    rows += [(f"front.points[{i}]", source or "(no such English point)",
              translated or "(no point of its own: see the other points)")
             for i, (source, translated) in enumerate(zip_longest(
                 english.front.points, card.front.points, fillvalue=""))]
    rows.append(("front.hotline_label", english.front.hotline_label, card.front.hotline_label))
    return rows


def field_label(field: str) -> str:
    """A field as a reviewer calls it: front.points[2] → Point 3."""
    if field.startswith("front.points["):
        return f"Point {int(field[13:-1]) + 1}"
    return {"front.title": "Title", "front.hotline_label": "Before the hotline number"}[field]


def review_packet(card: CardContent, cards: CardSet, fonts: FontRegistry, paper: PaperSize,
                  size: CardSize, today: _dt.date) -> ReviewPacket:
    if card.code == "en" or card.is_spoken:
        raise ReviewError(f"{card.code} has no translation of its own to review",
                          setting="languages", fix="review the card whose text it prints"
                          if card.is_spoken else "give a translated language")
    designer = CardDesigner(size, get_theme("red"), fonts)
    faces = (designer.front(card), designer.back(card))
    pages = _Pages(paper, fonts, card)
    english = cards.english
    intro = (f"Source: English text {cards.source_hash}. Card text version {card.version}, "
             f"file {Path(card.source_file).name}, made {today.isoformat()}.")
    if cards.is_stale(card):
        intro += " The translation was made from an older English text: check it against " \
                 "the English shown here."
    pages.heading(f"Review of the {card.name} card (\u2068{card.endonym}\u2069)", own=True)
    pages.paragraph(intro)
    pages.paragraph("For each text: is it exact, plain and natural for the people who will "
                    "carry the card? Write any correction in the box (or in the .docx).")
    for field, source, translated in fields(card, english):
        pages.keep(32.0)  # the English, the translation and its box on one page
        pages.paragraph(f"{field_label(field)} — English: {source}", bold=True)
        pages.paragraph(translated, own=True)
        pages.box(11.0)
    pages.heading("Legal points that must survive")
    for point, text in LEGAL_POINTS:
        pages.check(f"Point {point}: {text}")
    pages.heading("Sign-off")
    for label in ("Reviewer's name", "Qualification (e.g. certified translator for English "
                  "into this language)", "Date", "Signature"):
        pages.paragraph(label)
        pages.box(8.0)
    pages.paragraph(f"Then record the approval: redcard review --approve --lang {card.code} "
                    f"--reviewer \"NAME\" --version {card.version}")
    pages.cards(faces)
    document = Document(paper.width_mm, paper.height_mm,
                        title=f"Review packet: {card.name} card, version {card.version}",
                        language="en", duplex="none", initial_font=pages.latin.primary,
                        pages=pages.finish(), artworks=tuple(
                            Artwork(face.name, face.scene, 0.0) for face in faces))
    return ReviewPacket(document, _docx(card, english, cards.source_hash))


class _Pages:
    """Paragraphs flowed down pages of one paper size, in reading order."""

    def __init__(self, paper: PaperSize, fonts: FontRegistry, card: CardContent) -> None:
        self.paper, self.card = paper, card
        self.latin = fonts.chain("en", "Latn", "regular")
        self.latin_bold = fonts.chain("en", "Latn", "bold")
        self.own = fonts.chain(card.code, card.script, "regular")
        self.own_bold = fonts.chain(card.code, card.script, "bold")
        self.width = paper.width_mm - 2 * MARGIN_MM
        self.done: list[Page] = []
        self.items: list[Item] = []
        self.placements: list[Placement] = []
        self.y = paper.height_mm - MARGIN_MM

    def _room(self, height: float) -> None:
        if self.y - height < MARGIN_MM and (self.items or self.placements):
            self._turn()

    def _turn(self) -> None:
        self.done.append(Page(placements=tuple(self.placements),
                              items=(Tag("Sect", tuple(self.items), lang="en"),)))
        self.items, self.placements = [], []
        self.y = self.paper.height_mm - MARGIN_MM

    def _text(self, text: str, style: TextStyle, role: str, lang: str | None = None,
              indent: float = 0.0, gap: float = 1.6) -> float:
        layout = layout_paragraph(text, style, self.width - indent)
        self._room(layout.height_mm + gap)
        left = MARGIN_MM + indent
        self.items.append(Tag(role, (TextBlock(layout, left, self.y, BLACK),), lang=lang))
        top = self.y
        self.y -= layout.height_mm + gap
        return top

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm are left on this one."""
        self._room(height)

    def heading(self, text: str, own: bool = False) -> None:
        """`own`: the text holds the language's own name, set in its fonts."""
        self._room(20.0)  # not alone at the foot of a page
        chain = self.own_bold if own else self.latin_bold
        self._text(text, TextStyle(chain, 13, "en", "Latn", False), "H1", gap=3.0)

    def paragraph(self, text: str, bold: bool = False, own: bool = False) -> None:
        card = self.card
        if own:
            style = TextStyle(self.own, 11, card.code, card.script, card.is_rtl,
                              align="start", line_spacing=1.1)
            self._text(text, style, "P", lang=card.code)
        else:
            style = TextStyle(self.latin_bold if bold else self.latin, 9.5, "en", "Latn",
                              False, line_spacing=1.1)
            self._text(text, style, "P", gap=0.8 if bold else 1.6)

    def box(self, height: float) -> None:
        self._room(height + 3.0)
        self.items.append(Tag("Artifact", (Rectangle(MARGIN_MM, self.y - height, self.width,
                                                     height, stroke=Stroke(0.25, GREY)),),
                              artifact="Layout"))
        self.y -= height + 4.0

    def check(self, text: str) -> None:
        style = TextStyle(self.latin, 9.5, "en", "Latn", False, line_spacing=1.1)
        top = self._text(text, style, "P", indent=7.0, gap=2.0)
        self.items.append(Tag("Artifact", (Rectangle(MARGIN_MM, top - 4.0, 3.6, 3.6,
                                                     stroke=Stroke(0.3, BLACK)),),
                              artifact="Layout"))

    def cards(self, faces: tuple[CardFace, CardFace]) -> None:
        """The card's two sides, drawn large, one above the other."""
        width, height = faces[0].width_mm * CARD_SCALE, faces[0].height_mm * CARD_SCALE
        self._turn()
        self._text(f"The card as it prints ({CARD_SCALE:g} × its size): front, then back",
                   TextStyle(self.latin_bold, 13, "en", "Latn", False), "H1", gap=4.0)
        for face in faces:
            transform = Affine.scale(CARD_SCALE, CARD_SCALE).then(
                Affine.translate((self.paper.width_mm - width) / 2, self.y - height))
            self.placements.append(Placement(face.name, transform, element="card",
                                             title=f"The {self.card.name} card"))
            self.y -= height + 8.0

    def finish(self) -> tuple[Page, ...]:
        self._turn()
        return tuple(self.done)


def _docx(card: CardContent, english: CardContent, source_hash: str) -> bytes:
    """The same review as a Word document: a table of English, translation and an empty
    column for corrections; the legal points; the sign-off."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = f"Review of the {card.name} card, version {card.version}"
    document.add_heading(f"Review of the {card.name} card ({card.endonym})", level=1)
    document.add_paragraph(f"Card text version {card.version}; English source {source_hash}. "
                           "Write corrections in the third column.")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Field", "English", card.name,
                                                  "Correction")):
        cell.text = title
    for field, source, translated in fields(card, english):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = field_label(field), source, translated
        if card.is_rtl:
            row[2].paragraphs[0].paragraph_format.alignment = 2  # right
    document.add_heading("Legal points that must survive", level=2)
    for point, text in LEGAL_POINTS:
        document.add_paragraph(f"☐ Point {point}: {text}")
    document.add_heading("Sign-off", level=2)
    for label in ("Reviewer's name:", "Qualification:", "Date:", "Signature:"):
        document.add_paragraph(label).runs[0].font.size = Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def approve(card: CardContent, cards: CardSet, reviewer: str, today: _dt.date,
            version: str | None = None) -> Path:
    """Record a qualified reviewer's approval in the card file: status reviewed, who, when,
    and the English source hash the translation was checked against. Comments, order and
    quoting of the file are kept. `version`, if given, must be the card text the packet
    showed: text changed since then is not approved unseen."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = Path(card.source_file)
    reviewer = checked_text(reviewer, max_chars=200, setting="reviewer", error=ReviewError)
    if not reviewer:
        raise ReviewError("is empty", setting="reviewer", fix="give the reviewer's name")
    if card.code == "en" or card.is_spoken:
        raise ReviewError(f"{card.code} has no translation of its own to approve",
                          file=str(path), fix="approve the card whose text it prints"
                          if card.is_spoken else "give a translated language")
    if version is not None and version != card.version:
        raise ReviewError(f"the card text is now version {card.version}, not {version}",
                          file=str(path), setting="version",
                          fix="make a new packet (redcard review) and have it reviewed")
    yaml = YAML()  # round trip: comments, order and quotes as the translator wrote them
    yaml.preserve_quotes = True
    yaml.width = 4096
    text = read_bytes(path, ContentError, MAX_YAML_BYTES, what="card file").decode("utf-8-sig")
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise ContentError(f"cannot be updated ({exc.__class__.__name__})", file=str(path),
                           fix="run redcard check --lang " + card.code) from None
    translation = data["translation"]
    translation["status"] = "reviewed"
    translation["reviewed_by"] = reviewer
    translation["reviewed_on"] = today.isoformat()
    translation["source_hash"] = cards.source_hash
    out = io.StringIO()
    yaml.dump(data, out)
    with OutputBatch() as batch:
        batch.write(path, out.getvalue().encode("utf-8"))
    return path
