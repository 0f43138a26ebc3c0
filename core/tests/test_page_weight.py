"""What a browser downloads for the post page: at most three requests (the HTML, one
stylesheet, one script) and 12 KB compressed together, slide images aside; CSS and
JavaScript measured as collectstatic serves them in production (minified, gzipped)."""

import gzip
import re
from pathlib import Path

from django.conf import settings

from core.storage import minify

MAX_REQUESTS = 3
MAX_COMPRESSED_BYTES = 12 * 1024
STATIC = Path(settings.BASE_DIR) / "static"
ASSET = re.compile(r'<link rel="stylesheet" href="/static/([^"]+)"|<script src="/static/([^"]+)"')


def weight(html):
    """{what: gzip-compressed bytes} for the page and the stylesheets and scripts it loads."""
    sizes = {"HTML": len(gzip.compress(html.encode(), 6))}
    for css, js in ASSET.findall(html):
        name = css or js
        served = minify(name, (STATIC / name).read_text(encoding="utf-8"))
        sizes[name] = len(gzip.compress(served.encode(), 6))
    return sizes


def test_the_post_page_costs_three_requests_and_at_most_12_kb(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    sizes = weight(html)
    print("\ncompressed bytes:", sizes, "total", sum(sizes.values()))
    assert list(sizes) == ["HTML", "css/site.css", "js/site.js"]
    assert len(sizes) <= MAX_REQUESTS
    assert sum(sizes.values()) <= MAX_COMPRESSED_BYTES


def test_minifying_keeps_our_files_working_and_leaves_others_alone():
    css = minify("css/site.css", "a {\n  color: red; /* why */\n}\n")
    assert css == "a{color:red}"
    js = minify("js/site.js", '(() => {\n  // note\n  "use strict";\n})();\n')
    assert "note" not in js and '"use strict"' in js
    vendor = "/* licence */ a { color: red; }"
    assert minify("tinymce/skin.css", vendor) == vendor
