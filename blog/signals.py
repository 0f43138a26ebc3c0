"""Keep Post.search_title/search_document current when related rows change.

Post.save() rebuilds them itself; these handlers cover what changes without a post
save: tags (taggit sends m2m_changed with the through model as sender), slides and
presentations, the Presentation.posts link, and renamed categories or tags.
Bulk operations (bulk_create, queryset.update) send no signals: call
``Post.objects.filter(...).update_search_documents()`` after them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

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
    # Its links to posts are deleted with it: remember whom to reindex afterwards.
    instance._search_reindex = list(instance.posts.values_list("pk", flat=True))


@receiver(post_delete, sender=Presentation)
def presentation_deleted(sender, instance, **kwargs):
    _reindex(Post.objects.filter(pk__in=getattr(instance, "_search_reindex", [])))


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
