"""How the media view hands over a file it has decided the reader may have
(DJANGO_MEDIA_DELIVERY, core/settings/storage.py).

- ``django``: Django sends the bytes: ``serve()`` from local disk (development), or a
  stream from the store.
- ``nginx``: an empty answer with ``X-Accel-Redirect``; nginx sends the file from disk
  (internal location /_media/) or fetches the object by its signed URL, given in
  ``X-Media-Store-Url`` (internal location /_store/). Django never reads the bytes.
- ``store``: a redirect to the store's own URL (signed, or under the custom domain).

The view adds the cache, nosniff, sandbox and attachment headers to whatever comes back.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.static import serve

from core.storage import media_type


def deliver(request, name, path):
    """The response that sends stored file `name` (`path` as the URL spelt it)."""
    delivery = settings.MEDIA_DELIVERY
    local = not hasattr(default_storage, "store_url")
    if delivery == "nginx":
        return _accel(name, local)
    if delivery == "store" and not local:
        return HttpResponseRedirect(default_storage.store_url(name))
    try:
        if local:
            # MEDIA_ROOT is read per request so settings overrides (tests) take effect.
            return serve(request, path, document_root=settings.MEDIA_ROOT)
        # The store: one HEAD first, so a missing object is a 404, not a broken stream.
        if not default_storage.exists(name):
            raise FileNotFoundError(name)
        return FileResponse(default_storage.open(name), content_type=media_type(name))
    except OSError:  # missing, or a name longer than the file system allows
        raise Http404(_("אין קובץ כזה.")) from None


def _accel(name, local):
    response = HttpResponse(content_type=media_type(name))
    if local:
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_LOCAL_PREFIX + quote(name)
    else:
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_STORE_PREFIX + quote(name)
        response["X-Media-Store-Url"] = default_storage.store_url(name)
    return response
