from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from blog.models.base import NotTrashedManager, unique_slug
from blog.models.image_markup import COVER_IMAGE_FIELD, check_alt_text, render_library_images
from blog.sanitize import clean_post_html, web_url
from blog.search import SEARCH_FIELDS, SearchQuery, build_documents, filter_and_rank


class CategoryQuerySet(models.QuerySet):
    def with_published_stats(self):
        """Annotate `post_count` and `last_updated` over the published posts only."""
        published = PostQuerySet.published_q("posts__")
        return self.annotate(
            post_count=Count("posts", filter=published),
            last_updated=Max("posts__updated_at", filter=published),
        )


class Category(models.Model):
    name = models.CharField(_("שם"), max_length=100, unique=True)
    slug = models.SlugField(
        _("מזהה בכתובת"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("החלק של הקטגוריה בכתובת האתר; עברית מותרת."),
    )
    description = models.TextField(_("תיאור"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("קטגוריית אם"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("קטגוריה")
        verbose_name_plural = _("קטגוריות")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, 100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})


class TaggedPost(TaggedItemBase):
    """Direct-FK through model: real joins and integrity instead of a generic FK."""

    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("תגית של פוסט")
        verbose_name_plural = _("תגיות של פוסטים")


TAGGED_POSTS = "blog_taggedpost_items"  # Tag -> TaggedPost, the reverse of TaggedPost.tag


def tags_with_published_stats():
    """Tags annotated with `post_count` and `last_updated` over the published posts only."""
    published = PostQuerySet.published_q(f"{TAGGED_POSTS}__content_object__")
    return Tag.objects.annotate(
        post_count=Count(TAGGED_POSTS, filter=published),
        last_updated=Max(f"{TAGGED_POSTS}__content_object__updated_at", filter=published),
    )


def _approved_count(**extra):
    """A post's approved comments, counted in a subquery (no GROUP BY over post rows)."""
    rows = apps.get_model("blog", "Comment").objects.filter(post=OuterRef("pk"), **extra)
    rows = rows.filter(status="approved").order_by().values("post")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


class PostQuerySet(models.QuerySet):
    @staticmethod
    def published_q(prefix="", now=None):
        """The one definition of what readers may see at `now` (by default the present).

        `prefix` reaches posts through a relation ("posts__" from a category); everything
        else calls published() or this. Post.is_published() is the same rule for one post.
        """
        now = now or timezone.now()
        rule = {"status": Post.Status.PUBLISHED, "published_at__lte": now, "deleted_at": None}
        return Q(**{f"{prefix}{lookup}": value for lookup, value in rule.items()})

    def published(self, now=None):
        return self.filter(self.published_q(now=now))

    def visible_to(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()

    def with_comment_count(self):
        return self.annotate(comment_count=_approved_count())

    def with_thread_count(self):
        """Annotate `thread_count`: approved top-level comments (what comment pages hold)."""
        return self.annotate(thread_count=_approved_count(parent=None))

    def for_listing(self):
        """What a post card needs, in a fixed number of queries."""
        return (
            self.select_related("category", "author", "cover_image")
            .prefetch_related("tags")
            .with_comment_count()
            # Aggregation drops Meta.ordering, so order explicitly.
            .order_by("-published_at", "-pk")
        )

    def search(self, query):
        """Posts matching `query` (a SearchQuery, or text), best first (blog.search)."""
        query = query if isinstance(query, SearchQuery) else SearchQuery.parse(query)
        return filter_and_rank(self, query)

    def update_search_documents(self):
        """Recompute the stored search documents of these posts (after related changes)."""
        for post in self.select_related("category"):
            documents = post.build_search_documents()
            type(post).objects.filter(pk=post.pk).update(**documents)


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("טיוטה")
        PENDING = "pending", _("ממתין לבדיקה")
        PUBLISHED = "published", _("פורסם")

    title = models.CharField(_("כותרת"), max_length=200)
    slug = models.SlugField(
        _("מזהה בכתובת"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_("נוצר מהכותרת; עברית מותרת. שינוי שלו משנה את כתובת הפוסט."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("משתמש כותב"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    byline = models.CharField(
        _("שם הכותב להצגה"),
        max_length=120,
        blank=True,
        help_text=_("השם שיוצג לקוראים. אם ריק, יוצג שם המשתמש הכותב."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("קטגוריה"), on_delete=models.PROTECT, related_name="posts"
    )
    tags = TaggableManager(
        verbose_name=_("תגיות"),
        through=TaggedPost,
        blank=True,
        help_text=_("רשימת תגיות מופרדות בפסיקים."),
    )
    excerpt = models.TextField(
        _("תקציר"), blank=True, help_text=_("מוצג ברשימות ובתצוגות מקדימות של קישורים.")
    )
    body = models.TextField(_("תוכן"), help_text=_("HTML מסונן: תגיות לא בטוחות מוסרות בשמירה."))
    cover_image = models.ForeignKey("blog.Image", models.SET_NULL, **COVER_IMAGE_FIELD)
    status = models.CharField(
        _("מצב"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("מועד פרסום"),
        default=timezone.now,
        db_index=True,
        help_text=_("פוסט עם מועד עתידי יופיע לקוראים רק מהמועד הזה."),
    )
    created_at = models.DateTimeField(_("נוצר"), auto_now_add=True)
    updated_at = models.DateTimeField(_("עודכן"), auto_now=True)
    comments_open = models.BooleanField(
        _("תגובות פתוחות"), default=True, help_text=_("בטלו כדי לסגור את הפוסט לתגובות חדשות.")
    )
    source_url = models.URLField(_("כתובת המקור"), blank=True, max_length=500)
    source_published_on = models.DateField(_("תאריך הפרסום המקורי"), null=True, blank=True)
    source_name = models.CharField(_("שם המקור"), max_length=200, blank=True)
    # Derived on save and by blog.signals (tags, slides); see blog.search.
    search_title = models.TextField(editable=False, blank=True, default="")
    search_document = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    # Where an imported post came from (blog.importers): re-imports match on these.
    wp_guid = models.CharField(_("מזהה וורדפרס (GUID)"), max_length=500, blank=True, db_index=True)
    wp_id = models.PositiveBigIntegerField(_("מספר הפוסט בוורדפרס"), null=True, blank=True)
    # Set when moved to the trash (blog.trash): hidden everywhere but the trash's admin.
    deleted_at = models.DateTimeField(_("הועבר לסל המחזור"), null=True, editable=False)

    objects = NotTrashedManager.from_queryset(PostQuerySet)()
    all_objects = PostQuerySet.as_manager()  # the trash too

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("פוסט")
        verbose_name_plural = _("פוסטים")
        indexes = [  # covering: lists and counts; a search window's posts by id (blog.search)
            models.Index(fields=["status", "-published_at", "deleted_at"]),
            models.Index(fields=["status", "id", "published_at", "deleted_at"]),
        ]
        permissions = [("publish_post", _("פרסום פוסטים, ביטול פרסום ועריכת פוסטים של אחרים"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, 200)
        self.body = render_library_images(clean_post_html(self.body))
        self.source_url = web_url(self.source_url)
        for field, document in self.build_search_documents().items():
            setattr(self, field, document)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:post", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        check_alt_text(clean_post_html(self.body))

    def build_search_documents(self):
        """{field: document} of the search fields from this post's texts, tags and slides."""
        tags, slides = [], []
        if self.pk:
            # Fresh queries, not the prefetch cache: called right after tag/slide changes.
            tags = TaggedPost.objects.filter(content_object_id=self.pk).values_list(
                "tag__name", flat=True
            )
            presentations = self.presentations.values_list("title", "description")
            slides_of_post = apps.get_model("blog", "Slide").objects.filter(
                presentation__posts=self.pk
            )
            slide_texts = slides_of_post.values_list("title", "text")
            slides = [text for row in (*presentations, *slide_texts) for text in row]
        return build_documents(
            title=self.title,
            excerpt=self.excerpt,
            body=self.body,
            category=self.category.name if self.category_id else "",
            tags=list(tags),
            slides=slides,
        )

    def is_published(self):
        """PostQuerySet.published_q() for this one post (a test keeps the two in step)."""
        published = self.status == self.Status.PUBLISHED and self.deleted_at is None
        return published and self.published_at <= timezone.now()

    @property
    def author_name(self):
        if self.byline:
            return self.byline
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return ""

    @property
    def is_republished(self):
        return bool(self.source_url or self.source_name)

    def comment_tree(self, comments=None):
        """Approved comments (or those of `comments`) as a tree, each with `.children`."""
        comments = list(self.comments.approved() if comments is None else comments)
        by_parent = defaultdict(list)
        for comment in comments:
            by_parent[comment.parent_id].append(comment)
        for comment in comments:
            comment.children = by_parent.get(comment.pk, [])
        return by_parent.get(None, [])
