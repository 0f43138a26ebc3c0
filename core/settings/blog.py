"""The site's own settings: mail, identity, editor, page caching, comments, decks, images."""

import os

from .env import DEBUG, env_bool, env_list

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "blog@localhost")
# Editors who get an email for each new comment.
BLOG_EDITOR_EMAILS = env_list("BLOG_EDITOR_EMAILS", ["editor@localhost"])

SITE_NAME = os.environ.get("BLOG_SITE_NAME", "ממשל ומדיה חברתית")
SITE_TAGLINE = os.environ.get("BLOG_SITE_TAGLINE", "מאמרים על ממשל, ארגונים וטכנולוגיה")

# Hebrew tag names keep Hebrew slugs: TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING stays unset.
TAGGIT_CASE_INSENSITIVE = True

TINYMCE_DEFAULT_CONFIG = {
    "license_key": "gpl",
    "menubar": False,
    "plugins": "lists,link,image,table",
    "toolbar": "undo redo | blocks | bold italic | bullist numlist | link image | table",
    "height": 420,
    "promotion": False,
    "branding": False,
}

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
SITE_CONTACT_EMAIL = os.environ.get("BLOG_CONTACT_EMAIL", "").strip()

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
