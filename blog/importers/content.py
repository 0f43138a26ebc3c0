"""Turn a WordPress post body into plain HTML, and a WordPress comment into plain text.

WordPress stores classic posts as text with line breaks and shortcodes, and formats them
on display (wpautop, do_shortcode). We do that once, at import: block comments go,
[caption] becomes <figure>, other shortcodes stay as text (and are counted for the
report), and a port of wpautop adds the paragraphs. Sanitising is left to the model's
save (blog.sanitize.clean_post_html). Pure Python: no Django here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser


@dataclass
class Cleaned:
    html: str
    shortcodes: Counter = field(default_factory=Counter)  # name -> times left in the text
    images: list[str] = field(default_factory=list)  # <img src> URLs, in order, once each


# Gutenberg's block delimiters (with the newline after each), and WordPress's own markers
# (<!--more-->): the sanitiser drops comments anyway, but wpautop would leave empty <p>s.
_BLOCK_DELIMITER = re.compile(r"<!-- /?wp:(?:(?!-->).)*-->\n?", re.S)
_MARKERS = re.compile(r"<!--(?:more\b[^>]*|nextpage|noteaser)-->")
_CAPTION = re.compile(r"\[(caption|wp_caption)(\s[^\]]*)?\](.*?)\[/\1\]", re.S | re.I)
_CAPTION_ATTRIBUTE = re.compile(r"""\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CAPTIONED_IMAGE = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.S | re.I)
_SHORTCODE = re.compile(r"(?<!\[)\[([A-Za-z][\w-]*)(?=[\s\]/])")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S | re.I)
_IMAGE_SOURCE = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def clean_content(html: str) -> Cleaned:
    """A WordPress post body (content:encoded) as the HTML our posts store, before sanitising.

    Block-editor posts are not run through wpautop, as WordPress itself does not: their
    HTML already has its paragraphs.
    """
    html = (html or "").replace("\r\n", "\n")
    has_blocks = "<!-- wp:" in html
    html = _MARKERS.sub("", _BLOCK_DELIMITER.sub("", html))
    html = _CAPTION.sub(_figure, html)
    if not has_blocks:
        html = wpautop(html)
    return Cleaned(html=html.strip(), shortcodes=_shortcodes(html), images=_images(html))


def _figure(match) -> str:
    """[caption]<a><img></a> Text[/caption] -> <figure>…<figcaption>Text</figcaption></figure>,
    as img_caption_shortcode() reads it: the caption="" attribute wins over trailing text."""
    attribute = _CAPTION_ATTRIBUTE.search(match[2] or "")
    content, caption = match[3].strip(), ""
    if attribute:
        caption = attribute[1] if attribute[1] is not None else attribute[2]
    else:
        image = _CAPTIONED_IMAGE.search(content)
        if image:
            content, caption = image[1], image[2]
    caption = caption.strip()
    return f"<figure>{content}<figcaption>{caption}</figcaption></figure>" if caption else content


def _shortcodes(html: str) -> Counter:
    # Shortcodes shown as code in a post about WordPress are not shortcodes left behind.
    return Counter(name.lower() for name in _SHORTCODE.findall(_CODE.sub("", html)))


def _images(html: str) -> list[str]:
    found = (unescape("".join(match)).strip() for match in _IMAGE_SOURCE.findall(html))
    return list(dict.fromkeys(source for source in found if source))


# --- wpautop, ported from wp-includes/formatting.php -------------------------------------
# PCRE's \s without /u is ASCII whitespace; re.ASCII keeps Python from also eating NBSPs.
_A = re.ASCII
_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
# get_html_split_regex(): a comment, a CDATA section, or any other tag (maybe unclosed).
_HTML_SPLIT = re.compile(
    r"(<(?:(?=!--)!(?:-(?!->)[^\-]*+)*+(?:-->)?"
    r"|(?=!\[CDATA\[)!\[CDATA\[[^\]]*+(?:\](?!\]>)[^\]]*+)*+(?:\]\]>)?"
    r"|[^>]*>?))"
)
_NEWLINE_MARK = " <!-- wpnl --> "
_PHP_TRIM = " \t\n\r\0\x0b"
# Line breaks around these elements carry no meaning; each rule runs if its needle is there.
_COLLAPSE = [
    (("<option",), [(r"\s*<option", "<option"), (r"</option>\s*", "</option>")]),
    (
        ("</object>",),
        [
            (r"(<object[^>]*>)\s*", r"\1"),
            (r"\s*</object>", "</object>"),
            (r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1"),
        ],
    ),
    (
        ("<source", "<track"),
        [
            (r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1"),
            (r"\s*([<\[]/(?:audio|video)[>\]])", r"\1"),
            (r"\s*(<(?:source|track)[^>]*>)\s*", r"\1"),
        ],
    ),
    (
        ("<figcaption",),
        [(r"\s*(<figcaption[^>]*>)", r"\1"), (r"</figcaption>\s*", "</figcaption>")],
    ),
]


def wpautop(text: str, br: bool = True) -> str:
    """Blank lines become paragraphs and single newlines <br>, around block elements;
    <pre> is left exactly as written. WordPress's wpautop(), step for step."""
    if not text.strip(_PHP_TRIM):
        return ""
    text, pre_tags = _hide_pre(text + "\n")
    text = _paragraphs(_space_out_blocks(text))
    if br:
        text = _line_breaks(text)
    text = re.sub(rf"(</?{_BLOCKS}[^>]*>)\s*<br />", r"\1", text, flags=_A)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=_A
    )
    text = re.sub(r"\n</p>$", "</p>", text).replace("<br />", "<br>")
    for name, pre in pre_tags.items():
        text = text.replace(name, pre)
    return text.replace(_NEWLINE_MARK, "\n").replace(_NEWLINE_MARK.strip(), "\n")


def _hide_pre(text: str) -> tuple[str, dict[str, str]]:
    """Swap each <pre>…</pre> for a placeholder, so that autop never touches its content."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    kept, pre_tags = [], {}
    for part in parts:
        start = part.find("<pre")
        if start == -1:  # a stray </pre>: WordPress drops it too
            kept.append(part)
            continue
        name = f"<pre wp-pre-tag-{len(pre_tags)}></pre>"
        pre_tags[name] = part[start:] + "</pre>"
        kept.append(part[:start] + name)
    return "".join(kept) + last, pre_tags


def _space_out_blocks(text: str) -> str:
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=_A)
    text = re.sub(rf"(<{_BLOCKS}[\s/>])", r"\n\n\1", text, flags=_A)
    text = re.sub(rf"(</{_BLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text, flags=_A)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _HTML_SPLIT.split(text)  # newlines inside tags must not become paragraphs
    parts[1::2] = [part.replace("\n", _NEWLINE_MARK) for part in parts[1::2]]
    text = "".join(parts)
    for needles, rules in _COLLAPSE:
        if any(needle in text for needle in needles):
            for pattern, replacement in rules:
                text = re.sub(pattern, replacement, text, flags=_A)
    return re.sub(r"\n\n+", "\n\n", text)


def _paragraphs(text: str) -> str:
    pieces = [piece for piece in re.split(r"\n\s*\n", text, flags=_A) if piece]
    text = "".join(f"<p>{piece.strip(chr(10))}</p>\n" for piece in pieces)
    text = re.sub(r"<p>\s*</p>", "", text, flags=_A)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{_BLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=_A)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{_BLOCKS}[^>]*>)", r"\1", text, flags=_A)
    return re.sub(rf"(</?{_BLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=_A)


def _line_breaks(text: str) -> str:
    def keep(match):
        return match[0].replace("\n", "<WPPreserveNewline />")

    text = re.sub(r"<(script|style|svg).*?</\1>", keep, text, flags=re.S)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text, flags=_A)
    return text.replace("<WPPreserveNewline />", "\n")


# --- comments ----------------------------------------------------------------------------
_SILENT = {"script", "style"}
_PARAGRAPH_TAGS = {"p", "div", "blockquote", "ul", "ol", "pre", *(f"h{n}" for n in range(1, 7))}


class _CommentText(HTMLParser):
    """Collects a comment's text: <br> and <li> as newlines, paragraphs as blank lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.silent = 0

    def handle_starttag(self, tag, attrs):
        self.silent += tag in _SILENT
        if tag in ("br", "li"):
            self.parts.append("\n")
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        self.silent -= tag in _SILENT and self.silent > 0
        if tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.silent:
            self.parts.append(data)


def comment_text(body: str) -> str:
    """A WordPress comment body (text with a little HTML) as plain text with line breaks."""
    parser = _CommentText()
    parser.feed((body or "").replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    text = re.sub(r"[ \t]+\n", "\n", "".join(parser.parts))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
