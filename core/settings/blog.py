"""The site's own settings: mail, identity, editor, page caching, comments, decks, images."""

import os

from django.urls import reverse_lazy

from .env import DEBUG, env_bool, env_list
from .operations import contact_email

# EMAIL_BACKEND, SMTP and DEFAULT_FROM_EMAIL: settings/operations.py.
# Editors who get an email for each new comment.
BLOG_EDITOR_EMAILS = env_list("BLOG_EDITOR_EMAILS", ["editor@localhost"])

SITE_NAME = os.environ.get("BLOG_SITE_NAME", "ממשל ומדיה חברתית")
SITE_TAGLINE = os.environ.get("BLOG_SITE_TAGLINE", "מאמרים על ממשל, ארגונים וטכנולוגיה")

# Hebrew tag names keep Hebrew slugs: TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING stays unset.
TAGGIT_CASE_INSENSITIVE = True

# The editor offers exactly what blog/sanitize.py keeps (a test holds the two together:
# blog/tests/test_editor_content.py). Titles are TinyMCE's own English keys, which its
# Hebrew language pack translates.
TINYMCE_DEFAULT_CONFIG = {
    "license_key": "gpl",
    "menubar": False,
    "plugins": "lists,link,image,table,directionality,code",
    "toolbar": (
        "undo redo | blocks styles | bold italic | bullist numlist blockquote | "
        "link image table | ltr rtl | code"
    ),
    "toolbar_mode": "wrap",  # every button in sight, none behind a "more" menu
    "block_formats": "Paragraph=p; Heading 2=h2; Heading 3=h3; Heading 4=h4; Preformatted=pre",
    "style_formats": [{"title": "Code", "inline": "code"}],
    "height": 420,
    "promotion": False,
    "branding": False,
    "entity_encoding": "raw",
    # Keep "/media/..." as written: relative URLs would break on another page's path.
    "relative_urls": False,
    "remove_script_host": True,
    # Links: "new window" is the one target (the sanitiser adds rel="noopener noreferrer").
    "link_assume_external_targets": "https",
    "link_target_list": [
        {"title": "None", "value": ""},
        {"title": "New window", "value": "_blank"},
    ],
    # Tables without the inline styles and sizes the sanitiser would drop anyway.
    "table_default_attributes": {},
    "table_default_styles": {},
    "table_use_colgroups": False,
    "table_sizing_mode": "responsive",
    "table_appearance_options": False,
    "table_advtab": False,
    "table_cell_advtab": False,
    "table_row_advtab": False,
    # Images: uploaded into the media library (drag, paste, or the dialog's upload tab)
    # through blog/admin/images.py; alt text or an explicit "decorative" mark.
    "image_caption": True,
    "image_dimensions": False,
    "image_advtab": False,
    "a11y_advanced_options": True,
    "automatic_uploads": True,
    "paste_data_images": True,
    "images_file_types": "jpeg,jpg,png,webp,gif",
    "images_upload_url": reverse_lazy("admin:blog_image_editor_upload"),
    "images_upload_handler": "blogEditorImageUpload",  # static/blog/admin/image-upload.js
    "image_list": reverse_lazy("admin:blog_image_editor_list"),  # reuse from the library
}
TINYMCE_EXTRA_MEDIA = {"js": ["blog/admin/image-upload.js"]}

BLOG_POSTS_PER_PAGE = 10
# A search looks at the newest posts holding all its words, this many at most, so its cost
# stays flat as the blog grows (blog/search.py); the results page says when it was full.
BLOG_SEARCH_WINDOW = int(os.environ.get("BLOG_SEARCH_WINDOW", "500"))

# Serve MEDIA_ROOT from Django itself (fine for a small site behind a cache; a CDN or
# the web server can take over later).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# Anonymous readers' pages may be cached by browsers and shared caches this long.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "300"))
# Anonymous readers' pages are kept whole in the shared cache this long (0: off); any
# change they show, or a scheduled post going live, ends them sooner. Off by default
# with DEBUG on, so a template edit shows at once.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
# Rendered fragments (sidebar, article, comment threads) are kept as long, per process,
# and for the same content generation only; 0 (with DEBUG on) renders them every time.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", PAGE_CACHE_SECONDS))

# Comments (issue 3). See blog/moderation.py and blog/forms.py.
# Close comments this many days after publishing; 0 = never (the 2010 seed post stays open).
BLOG_COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("BLOG_COMMENTS_CLOSE_AFTER_DAYS", "0"))
# Approve at once when the email already has an approved comment.
BLOG_COMMENT_AUTO_APPROVE_KNOWN = env_bool("BLOG_COMMENT_AUTO_APPROVE_KNOWN", False)
# More links than this: held for moderation; more than three times this: spam.
BLOG_COMMENT_MAX_LINKS = int(os.environ.get("BLOG_COMMENT_MAX_LINKS", "2"))
# Comments stored per client address (blog/clientip.py) per window, and per post from
# everyone per its window; counted in the database, so shared by every worker and server.
BLOG_COMMENT_RATE_LIMIT = int(os.environ.get("BLOG_COMMENT_RATE_LIMIT", "5"))
BLOG_COMMENT_RATE_WINDOW = int(os.environ.get("BLOG_COMMENT_RATE_WINDOW", "60"))
BLOG_COMMENT_POST_RATE_LIMIT = int(os.environ.get("BLOG_COMMENT_POST_RATE_LIMIT", "30"))
BLOG_COMMENT_POST_RATE_WINDOW = int(os.environ.get("BLOG_COMMENT_POST_RATE_WINDOW", "600"))
# The signed form token: faster than MIN is a bot, older than MAX is a replay; each one
# is accepted once (its use is recorded in the shared cache for MAX seconds).
BLOG_COMMENT_MIN_SECONDS = int(os.environ.get("BLOG_COMMENT_MIN_SECONDS", "3"))
BLOG_COMMENT_MAX_AGE = int(os.environ.get("BLOG_COMMENT_MAX_AGE", str(2 * 3600)))
# Editors get at most one email about new comments per this many minutes (a digest).
BLOG_COMMENT_DIGEST_MINUTES = int(os.environ.get("BLOG_COMMENT_DIGEST_MINUTES", "15"))

# Readers' address for the editors, shown on site pages that ask for it (about, the
# accessibility statement). Unset by default, and then the contact block is hidden:
# no placeholder such as the editors' "editor@localhost" ever reaches a reader (issue 15).
SITE_CONTACT_EMAIL = contact_email()  # checked: settings/operations.py

# Slide decks (issue 4): limits for an uploaded PDF. See blog/slides.py and blog/pdf.py.
BLOG_DECK_MAX_PAGES = int(os.environ.get("BLOG_DECK_MAX_PAGES", "200"))
BLOG_DECK_MAX_BYTES = int(os.environ.get("BLOG_DECK_MAX_MB", "50")) * 1024 * 1024
# Decks render in a child process (blog/pdf_sandbox.py) with this address-space cap and
# these wall-clock limits; a page over one is refused with a message naming it. The deck
# limit must stay below gunicorn's timeout (deploy/gunicorn.conf.py): uploads render
# within the admin request until there is a task queue.
BLOG_DECK_RENDER_MEMORY_BYTES = int(os.environ.get("BLOG_DECK_RENDER_MEMORY_MB", "512")) << 20
BLOG_DECK_PAGE_SECONDS = float(os.environ.get("BLOG_DECK_PAGE_SECONDS", "20"))
BLOG_DECK_RENDER_SECONDS = float(os.environ.get("BLOG_DECK_RENDER_SECONDS", "240"))

# Images of the media library (blog/media.py): the largest original accepted.
BLOG_IMAGE_MAX_BYTES = int(os.environ.get("BLOG_IMAGE_MAX_MB", "20")) * 1024 * 1024
