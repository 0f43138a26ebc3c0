"""The context of a post page built from an unsaved post form (blog.admin.autosave's
preview): the post as the form would save it, sanitized, with the form's tags, its decks
and neighbours, and no comment section."""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from blog.models import Comment
from blog.models.image_markup import render_library_images
from blog.sanitize import clean_post_html
from blog.templatetags.navigation import neighbours
from blog.templatetags.presentations import first_slide_image, post_decks


def _tags(names):
    """Tag rows for `names`: the stored ones, and unsaved ones for new names."""
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [
        known.get(name) or Tag(name=name, slug=slugify(name, allow_unicode=True) or "tag")
        for name in names
    ]


def context(request, form):
    post = form.instance  # filled by the form's validation; never saved here
    post.body = render_library_images(clean_post_html(post.body))  # as Post.save() does
    saved = post.pk is not None
    if not saved:
        post.pk = 0  # no row has it: the page's tags and neighbours need a key
    post._prefetched_objects_cache = {"tags": _tags(form.cleaned_data.get("tags") or [])}
    post.comment_count = Comment.objects.filter(post=post).approved().count() if saved else 0
    decks = post_decks(post) if saved else []
    return {
        "post": post,
        "object": post,
        "preview": True,
        "decks": decks,
        "image_url": first_slide_image(decks),
        "neighbours": neighbours(post),
        "comments": [],
        "comments_shared": False,
        "comment_page": None,
        "comment_form": None,
        "comments_closed_reason": _("תצוגה מקדימה: התגובות אינן פעילות כאן."),
        "comment_notice": None,
        "replying_to": None,
    }
