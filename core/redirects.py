"""Old addresses of posts keep working: when a published post's slug changes, its old
path answers 301 with the new one (core.Redirect, read by RedirectFallbackMiddleware only
when nothing else answers, so a post that later takes an old path wins).

Chains collapse (every old path points straight at the newest), and the path a post has
now is never redirected away. A post's address holds only its slug (blog/urls.py):
neither its category nor its date is in it.
"""

from urllib.parse import unquote

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from blog.models import Post
from core.models import Redirect


def _paths(post):
    """(the stored form of the path, as request.path reads it; as Location sends it)."""
    url = post.get_absolute_url()
    return unquote(url), url


@receiver(pre_save, sender=Post, dispatch_uid="post-redirects-before")
def remember_old_address(sender, instance, **kwargs):
    instance._old_address = None
    if instance.pk is None:
        return
    before = Post.all_objects.filter(pk=instance.pk).values("slug", "status").first()
    if before and before["status"] == Post.Status.PUBLISHED and before["slug"] != instance.slug:
        instance._old_address = _paths(Post(slug=before["slug"]))


@receiver(post_save, sender=Post, dispatch_uid="post-redirects-after")
def record_old_address(sender, instance, **kwargs):
    path, url = _paths(instance)
    old = getattr(instance, "_old_address", None)
    if old:
        old_path, old_url = old
        # Whatever pointed at the old address now points at the new one: no chains.
        Redirect.objects.filter(new_path__in={old_url, old_path}).update(new_path=url)
        Redirect.objects.update_or_create(old_path=old_path, defaults={"new_path": url})
    # This post answers at its own path: a redirect from there (an old one, or one a
    # chain just turned onto itself) would never run or would loop.
    Redirect.objects.filter(old_path=path).delete()
    instance._old_address = None
