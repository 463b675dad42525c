"""Hostile plan files, built fast from real files the writers make: zip and entity bombs, huge PDFs, text, JSON."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

from actionplan.core.generator import generate_plan
from actionplan.core.writing.excel_tracker import render_xlsx
from actionplan.core.writing.word_document import render_docx

MB = 1024 * 1024
# Unpacked, the padding of a bomb is this large; packed, about a thousandth of it.
BOMB_MB = 200


def _rewritten(data: bytes, member: str, write: Callable[[bytes, zipfile.ZipFile], None]) -> bytes:
    """A copy of an Office file with one part written anew by ``write`` (given the part's old content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            if info.filename == member:
                write(original.read(info), copy)
            else:
                copy.writestr(info, original.read(info))
    return out.getvalue()


def _packed(member: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(member)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _padded(member: str, after: bytes, megabytes: int) -> Callable[[bytes, zipfile.ZipFile], None]:
    """Write ``member`` with ``megabytes`` of blank space after the tag ``after``: valid XML, streamed into the zip."""

    def write(old: bytes, copy: zipfile.ZipFile) -> None:
        head, tail = old.split(after, 1)
        with copy.open(_packed(member), "w", force_zip64=True) as stream:
            stream.write(head + after)
            blank = b" " * MB
            for _ in range(megabytes):
                stream.write(blank)
            stream.write(tail)

    return write


def real_docx() -> bytes:
    return render_docx(generate_plan(3, recommendations=4))


def real_xlsx() -> bytes:
    return render_xlsx(generate_plan(3, recommendations=4))


def docx_bomb(megabytes: int = BOMB_MB) -> bytes:
    """A real Word document whose document.xml is inflated by blank space: a few hundred KB packed."""
    return _rewritten(real_docx(), "word/document.xml", _padded("word/document.xml", b"<w:body>", megabytes))


def xlsx_bomb(megabytes: int = BOMB_MB) -> bytes:
    """A real Excel tracker whose first sheet is inflated by blank space."""
    return _rewritten(
        real_xlsx(), "xl/worksheets/sheet1.xml", _padded("xl/worksheets/sheet1.xml", b"<sheetData>", megabytes)
    )


def docx_with_extra_part(megabytes: int = BOMB_MB) -> bytes:
    """A real Word document carrying one huge, highly compressible part it never uses."""
    out = io.BytesIO(real_docx())
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(_packed("customXml/filler.xml"), "w", force_zip64=True) as stream,
    ):
        blank = b"\0" * MB
        for _ in range(megabytes):
            stream.write(blank)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY a "ha">'
    + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
    + b"]>"
)


def docx_billion_laughs() -> bytes:
    """A real Word document whose document.xml declares entities that expand to 10^9 laughs, used in a paragraph."""

    def write(old: bytes, copy: zipfile.ZipFile) -> None:
        declaration, rest = old.split(b"?>", 1)
        laughing = rest.replace(b"<w:t>", b"<w:t>&j;", 1)
        copy.writestr("word/document.xml", declaration + b"?>" + BILLION_LAUGHS + laughing)

    return _rewritten(real_docx(), "word/document.xml", write)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1, the first the catalogue) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


def _stream(content: bytes, *, packed: bool = False) -> bytes:
    data = zlib.compress(content, 9) if packed else content
    flate = b" /Filter /FlateDecode" if packed else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_many_pages(pages: int = 5000) -> bytes:
    """A PDF of thousands of pages that all draw one short line of text."""
    # 1 catalogue, 2 page tree, 3 font, 4 the shared content, then the pages.
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _FONT,
        _stream(b"BT /F1 12 Tf 72 720 Td (1.1 Prisoners should work.) Tj ET"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 3 0 R >> >> >>"
    )
    objects.extend(page for _ in range(pages))
    return _pdf(objects)


def pdf_many_objects(count: int = 300_000) -> bytes:
    """A one-page PDF carrying hundreds of thousands of objects it never uses."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    objects.extend(b"%d" % i for i in range(count))
    return _pdf(objects)


def pdf_content_bomb(megabytes: int = 100) -> bytes:
    """A one-page PDF whose packed drawing instructions unpack to ``megabytes`` of text to place."""
    line = b"BT /F1 1 Tf 10 10 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n"
    content = line * (megabytes * MB // len(line))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
            b" /Resources << /Font << /F1 4 0 R >> >> >>",
            _FONT,
            _stream(content, packed=True),
        ]
    )


def one_line_text(megabytes: int = 50) -> bytes:
    """A text file of one line, ``megabytes`` long."""
    return b"1.1 Prisoners should " + b"work " * (megabytes * MB // 5)


def long_line_text() -> bytes:
    """A small text file whose second line is longer than any plan's."""
    return b"ACTION PLAN: HMCIP REPORT\n1.1 " + b"x" * 100_000 + b"\n"


def deep_json(depth: int = 100_000) -> bytes:
    """A canonical-looking JSON file nested ``depth`` levels deep."""
    return b'{"schema": "actionplan/1", "notes": ' + b"[" * depth + b"]" * depth + b"}"


def many_recommendations_text(count: int = 2000) -> bytes:
    """A text plan of ``count`` recommendations, each answered."""
    lines = ["ACTION PLAN: HMCIP REPORT", "ESTABLISHMENT: HMP Testtown", ""]
    for index in range(count):
        lines += [
            f"{index // 99 + 1}.{index % 99 + 1} Prisoners should have access to work every weekday.",
            "Agreed",
            "The Governor will publish a new timetable to all wings, with a place at work for every prisoner.",
            "",
            "Head of Learning",
            "March 2020",
            "",
        ]
    return "\n".join(lines).encode()


def many_recommendations_pasted(count: int = 2000) -> str:
    """A pasted list of ``count`` recommendations."""
    return "\n".join(f"{index // 99 + 1}.{index % 99 + 1} Prisoners should work." for index in range(count))


def _letters(number: int) -> str:
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


def row_over_many_pages(pages: int = 8000) -> bytes:
    """A text plan of one recommendation whose response carries on over thousands of pages."""
    lines = ["ACTION PLAN: HMCIP REPORT", "1.1 Prisoners should work.", "Agreed", "The Governor will"]
    # Each page's line differs in its words (digits alone would not do), so that it is the response carried on
    # and not a running header.
    lines += [f"\fsee that every prisoner has a place at work on {_letters(page)} wing" for page in range(pages)]
    return "\n".join(lines).encode()


def _cell(paragraphs: list[str]) -> str:
    return "<w:tc>" + "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs) + "</w:tc>"


def row_of_many_owners(owners: int = 20_000) -> bytes:
    """A real Word document whose plan is one row answered with thousands of owners, each with a target beside it."""
    cells = [["1.1"], ["Prisoners should work."], ["Agreed"], ["The Governor will see to it."]]
    cells += [[f"Head of Wing {index}" for index in range(owners)], ["March 2020"] * owners]
    table = "<w:tbl><w:tr>" + "".join(_cell(cell) for cell in cells) + "</w:tr></w:tbl>"

    def write(old: bytes, copy: zipfile.ZipFile) -> None:
        head, rest = old.split(b"<w:body>", 1)
        copy.writestr(
            "word/document.xml", head + b"<w:body>" + table.encode() + b"</w:body>" + rest.split(b"</w:body>", 1)[1]
        )

    return _rewritten(real_docx(), "word/document.xml", write)
