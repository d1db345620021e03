"""The document's structure (tagged PDF): which marked content belongs to which heading,
list item, paragraph or figure, in which language, in reading order.

The painter reports the structure while it draws; each element is written as soon as it is
complete (a card's section once its last page is drawn), so a long run keeps only the open
elements in memory. At the end come the document element, the parent tree (for each page,
the element that owns each marked-content id) and the structure tree root.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..design.scene import Tag
from .writer import PdfWriter, name, ref, text_string


@dataclass
class Element:
    """A structure element being recorded; `kids` are element numbers or (page object,
    MCID) pairs."""

    number: int
    head: str  # its dictionary's entries other than /K and /Pg, in PDF syntax
    kids: list[int | tuple[int, int]] = field(default_factory=list)


def _head(role: str, parent: int, lang: str | None = None, alt: str | None = None,
          actual_text: str | None = None, title: str | None = None,
          list_numbering: str | None = None) -> str:
    entries = [f"/Type/StructElem/S{name(role)}/P {ref(parent)}"]
    for key, value in (("Lang", lang), ("Alt", alt), ("ActualText", actual_text),
                       ("T", title)):
        if value:
            entries.append(f"/{key}{text_string(value)}")
    if list_numbering:
        entries.append(f"/A<</O/List/ListNumbering{name(list_numbering)}>>")
    return "".join(entries)


class StructureWriter:
    """Hands out marked-content ids page by page and writes the element tree."""

    def __init__(self, writer: PdfWriter, language: str) -> None:
        self._writer = writer
        self.root = writer.reserve()
        self._document = Element(writer.reserve(), _head("Document", self.root, language))
        self._stack = [self._document]
        self._groups: dict[str, Element] = {}
        self._page = 0  # the page object's number
        self._page_index = -1
        self._owners: list[int] = []  # this page: the element of each MCID
        self._parent_tree: list[tuple[int, int]] = []  # (page index, array of owners)

    def begin_page(self, page_object: int) -> None:
        self._page = page_object
        self._page_index += 1
        self._owners = []

    def end_page(self) -> int | None:
        """Writes the page's part of the parent tree; its key (the page's StructParents),
        or None where the page has no tagged content."""
        if not self._owners:
            return None
        owners = self._writer.reserve()
        self._writer.pack(owners, "[" + " ".join(ref(n) for n in self._owners) + "]")
        self._parent_tree.append((self._page_index, owners))
        return self._page_index

    def open_group(self, key: str, title: str) -> None:
        """Continue (or start) the element `key`: a card whose back is on the next page."""
        element = self._groups.get(key)
        if element is None:
            parent = self._stack[-1]
            element = Element(self._writer.reserve(), _head("Sect", parent.number,
                                                              title=title))
            parent.kids.append(element.number)
            self._groups[key] = element
        self._stack.append(element)

    def release_group(self, key: str) -> None:
        """The group `key` is complete: written now (if it was ever opened)."""
        element = self._groups.pop(key, None)
        if element is not None:
            self._write(element)

    @property
    def marks_on_page(self) -> int:
        """The marked-content ids handed out on this page so far."""
        return len(self._owners)

    def open(self, tag: Tag) -> None:
        parent = self._stack[-1]
        element = Element(self._writer.reserve(), _head(
            tag.role, parent.number, tag.lang, tag.alt, tag.actual_text,
            list_numbering=tag.list_numbering))
        parent.kids.append(element.number)
        self._stack.append(element)

    def mark(self) -> int:
        """A new marked-content id on this page, owned by the open element."""
        mcid = len(self._owners)
        element = self._stack[-1]
        self._owners.append(element.number)
        element.kids.append((self._page, mcid))
        return mcid

    def close(self) -> None:
        self._write(self._stack.pop())

    def close_group(self) -> None:
        """Leave the group opened last; it is written when released."""
        self._stack.pop()

    def _write(self, element: Element) -> None:
        kids = element.kids
        pages = {kid[0] for kid in kids if isinstance(kid, tuple)}
        one_page = len(pages) == 1 and all(isinstance(kid, tuple) for kid in kids)
        parts = []
        for kid in kids:
            if not isinstance(kid, tuple):
                parts.append(ref(kid))
            elif one_page:
                parts.append(str(kid[1]))
            else:
                parts.append(f"<</Type/MCR/Pg {ref(kid[0])}/MCID {kid[1]}>>")
        body = element.head + (f"/Pg {ref(kids[0][0])}" if one_page else "")
        if len(parts) == 1:
            body += "/K " + parts[0]
        elif parts:
            body += "/K[" + " ".join(parts) + "]"
        self._writer.pack(element.number, "<<" + body + ">>")

    def finish(self) -> int:
        """Writes the rest of the tree; the structure tree root's number."""
        for key in list(self._groups):
            self.release_group(key)
        self._write(self._document)
        tree = self._writer.reserve()
        self._writer.pack(tree, "<</Nums[" + " ".join(
            f"{index} {ref(owners)}" for index, owners in self._parent_tree) + "]>>")
        self._writer.pack(self.root, f"<</Type/StructTreeRoot/K {ref(self._document.number)}"
                                     f"/ParentTree {ref(tree)}"
                                     f"/ParentTreeNextKey {self._page_index + 1}>>")
        return self.root
