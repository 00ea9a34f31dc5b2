"""Word comments: the comments part, and the marks anchoring a comment to a paragraph."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls

from generator.word.ooxml import esc
from generator.word.revisions import Revisions


class Comments:
    """The comments of one document, by the author and on the date of its tracked changes
    (their ids come from the same counter, so no two annotations share one)."""

    def __init__(self, marks: Revisions, initials: str = "PMO") -> None:
        self.marks = marks
        self.initials = initials
        self.items: list[tuple[int, str]] = []

    def anchor(self, paragraph: str, text: str) -> str:
        """`paragraph` (XML with a `w:pPr`) with a comment saying `text` over its content."""
        number = self.marks.new_id()
        self.items.append((number, text))
        head, properties_end, body = paragraph.partition("</w:pPr>")
        if not properties_end:  # no properties: the content starts after <w:p>
            head, body = "<w:p>", paragraph.removeprefix("<w:p>")
        body = body.removesuffix("</w:p>")
        return (f'{head}{properties_end}<w:commentRangeStart w:id="{number}"/>{body}'
                f'<w:commentRangeEnd w:id="{number}"/>'
                f'<w:r><w:commentReference w:id="{number}"/></w:r></w:p>')

    def xml(self) -> str:
        author = esc(self.marks.author)
        comments = "".join(
            f'<w:comment w:id="{number}" w:author="{author}" w:date="{self.marks.timestamp}" '
            f'w:initials="{esc(self.initials)}"><w:p><w:r><w:annotationRef/></w:r>'
            f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p></w:comment>'
            for number, text in self.items)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:comments {nsdecls("w")}>{comments}</w:comments>')

    def attach(self, document: DocxDocument) -> None:
        """Add the comments part to `document` (nothing when there are no comments)."""
        if not self.items:
            return
        part = Part(PackURI("/word/comments.xml"), CONTENT_TYPE.WML_COMMENTS,
                    self.xml().encode("utf-8"), document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.COMMENTS)
