"""Small, real PDF files for the demo documents, written without any PDF library.

`pdf(title, paragraphs, language)` returns the bytes of a PDF 1.4 document: letter-size pages of
wrapped text in the standard Helvetica fonts (no embedded font: every reader has them), with the
document's title and language in its catalog and metadata so readers and screen readers announce
them. Text is encoded in WinAnsi (cp1252), which covers Spanish (á, ñ, ¿, ¡...). The output is
deterministic (no dates), so loading the demo twice writes the same bytes.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US letter, in points
MARGIN = 72
BODY_SIZE, TITLE_SIZE = 11, 16
LEADING = 15
WRAP = 88  # characters per line at 11 pt Helvetica within the margins


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _utf16(text: str) -> bytes:
    """A PDF text string (document information, language) in UTF-16 with its byte-order mark."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _lines(title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    """(font, text) lines: the title, a blank line, then each wrapped paragraph and a blank line."""
    lines = [("F2", line) for line in textwrap.wrap(title, 60)] + [("F1", "")]
    for paragraph in paragraphs:
        lines += [("F1", line) for line in textwrap.wrap(paragraph, WRAP)] or [("F1", "")]
        lines.append(("F1", ""))
    return lines


def _page_stream(lines: list[tuple[str, str]]) -> bytes:
    out = [b"BT", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode(), f"{LEADING} TL".encode()]
    for font, text in lines:
        size = TITLE_SIZE if font == "F2" else BODY_SIZE
        out.append(f"/{font} {size} Tf".encode())
        out.append(b"(" + _escape(text) + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def pdf(title: str, paragraphs: list[str], language: str = "es-MX") -> bytes:
    lines = _lines(title, paragraphs)
    per_page = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    # Objects: 1 catalog, 2 pages, 3 regular font, 4 bold font, 5 information, then page + content pairs.
    first_page = 6
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang "
        + _utf16(language)
        + b" /ViewerPreferences << /DisplayDocTitle true >> >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _utf16(title) + b" /Producer (Ventanilla demo) >>",
    ]
    for index, page_lines in enumerate(pages):
        content_ref = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_ref} 0 R >>".encode()
        )
        stream = _page_stream(page_lines)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>"
    body += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(body)
