"""Shared helpers for the .docx tests: build a document and look inside its XML parts."""

import io
import zipfile

import docx
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(attribute: str) -> str:
    """The Clark name of a WordprocessingML attribute, e.g. ``w("cs")``."""
    return f"{{{W}}}{attribute}"


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def all_text(data: bytes, name: str = "word/document.xml") -> str:
    return "".join(part_xml(data, name).xpath("//w:t/text()", namespaces=NS))
