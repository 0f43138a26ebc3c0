"""What follows a change to stored rows: the search documents of the posts it touches,
and the files of a deleted presentation.

Post.save() rebuilds its search documents itself; these handlers cover what changes
without a post save: tags (taggit sends m2m_changed with the through model as sender),
slides and presentations, the Presentation.posts link, and renamed categories or tags.
Bulk operations (bulk_create, queryset.update) send no signals: call
``Post.objects.filter(...).update_search_documents()`` after them.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

from blog.decks import delete_unused, file_names
from blog.models import Category, Post, Presentation, Slide, TaggedPost

M2M_DONE = {"post_add", "post_remove", "post_clear"}


def _reindex(posts):
    posts.update_search_documents()


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
