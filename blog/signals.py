"""What follows a change to stored rows: the search documents of the posts it touches,
the files of a deleted presentation, and the content generation that page caches key on.

Post.save() rebuilds its search documents itself; these handlers cover what changes
without a post save: tags (taggit sends m2m_changed with the through model as sender),
slides and presentations, the Presentation.posts link, and renamed categories or tags.
Bulk operations (bulk_create, queryset.update) send no signals: call
``Post.objects.filter(...).update_search_documents()`` after them, and
``blog.cache.bump()`` when public pages show what they changed.
"""

import hashlib

from django.core.management import call_command
from django.db import connections, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from taggit.models import Tag

from blog import cache
from blog.decks import delete_unused, file_names
from blog.models import Category, Comment, Post, Presentation, Slide, TaggedPost

M2M_DONE = {"post_add", "post_remove", "post_clear"}


def _reindex(posts):
    posts.update_search_documents()


@receiver(pre_save, sender=Tag)
def tag_slug_never_empty(sender, instance, **kwargs):
    """taggit slugifies a name like "++" or "💡" to "": such a tag has no address, and
    every page that lists it (the sidebar: every page) failed to reverse it (issue 14)."""
    if not instance.slug:
        instance.slug = "tag-" + hashlib.sha256(instance.name.encode()).hexdigest()[:10]


@receiver(m2m_changed, sender=TaggedPost)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in M2M_DONE:
        return
    if isinstance(instance, Post):
        _reindex(Post.objects.filter(pk=instance.pk))
    elif pk_set:
        _reindex(Post.objects.filter(pk__in=pk_set))


@receiver(m2m_changed, sender=Presentation.posts.through)
def presentation_posts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        # After a clear the old links are gone: remember whom to reindex.
        instance._search_reindex = list(
            _linked_posts(instance, reverse).values_list("pk", flat=True)
        )
        return
    if action not in M2M_DONE:
        return
    if action == "post_clear":
        _reindex(Post.objects.filter(pk__in=getattr(instance, "_search_reindex", [])))
    elif reverse:  # post.presentations.add(...)
        _reindex(Post.objects.filter(pk=instance.pk))
    else:  # presentation.posts.add(...)
        _reindex(Post.objects.filter(pk__in=pk_set or ()))


def _linked_posts(instance, reverse):
    if reverse:
        return Post.objects.filter(pk=instance.pk)
    return Post.objects.filter(presentations=instance)


@receiver(post_save, sender=Presentation)
def presentation_saved(sender, instance, created, **kwargs):
    if not created:
        _reindex(Post.objects.filter(presentations=instance))


@receiver(pre_delete, sender=Presentation)
def presentation_deleting(sender, instance, **kwargs):
    # Its post links and slides are deleted with it: read now whom to reindex and which
    # files it used; by post_delete they are gone.
    instance._search_reindex = list(instance.posts.values_list("pk", flat=True))
    instance._deck_files = file_names(instance)


@receiver(post_delete, sender=Presentation)
def presentation_deleted(sender, instance, **kwargs):
    _reindex(Post.objects.filter(pk__in=getattr(instance, "_search_reindex", [])))
    names = getattr(instance, "_deck_files", [])
    # After the commit, and only files no other deck shares.
    transaction.on_commit(lambda: delete_unused(names))


@receiver(post_save, sender=Slide)
@receiver(post_delete, sender=Slide)
def slide_changed(sender, instance, **kwargs):
    # By presentation id: on delete the slide row is already gone.
    _reindex(Post.objects.filter(presentations=instance.presentation_id))


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, **kwargs):
    if not created:
        _reindex(Post.objects.filter(category=instance))


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created, **kwargs):
    if not created:
        _reindex(Post.objects.filter(tags=instance))


# Page cache: every change a public page could show starts a new content generation.
# Saving a post covers publishing, unpublishing and rescheduling; a post whose publish
# time passes changes no row: blog.cache notices the time itself. Media library images
# are not here: pages show a post's stored HTML, never an Image row.
SHOWN_ON_PAGES = (Post, Category, Tag, Presentation, Slide, "core.SitePage")


def content_changed(sender, using, **kwargs):
    cache.bump(using)


def links_changed(sender, action, using, **kwargs):
    if action in M2M_DONE:
        cache.bump(using)


for _model in SHOWN_ON_PAGES:
    post_save.connect(content_changed, sender=_model, dispatch_uid=f"page-cache-save-{_model}")
    post_delete.connect(content_changed, sender=_model, dispatch_uid=f"page-cache-del-{_model}")
for _through in (TaggedPost, Presentation.posts.through):
    m2m_changed.connect(links_changed, sender=_through, dispatch_uid=f"page-cache-{_through}")


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, created, using, **kwargs):
    # A new comment waiting for an editor, or spam, shows on no public page; a change to
    # an existing one may be its approval or removal.
    if not created or instance.status == Comment.Status.APPROVED:
        cache.bump(using)


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance, using, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        cache.bump(using)


@receiver(post_migrate)
def migrated(sender, using, **kwargs):
    """After `migrate` (every deploy runs it): the database cache's table exists, and
    pages cached by the previous code are stale."""
    if sender.name != "blog":
        return
    call_command("createcachetable", database=using, verbosity=0)
    if Post._meta.db_table in connections[using].introspection.table_names():  # not after "zero"
        cache.bump(using)
