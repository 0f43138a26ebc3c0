"""Django-free test files for the PDF pipeline: a PNG, a PDF without pages, an encrypted
PDF, and hostile PDFs built by hand (a decompression bomb, a page of two million strokes)."""

import functools
import io
import zlib

import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    return buffer.getvalue()


def zero_page_pdf():
    # fpdf2 refuses to write a PDF without pages; PDFium can.
    pdf = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def encrypted_pdf():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=20)
    pdf.cell(text="Secret")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return bytes(pdf.output())


# Hostile files, written by hand: fpdf2 would not produce them.


_FONT = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def raw_pdf(*contents, media_box=(0, 0, 960, 540)):
    """A PDF with one page per content stream; each is (encoded bytes, /Filter value)."""
    count = len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    box = " ".join(map(str, media_box))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    for i, (stream, filters) in enumerate(contents):
        page = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Resources {_FONT}"
            f" /Contents {4 + 2 * i} 0 R >>"
        )
        objects.append(page.encode())
        head = (
            f"<< /Length {len(stream)} /Filter {filters} >>\nstream\n"
            if filters
            else f"<< /Length {len(stream)} >>\nstream\n"
        )
        objects.append(head.encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def plain_page(text="Slide"):
    """A page that draws one rectangle and a line of text, cheap to render."""
    stream = f"0.2 0.4 0.7 rg 40 40 200 100 re f BT /F1 24 Tf 60 300 Td ({text}) Tj ET".encode()
    return stream, ""


def drawing_page(operations=2_000_000):
    """A page with `operations` line strokes: 2 million compress to 88 KB."""
    return zlib.compress(b"0 0 m 960 540 l S\n" * operations, 9), "/FlateDecode"


@functools.cache
def bomb_page(megabytes=2048):
    """A content stream of `megabytes` MB of spaces, deflated twice: about 4 KB."""
    inner = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    once = b"".join(inner.compress(chunk) for _ in range(megabytes)) + inner.flush()
    return zlib.compress(once, 9), "[/FlateDecode /FlateDecode]"
