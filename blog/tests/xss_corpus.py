"""Script-injection strings an attacker would try in every field that reaches a page.

Used by blog/tests/test_xss_corpus.py (the sanitiser and the comment renderer, no
browser) and e2e/test_xss.py (every field rendered in Chromium, with and without the
CSP, listening for dialogs). Each string, if it ran, would call alert(), confirm() or
prompt(), or leave an active attribute or URL in the DOM, which the browser test looks
for. Sources: the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat sheet,
and the mutation-XSS papers (Heiderich et al.), written out here by hand.
"""

TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script src=data:text/javascript,alert(1)></script>",
    "<script>alert`1`</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "<script\n>alert(1)</script>",
    "<iframe srcdoc='<script>parent.alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=import href=data:text/html,<script>alert(1)</script>>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x:alert(1) onerror=eval(src)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)></textarea>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div onmouseover=alert(1)>hover</div>",
    "<p onclick=alert(1) style=position:fixed;inset:0>x</p>",
    "<a href=# onfocus=alert(1) autofocus>x</a>",
    "<span onpointerenter=alert(1)>x</span>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    "<img src=x onerror=\\u0061lert(1)>",
    "<bdi onanimationstart=alert(1)>x</bdi>",
    "<table background=javascript:alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    'x" autofocus onfocus=alert(1) x="',
]

URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "javascript://%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '<a href="javascript:alert(1)">קישור</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="javascript:alert(1)">',
    '<img srcset="javascript:alert(1) 1x">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<button formaction=javascript:alert(1)>x</button>",
    'https://example.com/"><script>alert(1)</script>',
    "http://x.com/a?<script>alert(1)</script>",
]

SVG_MATHML = [
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
    "<svg><use href=data:image/svg+xml,<svg id=x onload=alert(1)></svg>#x></svg>",
    "<svg><style>@import'javascript:alert(1)'</style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    "<math href=javascript:alert(1)>x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<svg><discard onbegin=alert(1)>",
    "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
]

MUTATION = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style><img src=x onerror=alert(1)></style>",
    "<title><img src=x onerror=alert(1)></title>",
    "<template><script>alert(1)</script></template>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=x onerror=alert(1)>">',
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<iframe><img src=x onerror=alert(1)></iframe>",
    "<select><option><img src=x onerror=alert(1)></option></select>",
    "<table><td><img src=x onerror=alert(1)></table>",
    '<a title="a`<img src=x onerror=alert(1)>">x</a>',
    '<img src="x` `<script>alert(1)</script>"` `>',
]

ENCODED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # fullwidth angle brackets
    "\u02bascript\u02bb",
    "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
    "<img src=x onerror=alert(1)\u0000>",
    "<\u200bscript>alert(1)</script>",
    "\ufeff<script>alert(1)</script>",
    "<script>\u2028alert(1)</script>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",  # UTF-7
    "<img src=x onerror=eval(atob('YWxlcnQoMSk='))>",
    "<img src=x onerror=window['al'+'ert'](1)>",
    "<img src=x onerror=top[/al/.source+/ert/.source](1)>",
    '<iframe src="jav&#x0A;ascript:alert(1)">',
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058alert(1)",
]

BIDI = [
    "\u202e<script>alert(1)</script>",
    "\u202egpj.exe",
    "\u2066<img src=x onerror=alert(1)>\u2069",
    "שלום\u202e)1(trela:tpircsavaj",
    "\u200f\u200e<svg onload=alert(1)>",
    "\u061c<b onmouseover=alert(1)>x</b>",
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    "<bdo dir=rtl onmouseover=alert(1)>x</bdo>",
]

TEMPLATES = [
    "{{ 7*7 }}{% debug %}",
    "{{ constructor.constructor('alert(1)')() }}",
    "${alert(1)}",
    "#{alert(1)}",
    "<%= alert(1) %>",
    "{% load static %}{% csrf_token %}",
    "</bdi></a></p></div><script>alert(1)</script>",
    "]]></description><script>alert(1)</script>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<link rel=stylesheet href=data:,*%7bx:expression(alert(1))%7d>",
]

PAYLOADS = [*TAGS, *EVENT_HANDLERS, *URLS, *SVG_MATHML, *MUTATION, *ENCODED, *BIDI, *TEMPLATES]
