"""Write a parsed WordPress blog (blog.importers.records.Blog) into the models.

One transaction: a failure anywhere leaves the database as it was. Every row is matched
to what an earlier import made (users by login, terms by slug, posts and pages by GUID
or WordPress id, comments by WordPress id within their post), and saved only when a
value differs, so importing the same file twice changes nothing.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from taggit.models import Tag

from blog.importers.comments import import_comments
from blog.importers.content import clean_content
from blog.importers.links import MediaImporter, record_redirects
from blog.importers.report import Report
from blog.media import delete_unused_on_exit
from blog.models import Category, Post
from blog.sanitize import clean_post_html

# WordPress post status -> ours, and what readers would notice about the mapping.
STATUSES = {
    "publish": (Post.Status.PUBLISHED, None),
    "future": (Post.Status.PUBLISHED, None),  # published_at in the future: scheduled
    "draft": (Post.Status.DRAFT, None),
    "pending": (Post.Status.DRAFT, "פוסטים שחיכו לבדיקה יובאו כטיוטות"),
    "private": (Post.Status.DRAFT, "פוסטים פרטיים יובאו כטיוטות (לא גלויים לקוראים)"),
}
FALLBACK_CATEGORY = ("uncategorized", "כללי")


def import_blog(blog, *, media_dir=None, dry_run=False, progress=None):
    """Create or update everything in `blog`; return a Report. With `dry_run` nothing is
    kept (the transaction is rolled back, no media file is written)."""
    report = Report()
    # Image files written inside a transaction that rolls back are deleted on the way out.
    with delete_unused_on_exit(), transaction.atomic():
        importer = _Importer(blog, report, MediaImporter(media_dir, report, dry_run))
        importer.run(progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _slug(value, fallback, max_length):
    slug = slugify(value or "", allow_unicode=True)[:max_length].strip("-")
    return slug or slugify(fallback, allow_unicode=True)[:max_length].strip("-") or "פריט"


class _Importer:
    def __init__(self, blog, report, media):
        self.blog, self.report, self.media = blog, report, media
        self.users, self.categories, self.tags, self.display_names = {}, {}, {}, {}

    def run(self, progress):
        self._authors()
        self._terms()
        items = [item for item in self.blog.items if item.post_type in ("post", "page")]
        self.report.skipped.update(
            f"פריטים מסוג {item.post_type}"
            for item in self.blog.items
            if item.post_type not in ("post", "page", "attachment")
        )
        imported = []
        for done, item in enumerate(items, start=1):
            target = self._item(item)
            if target is not None:
                imported.append((item, target))
            if progress:
                progress(done, len(items))
        record_redirects(self.blog, imported, self.categories, self.tags, self.report)

    def _authors(self):
        users = get_user_model()
        for author in self.blog.authors:
            user = users.objects.filter(username=author.login).first() or users(
                username=author.login
            )
            if user.pk is None:
                user.set_unusable_password()
            first = author.first_name or (author.display_name if not author.last_name else "")
            values = {"first_name": first[:150], "last_name": author.last_name[:150]}
            values["email"] = author.email[:254]
            self.users[author.login] = self.report.save("author", user, values)
        self.display_names = {a.login: a.display_name for a in self.blog.authors}

    def _terms(self):
        tags = [term for term in self.blog.terms if term.kind == "tag"]
        for term in tags:
            slug = _slug(term.slug, term.name, 100)
            tag = Tag.objects.filter(slug=slug).first() or Tag(slug=slug)
            self.tags[term.slug] = self.report.save("tag", tag, {"name": term.name[:100]})
        categories = [term for term in self.blog.terms if term.kind == "category"]
        for term in categories:
            self.categories[term.slug] = self._category(term.slug, term.name, term.description)
        for term in categories:  # parents after all exist, in any order of the file
            parent = self.categories.get(term.parent_slug)
            category = self.categories[term.slug]
            if parent is not None and parent != category and category.parent_id != parent.pk:
                category.parent = parent
                category.save(update_fields=["parent"])

    def _category(self, wp_slug, name, description=""):
        slug = _slug(wp_slug, name, 100)
        category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
        if Category.objects.filter(name=name).exclude(slug=slug).exists():
            name = f"{name} ({slug})"  # WordPress allows one name under two parents
        values = {"name": name[:100], "description": description}
        return self.report.save("category", category, values)

    def _item(self, item):
        if item.status == "trash":
            self.report.skipped["פריטים בפח"] += 1
            return None
        if item.status not in STATUSES:
            self.report.skipped[f"פריטים במצב {item.status}"] += 1
            return None
        cleaned = clean_content(item.content)
        self.report.shortcodes.update(cleaned.shortcodes)
        body = clean_post_html(self.media.rewrite(cleaned.html, cleaned.images))
        if item.post_type == "page":
            return self._page(item, body)
        post = self._post(item, body)
        import_comments(post, item.comments, self.report)
        return post

    def _matching(self, model, item):
        rows = model._base_manager  # a post in the trash too: it is updated there
        found = rows.filter(wp_guid=item.guid).first() if item.guid else None
        return found or rows.filter(wp_id=item.wp_id, wp_guid="").first()

    def _published_at(self, item):
        if item.date is not None:
            return item.date
        if item.local_date is not None:
            return timezone.make_aware(item.local_date)
        return timezone.now()

    def _post(self, item, body):
        status, note = STATUSES[item.status]
        if item.password and status == Post.Status.PUBLISHED:
            # No password protection here: such a post must not become public.
            status, note = Post.Status.DRAFT, "פוסטים מוגנים בסיסמה יובאו כטיוטות"
        if note:
            self.report.notes[note] += 1
        if item.sticky:
            self.report.notes["פוסטים נעוצים יובאו כרגילים (אין באתר נעיצה)"] += 1
        post = self._matching(Post, item) or Post(wp_guid=item.guid, wp_id=item.wp_id)
        values = {
            "title": item.title[:200] or "ללא כותרת",
            "slug": post.slug or self._free_slug(Post, item, 200),
            "excerpt": strip_tags(item.excerpt).strip(),
            "body": body,
            "status": status,
            "published_at": self._published_at(item),
            "comments_open": item.comment_status == "open",
            "category_id": self._post_category(item).pk,
            "author_id": getattr(self.users.get(item.author_login), "pk", None),
            "byline": self.display_names.get(item.author_login, "")[:120],
        }
        self.report.save("post", post, values)
        tags = [self.tags[slug] for slug in item.tags if slug in self.tags]
        if {tag.pk for tag in post.tags.all()} != {tag.pk for tag in tags}:
            post.tags.set(tags)
        return post

    def _free_slug(self, model, item, max_length):
        slug = _slug(item.slug, item.title, max_length)
        taken = model._base_manager.filter(slug=slug).exists()  # the trash's slugs too
        return f"{slug[: max_length - 12]}-wp{item.wp_id}" if taken else slug

    def _post_category(self, item):
        if len(item.categories) > 1:
            self.report.notes["פוסטים בכמה קטגוריות: נשמרה הראשונה"] += 1
        for slug in item.categories:
            if slug not in self.categories:
                self.categories[slug] = self._category(slug, slug)
            return self.categories[slug]
        slug, name = FALLBACK_CATEGORY
        if slug not in self.categories:
            self.categories[slug] = self._category(slug, name)
        return self.categories[slug]

    def _page(self, item, body):
        site_page = apps.get_model("core", "SitePage")
        if item.status != "publish":  # a site page has no draft state: it would be public
            self.report.skipped["עמודים שלא פורסמו"] += 1
            return None
        page = self._matching(site_page, item) or site_page(wp_guid=item.guid, wp_id=item.wp_id)
        values = {
            "title": item.title[:200] or "ללא כותרת",
            "slug": page.slug or self._free_slug(site_page, item, 100),
            "description": strip_tags(item.excerpt).strip()[:300],
            "body": body,
        }
        return self.report.save("page", page, values)
