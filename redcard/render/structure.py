"""The document's structure (tagged PDF): which marked content belongs to which heading,
list item, paragraph or figure, in which language, in reading order.

The painter records it while drawing (`StructureRecorder`); `finish` writes it into the PDF
with pikepdf (qpdf), along with what ReportLab cannot set: the structure tree and its parent
tree, MarkInfo, each page's StructParents and tab order, DisplayDocTitle, XMP metadata and a
header version that matches the features used.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..design.scene import Tag

PDF_VERSION = "1.7"  # viewer preferences Duplex (1.7), PrintScaling (1.6), tagging (1.4)
# Between the parts of a page's content (a comment, which readers skip): `finish` makes each
# part a stream of its own, written once however many pages draw it
CHUNK_MARK = "%redcard-part"


@dataclass
class Element:
    """A structure element being recorded; `kids` are elements or (page, MCID) pairs."""

    role: str
    lang: str | None = None
    alt: str | None = None
    actual_text: str | None = None
    list_numbering: str | None = None
    title: str | None = None
    kids: list[Element | tuple[int, int]] = field(default_factory=list)


class StructureRecorder:
    """Hands out marked-content ids page by page and builds the element tree."""

    def __init__(self, language: str) -> None:
        self.root = Element("Document", lang=language)
        self._stack = [self.root]
        self._groups: dict[str, Element] = {}
        self.page = 0
        self._next_mcid = 0
        self.properties: list[dict[str, str]] = []  # per page: named ActualText (PDFium)

    def next_page(self) -> None:
        self.page += 1
        self._next_mcid = 0

    def open_group(self, name: str, title: str) -> None:
        """Continue (or start) the element `name`: a card whose back is on the next page."""
        if name not in self._groups:
            self._groups[name] = Element("Sect", title=title)
            self._stack[-1].kids.append(self._groups[name])
        self._stack.append(self._groups[name])

    def open(self, tag: Tag) -> None:
        element = Element(tag.role, tag.lang, tag.alt, tag.actual_text, tag.list_numbering)
        self._stack[-1].kids.append(element)
        self._stack.append(element)

    def mark(self) -> int:
        """A new marked-content id on this page, owned by the open element."""
        mcid = self._next_mcid
        self._next_mcid += 1
        self._stack[-1].kids.append((self.page, mcid))
        return mcid

    def close(self) -> None:
        self._stack.pop()


def finish(data: bytes, recorded: StructureRecorder, title: str, language: str) -> bytes:
    """ReportLab's PDF with the structure, the named property lists and the metadata added,
    saved deterministically."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pdf.pages]
    for page, named in zip(pages, recorded.properties):
        if named:
            page.Resources.Properties = Dictionary({
                "/" + name: Dictionary(ActualText=String(text)) for name, text in named.items()})
    _share_parts(pdf, pages)
    structure = recorded.root
    parents: dict[int, dict[int, Dictionary]] = {}
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    tree_root.K = _element(pdf, structure, tree_root, pages, parents)
    tree_root.ParentTree = Dictionary(Nums=Array(
        item for page in sorted(parents)
        for item in (page, Array(parents[page][mcid] for mcid in sorted(parents[page])))))
    tree_root.ParentTreeNextKey = len(pages)
    for index, page in enumerate(pages):
        if index in parents:
            page.StructParents = index
        page.Tabs = Name.S
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences.DisplayDocTitle = True
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        with warnings.catch_warnings():  # /Trapped has no XMP counterpart: it stays in Info
            warnings.filterwarnings("ignore", message=".*Trapped.*")
            meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = title
        meta["dc:language"] = [language]
        meta["xmp:CreatorTool"] = "redcard"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, min_version=PDF_VERSION,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _share_parts(pdf: pikepdf.Pdf, pages: list) -> None:
    """Each page's content as an array of its parts (see CHUNK_MARK), a part that several
    pages draw (the cards and marks of every full sheet) one stream they all refer to. A
    content array is one content stream split at token boundaries (ISO 32000-1, 7.8.2);
    every part saves and restores its own graphics state and closes its marked content."""
    mark = b"\n" + CHUNK_MARK.encode() + b"\n"
    streams: dict[bytes, pikepdf.Stream] = {}
    for page in pages:
        data = page.Contents.read_bytes()
        if mark not in data:
            continue
        parts = []
        for part in data.split(mark):
            key = hashlib.sha256(part).digest()
            if key not in streams:
                streams[key] = pdf.make_stream(part)
            parts.append(streams[key])
        page.Contents = Array(parts)


def _element(pdf: pikepdf.Pdf, element: Element, parent: Dictionary, pages: list,
             parents: dict[int, dict[int, Dictionary]]) -> Dictionary:
    node = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role),
                                        P=parent))
    for key, value in (("Lang", element.lang), ("Alt", element.alt),
                       ("ActualText", element.actual_text), ("T", element.title)):
        if value:
            node[Name("/" + key)] = String(value)
    if element.list_numbering:
        node.A = Dictionary(O=Name.List, ListNumbering=Name("/" + element.list_numbering))
    marks = [kid for kid in element.kids if isinstance(kid, tuple)]
    if marks and len({page for page, _ in marks}) == 1 and len(marks) == len(element.kids):
        node.Pg = pages[marks[0][0]]  # content of one page: MCIDs alone
    kids = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(_element(pdf, kid, node, pages, parents))
            continue
        page, mcid = kid
        parents.setdefault(page, {})[mcid] = node
        kids.append(mcid if "/Pg" in node else Dictionary(Type=Name.MCR, Pg=pages[page],
                                                           MCID=mcid))
    node.K = kids[0] if len(kids) == 1 else Array(kids)
    return node
