"""Bad bytes stop at the door: a NUL character in the path answers 404 (no address holds
one) and in any query parameter 400, each with a Hebrew page, before a view, the page
cache or the database sees it.

PostgreSQL text cannot hold a NUL at all: looked up as a slug or a search term it raised
DataError (a 500), where SQLite just found nothing. Other odd input (invalid UTF-8, which
Django replaces; overlong or unusual Unicode) is the views' own business and is swept by
core/tests/test_bad_input.py.
"""

from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.template import loader

NUL = "\x00"


def nul_in_query(request):
    return any(NUL in key + "".join(values) for key, values in request.GET.lists())


class NulGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
        if nul_in_query(request):
            return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))
        return self.get_response(request)
