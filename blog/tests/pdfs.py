"""Django-free test files for the PDF pipeline: a PNG, a PDF without pages, an encrypted PDF."""

import io

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
