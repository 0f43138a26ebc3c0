from django.db import models
from django.urls import reverse

MAX_DEPTH = 2  # 0-based: replies show at most three levels


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "ממתינה לאישור"
        APPROVED = "approved", "מאושרת"
        SPAM = "spam", "זבל"
        REMOVED = "removed", "הוסרה"

    post = models.ForeignKey(
        "blog.Post", verbose_name="פוסט", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", verbose_name="תגובה לתגובה", on_delete=models.CASCADE, null=True, blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField("עומק", default=0, editable=False)
    author_name = models.CharField("שם", max_length=80)
    author_email = models.EmailField("דוא״ל", help_text="לא מוצג לקוראים.")
    author_url = models.URLField("אתר", blank=True, max_length=300)
    body = models.TextField("תוכן התגובה")
    status = models.CharField(
        "מצב", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("נשלחה", auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("כתובת IP", null=True, blank=True)
    user_agent = models.CharField("דפדפן", max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "תגובה"
        verbose_name_plural = "תגובות"
        indexes = [models.Index(fields=["post", "status", "created_at"])]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        if self.parent_id:
            # Deeper replies attach to the deepest shown level's comment.
            while self.parent.depth >= MAX_DEPTH:
                self.parent = self.parent.parent
            self.depth = self.parent.depth + 1
        else:
            self.depth = 0
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('blog:post', kwargs={'slug': self.post.slug})}#comment-{self.pk}"


class BlockedTerm(models.Model):
    """Words or addresses that send a comment straight to spam; editors maintain the list."""

    class Kind(models.TextChoices):
        WORD = "word", "מילה או ביטוי"
        EMAIL = "email", "כתובת דוא״ל"
        IP = "ip", "כתובת IP"

    kind = models.CharField("סוג", max_length=10, choices=Kind.choices, default=Kind.WORD)
    value = models.CharField("ערך", max_length=200)
    note = models.CharField("הערה", max_length=200, blank=True)
    created_at = models.DateTimeField("נוסף", auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = "מונח חסום"
        verbose_name_plural = "רשימת חסימה"
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocked_term")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
