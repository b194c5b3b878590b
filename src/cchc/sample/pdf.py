"""Fake scanned documents: image-only PDFs drawn with Pillow, byte-deterministic.

Each page is a 600x850 1-bit image (stored with CCITT G4, a couple of KB) with
a header, the document number and title (ASCII, Pillow's default font),
grey-bar "text lines", a stamp and a "DU LIEU MAU" footer. Pillow would put
the current time in /CreationDate and /ModDate; we pass None so that the
bytes depend only on the content.

Identical pages are rendered only once: the PDF is cached with a fixed-width
placeholder in /Subject, which is then overwritten in place (same length, so
the cross-reference offsets stay valid) with the owning unit's id. Every
unit's files therefore have their own bytes, as two units' real scans would.
"""

from __future__ import annotations

import io
import random
import re
import textwrap

from PIL import Image, ImageDraw, ImageFont

from .names import ascii_text

WIDTH, HEIGHT = 600, 850
SUBJECT_WIDTH = 96
_PLACEHOLDER = "~" * SUBJECT_WIDTH
_UNSAFE = re.compile(r"[^A-Za-z0-9 ./-]")  # keeps the UTF-16 text free of PDF escapes


def _scanned(page: Image.Image, rng: random.Random) -> Image.Image:
    """A 1-bit page as a scanner would deliver it: A4 at 150 dpi, greyscale, paper grain."""
    size = (1240, 1754)
    grey = page.convert("L").resize(size, Image.Resampling.BILINEAR)
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return Image.blend(grey, grain, 0.06)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


class PdfMaker:
    """Renders and caches sample PDFs."""

    def __init__(self, pages: int, realistic: bool = False) -> None:
        self.pages = max(1, pages)
        # realistic: A4 at 150 dpi in greyscale JPEG with paper grain, ~150 KB a page, the
        # size a scanner produces (for benchmarks); otherwise tiny 1-bit pages.
        self.realistic = realistic
        self._cache: dict[tuple, bytes] = {}
        self._small = ImageFont.load_default(size=11)
        self._big = ImageFont.load_default(size=15)
        self._titles: dict[str, list[tuple[str, float]]] = {}
        self._glyphs: dict[tuple[str, bool], tuple[Image.Image, tuple[int, int]]] = {}

    def document(self, header: str, number: str, title: str, year: int | None, owner: str) -> bytes:
        """PDF bytes of a document issued by `header` with `number` and `title`, filed by `owner`."""
        subject = _UNSAFE.sub("", owner)[:SUBJECT_WIDTH]
        key = (header, number, title, year, self.pages)
        data = self._cache.get(key)
        if data is None:
            data = self._render(*key, _PLACEHOLDER)
            if data.count(_utf16(_PLACEHOLDER)) != 1:  # never seen; keep the output exact anyway
                return self._render(*key, subject)
            self._cache[key] = data
        return data.replace(_utf16(_PLACEHOLDER), _utf16(subject.ljust(SUBJECT_WIDTH)))

    def _render(self, header: str, number: str, title: str, year: int | None, pages: int, subject: str) -> bytes:
        rng = random.Random("|".join(map(str, (header, number, title, year, pages))))
        images = [self._page(rng, header, number, title, year, p, pages) for p in range(1, pages + 1)]
        if self.realistic:
            images = [_scanned(im, rng) for im in images]
        buf = io.BytesIO()
        images[0].save(
            buf,
            "PDF",
            save_all=True,
            append_images=images[1:],
            resolution=72.0,
            title=title,
            subject=subject,
            author="Dữ liệu mẫu - Tỉnh Mẫu",
            creator="cchc.sample",
            producer=None,
            creationDate=None,
            modDate=None,
        )
        return buf.getvalue()

    def _title_lines(self, title: str) -> list[tuple[str, float]]:
        """The title wrapped into centred lines, with their widths (cached)."""
        lines = self._titles.get(title)
        if lines is None:
            wrapped = textwrap.wrap(ascii_text(title).upper(), 52)
            lines = self._titles[title] = [(line, self._big.getlength(line)) for line in wrapped]
        return lines

    def _text(self, im: Image.Image, xy: tuple[float, float], text: str, big: bool = False) -> None:
        """Draw black text; each distinct string is rasterised once and pasted afterwards."""
        cached = self._glyphs.get((text, big))
        if cached is None:
            font = self._big if big else self._small
            left, top, right, bottom = (int(v) for v in font.getbbox(text))  # whole pixels for a bitmap font
            mask = Image.new("1", (right - left + 8, bottom - top + 4), 0)
            ImageDraw.Draw(mask).text((-left, -top), text, fill=1, font=font)
            cached = self._glyphs[text, big] = (mask, (left, top))
        mask, (left, top) = cached
        im.paste(0, (int(xy[0]) + left, int(xy[1]) + top), mask)

    def _page(
        self, rng: random.Random, header: str, number: str, title: str, year: int | None, page: int, pages: int
    ) -> Image.Image:
        im = Image.new("1", (WIDTH, HEIGHT), 1)
        d = ImageDraw.Draw(im)
        top = 40
        if page == 1:
            self._text(im, (40, 40), "UBND TINH MAU")
            self._text(im, (40, 56), ascii_text(header).upper()[:40])
            self._text(im, (330, 40), "CONG HOA XA HOI CHU NGHIA VIET NAM")
            self._text(im, (360, 56), "Doc lap - Tu do - Hanh phuc")
            d.line((380, 72, 530, 72), fill=0)
            self._text(im, (40, 80), f"So: {ascii_text(number)}")
            if year:
                self._text(im, (360, 88), f"Tinh Mau, nam {year}")
            y = 130
            for line, width in self._title_lines(title):
                self._text(im, ((WIDTH - width) / 2, y), line, big=True)
                y += 22
            top = y + 20
        for y in range(top, HEIGHT - 170, 18):
            indent = 80 if rng.random() < 0.15 else 60
            right = 540 - (rng.randint(0, 160) if rng.random() < 0.2 else rng.randint(0, 12))
            d.line((indent, y, right, y), fill=0, width=3)
        if page == pages:
            d.ellipse((380, HEIGHT - 160, 480, HEIGHT - 60), outline=0, width=3)
            self._text(im, (395, HEIGHT - 115), "DA KY")
        self._text(im, (40, HEIGHT - 30), f"DU LIEU MAU - SAMPLE DATA - trang {page}/{pages}")
        return im
