"""Real PDFs for tests, made with Pillow: image-only pages, like a scanner's output."""

from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image, ImageDraw


def scan_pdf(pages: int = 1, text: str = "SCAN") -> bytes:
    images = []
    for n in range(pages):
        img = Image.new("L", (300, 420), 255)
        draw = ImageDraw.Draw(img)
        draw.text((20, 20), f"{text} p{n + 1}", fill=0)
        draw.line((20, 60, 280, 60), fill=0)
        images.append(img)
    buf = io.BytesIO()
    fixed = time.gmtime(1735689600)  # 2025-01-01; same pages, same bytes: identical test PDFs are one Git blob
    images[0].save(
        buf, "PDF", save_all=True, append_images=images[1:], resolution=72, creationDate=fixed, modDate=fixed
    )
    return buf.getvalue()


def write_scan(path: Path, pages: int = 1, text: str = "SCAN") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(scan_pdf(pages, text))
    return path


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The same PDF, locked with a user password (as some offices send them)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
