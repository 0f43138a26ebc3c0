"""blog.images judges images by their content and renders WebP renditions (pure: no
Django), and blog.sanitize keeps the responsive <img> attributes those renditions need."""

import io
import struct
import zlib

import pytest
from PIL import Image

from blog.images import (
    WEBP_MAX_SIDE,
    ImageError,
    inspect_image,
    render_renditions,
    target_sizes,
)
from blog.sanitize import clean_post_html

RED, BLUE = (255, 0, 0), (0, 0, 255)


def image_bytes(fmt="PNG", size=(600, 300), mode="RGB", color=RED, **save):
    """An image file made on the fly; `save` goes to Pillow (exif=, append_images=...)."""
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **save)
    return buffer.getvalue()


def png_header(width, height):
    """A PNG that claims `width`×`height` pixels in a few bytes (a decompression bomb)."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def decoded(rendition):
    return Image.open(io.BytesIO(rendition.data))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_the_four_web_formats_are_recognised_by_content(fmt):
    assert inspect_image(image_bytes(fmt)) == (fmt, 600, 300)


def test_a_camera_jpeg_with_a_preview_picture_is_a_jpeg():
    second = Image.new("RGB", (60, 30))
    data = image_bytes("MPO", (120, 60), save_all=True, append_images=[second])
    assert inspect_image(data) == ("JPEG", 120, 60)
    assert inspect_image(data).extension == "jpg"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
        b'\xef\xbb\xbf  <!-- logo -->\n<svg viewBox="0 0 10 10"></svg>',
    ],
    ids=["with-xml-declaration", "bare-with-bom"],
)
def test_svg_is_refused_with_its_own_hebrew_message(data):
    with pytest.raises(ImageError) as caught:
        inspect_image(data)
    assert caught.value.code == "svg"
    assert str(caught.value).startswith("קובצי SVG אינם נתמכים")
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "data, code",
    [
        (image_bytes("BMP"), "not_image"),
        (image_bytes("TIFF"), "not_image"),
        (b"%PDF-1.7\n", "not_image"),
        ("שלום".encode(), "not_image"),
        (b"", "empty"),
    ],
    ids=["bmp", "tiff", "pdf", "text", "empty"],
)
def test_anything_else_is_refused(data, code):
    with pytest.raises(ImageError) as caught:
        inspect_image(data)
    assert caught.value.code == code
    assert "JPEG" in str(caught.value) or code == "empty"


def test_a_picture_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(ImageError) as caught:
        inspect_image(png_header(10_000, 5_000))  # 50 MP in 60 bytes
    assert caught.value.code == "too_many_pixels"
    assert str(caught.value) == ("התמונה גדולה מדי (10000 על 5000 פיקסלים, המותר עד 40 מגה-פיקסל).")


def test_a_picture_past_pillows_own_bomb_limit_gets_the_same_hebrew_error():
    with pytest.raises(ImageError) as caught:
        render_renditions(png_header(30_000, 30_000))
    assert caught.value.code == "too_many_pixels"


def test_the_pixel_limit_can_be_lowered():
    with pytest.raises(ImageError, match="המותר עד 1 מגה-פיקסל"):
        inspect_image(image_bytes(size=(2000, 1000)), max_pixels=1_000_000)


def test_the_byte_limit_comes_from_the_caller():
    data = image_bytes("PNG")
    assert inspect_image(data, max_bytes=len(data)).format == "PNG"
    with pytest.raises(ImageError) as caught:
        inspect_image(data, max_bytes=len(data) - 1)
    assert caught.value.code == "too_large"
    assert str(caught.value).startswith("הקובץ גדול מדי")


def test_a_png_with_a_broken_checksum_is_corrupt():
    data = bytearray(image_bytes("PNG"))
    data[-20] ^= 0xFF  # inside the IDAT chunk: its CRC no longer matches
    with pytest.raises(ImageError) as caught:
        inspect_image(bytes(data))
    assert caught.value.code == "corrupt"


def test_a_truncated_jpeg_is_corrupt_when_rendered():
    data = image_bytes("JPEG", size=(600, 400))
    with pytest.raises(ImageError) as caught:
        render_renditions(data[: len(data) // 2])
    assert caught.value.code == "corrupt"


@pytest.mark.parametrize(
    "size, expected",
    [
        ((2000, 1000), [(480, 240), (960, 480), (1600, 800)]),
        ((600, 300), [(480, 240), (600, 300)]),
        ((300, 150), [(300, 150)]),
        ((960, 480), [(480, 240), (960, 480)]),
    ],
)
def test_renditions_are_never_upscaled(size, expected):
    assert target_sizes(size) == expected


def test_a_very_tall_picture_is_narrowed_to_fit_webp():
    sizes = target_sizes((1000, 40_000))
    assert max(height for _, height in sizes) <= WEBP_MAX_SIDE
    assert sizes[-1] == (410, WEBP_MAX_SIDE)


def test_renditions_are_webp_of_the_promised_sizes():
    renditions = render_renditions(image_bytes("JPEG", size=(600, 300)))
    assert [(r.width, r.height) for r in renditions] == [(480, 240), (600, 300)]
    for rendition in renditions:
        image = decoded(rendition)
        assert image.format == "WEBP"
        assert image.size == (rendition.width, rendition.height)
    width, height, data = renditions[0]  # a plain (width, height, bytes) tuple too
    assert data.startswith(b"RIFF")


def test_exif_orientation_is_applied():
    """A phone photo stored sideways (orientation 6: turn clockwise) comes out upright."""
    stored = Image.new("RGB", (200, 100), RED)
    stored.paste(BLUE, (100, 0, 200, 100))  # left red, right blue
    exif = stored.getexif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=exif)
    assert inspect_image(buffer.getvalue())[1:] == (100, 200)
    (rendition,) = render_renditions(buffer.getvalue())
    upright = decoded(rendition).convert("RGB")
    assert upright.size == (100, 200)
    top, bottom = upright.getpixel((50, 20)), upright.getpixel((50, 180))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]


def test_transparency_is_kept_in_webp():
    image = Image.new("RGBA", (100, 100), (*RED, 255))
    image.paste((0, 0, 0, 0), (50, 0, 100, 100))  # the right half see-through
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    (rendition,) = render_renditions(buffer.getvalue())
    webp = decoded(rendition)
    assert webp.mode == "RGBA"
    assert webp.getpixel((90, 50))[3] == 0 and webp.getpixel((10, 50))[3] == 255


def test_an_alpha_channel_that_hides_nothing_is_dropped():
    (rendition,) = render_renditions(image_bytes("PNG", (100, 50), "RGBA", (*RED, 255)))
    assert decoded(rendition).mode == "RGB"


def test_a_gif_transparent_colour_stays_transparent():
    frame = Image.new("P", (100, 50), 0)
    frame.putpalette([*RED, *BLUE] + [0] * 762)
    frame.paste(1, (50, 0, 100, 50))
    buffer = io.BytesIO()
    frame.save(buffer, "GIF", transparency=1)
    (rendition,) = render_renditions(buffer.getvalue())
    webp = decoded(rendition)
    red, green, _, alpha = webp.getpixel((10, 25))
    assert webp.getpixel((90, 25))[3] == 0 and alpha == 255 and red > 200 > 20 > green


def test_an_animated_gif_gives_its_first_frame():
    data = image_bytes(
        "GIF", (100, 50), save_all=True, append_images=[Image.new("RGB", (100, 50), BLUE)]
    )
    (rendition,) = render_renditions(data)
    webp = decoded(rendition)
    assert getattr(webp, "n_frames", 1) == 1
    red, green, blue = webp.convert("RGB").getpixel((50, 25))
    assert red > 200 and blue < 50


def test_a_16_bit_grey_png_keeps_its_greys():
    (rendition,) = render_renditions(image_bytes("PNG", (100, 50), "I;16", 32768))
    red, green, blue = decoded(rendition).convert("RGB").getpixel((50, 25))
    assert 120 < red < 136 and abs(red - green) < 4 and abs(red - blue) < 4


def test_widths_must_be_positive():
    with pytest.raises(ValueError):
        render_renditions(image_bytes(), widths=())


# --- blog.sanitize: the responsive <img> the media library writes into posts ---

IMG = (
    '<img src="/media/images/ab/x-960w.webp" '
    'srcset="/media/images/ab/x-480w.webp 480w, /media/images/ab/x-960w.webp 960w" '
    'sizes="(max-width: 700px) 100vw, 700px" width="960" height="480" alt="תמונה" '
    'loading="lazy" decoding="async">'
)


def test_a_library_img_tag_survives_sanitising():
    html = clean_post_html(IMG)
    for kept in (
        'srcset="/media/images/ab/x-480w.webp 480w, /media/images/ab/x-960w.webp 960w"',
        'sizes="(max-width: 700px) 100vw, 700px"',
        'decoding="async"',
        'loading="lazy"',
        'alt="תמונה"',
    ):
        assert kept in html


@pytest.mark.parametrize(
    "srcset",
    [
        "https://cdn.example.com/a.webp 480w, http://example.com/b.webp 2x",
        "/media/a.webp",
        "/media/a.webp 1.5x",
    ],
)
def test_srcset_with_site_or_web_urls_is_kept(srcset):
    assert f'srcset="{srcset}"' in clean_post_html(f'<img src="/a.webp" srcset="{srcset}">')


@pytest.mark.parametrize(
    "srcset",
    [
        "javascript:alert(1) 1x",
        "/media/a.webp 480w, data:image/svg+xml;base64,PHN2Zz4= 960w",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "relative/a.webp 480w",
        "/a.webp 480w,",
        "/a.webp 480w 2x",
    ],
)
def test_srcset_with_any_other_url_is_dropped_but_the_image_stays(srcset):
    html = clean_post_html(f'<img src="/a.webp" srcset="{srcset}" alt="א">')
    assert html == '<img src="/a.webp" alt="א">'


def test_decoding_takes_only_its_three_values_and_handlers_still_go():
    html = clean_post_html('<img src="/a.webp" decoding="x" onerror="alert(1)">')
    assert html == '<img src="/a.webp">'
