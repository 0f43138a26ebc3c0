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
# Per-IP limit through the cache (per process with the default locmem cache).
BLOG_COMMENT_RATE_LIMIT = int(os.environ.get("BLOG_COMMENT_RATE_LIMIT", "5"))
BLOG_COMMENT_RATE_WINDOW = int(os.environ.get("BLOG_COMMENT_RATE_WINDOW", "60"))
# The signed form token: faster than MIN is a bot, older than MAX is a replay.
BLOG_COMMENT_MIN_SECONDS = int(os.environ.get("BLOG_COMMENT_MIN_SECONDS", "3"))
BLOG_COMMENT_MAX_AGE = int(os.environ.get("BLOG_COMMENT_MAX_AGE", str(12 * 3600)))
# Behind a proxy, the META key holding the client address (e.g. HTTP_X_FORWARDED_FOR).
BLOG_COMMENT_IP_HEADER = os.environ.get("BLOG_COMMENT_IP_HEADER", "")

# Readers' address for the editors, shown on site pages that ask for it (the
# accessibility statement); defaults to the first editor address.
SITE_CONTACT_EMAIL = os.environ.get("BLOG_CONTACT_EMAIL", (BLOG_EDITOR_EMAILS or [""])[0])

# Slide decks (issue 4): limits for an uploaded PDF. See blog/slides.py and blog/pdf.py.
BLOG_DECK_MAX_PAGES = int(os.environ.get("BLOG_DECK_MAX_PAGES", "200"))
BLOG_DECK_MAX_BYTES = int(os.environ.get("BLOG_DECK_MAX_MB", "50")) * 1024 * 1024

# Images of the media library (blog/media.py): the largest original accepted.
BLOG_IMAGE_MAX_BYTES = int(os.environ.get("BLOG_IMAGE_MAX_MB", "20")) * 1024 * 1024
