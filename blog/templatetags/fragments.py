"""{% fragment "name" value… %}…{% endfragment %}: a piece of a public page rendered once
per content generation and kept in this process's memory (blog.cache.kept).

The key is the fragment's name, the generation read for this request, the site's
address and the values given, so a fragment is never stale: any change a reader could
see starts a new generation, and with it new keys. Kept per process (the "fragments"
cache, bounded) since a hit then costs no round trip; the generation itself is shared,
so every worker and server agrees on what is current. FRAGMENT_CACHE_SECONDS = 0 (the
default with DEBUG on) renders every time.
"""

from django import template

from blog import cache as generation

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        parts = ["fragment", self.name, *(value.resolve(context) for value in self.vary_on)]
        return generation.kept(request, parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """{% fragment "name" value… %}: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
