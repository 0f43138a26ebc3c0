"""A tiny scripted browser for scripts/cluster_test.py: cookies, no automatic redirects,
and HTML forms read and sent back the way a browser would (every field as the page holds
it, with the changes the caller makes). Standard library only."""

import http.cookiejar
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    header_list: list = field(default_factory=list)  # (name, value) as sent, repeats kept

    def count(self, name):
        return sum(1 for key, _ in self.header_list if key.lower() == name.lower())

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base, headers=None):
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )
        self.headers = headers or {}

    def request(self, path, data=None, headers=None, timeout=30):
        url = path if path.startswith("http") else self.base + path
        request = urllib.request.Request(
            url, data=data, headers={**self.headers, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                body = answer.read()
                return Response(answer.status, dict(answer.headers), body, answer.headers.items())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read(), error.headers.items())

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, fields, files=None, **kwargs):
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        return self.request(path, data=body, headers=headers, **kwargs)

    def login(self, admin_path, username, password):
        form = find_form(self.get(admin_path + "login/").text, "login-form")
        values = dict(form.fields)
        values.update(username=username, password=password, next=admin_path)
        return self.post(admin_path + "login/", values)


def multipart(fields, files):
    """(body, Content-Type) of a multipart/form-data request."""
    boundary = "cluster" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Form:
    attrs: dict
    fields: list = field(default_factory=list)  # (name, value) as a browser sends them

    def with_values(self, **changes):
        """The fields with `changes` applied: a value replaces the field's, None drops it."""
        kept = [(n, v) for n, v in self.fields if n not in changes]
        return kept + [(n, v) for n, v in changes.items() if v is not None]


class _FormParser(HTMLParser):
    SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form = [], None
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = Form(attrs)
            self.forms.append(self.form)
        elif self.form is not None and attrs.get("name") is not None or tag == "option":
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in self.SKIPPED_INPUTS:
                default = "on" if kind in ("checkbox", "radio") else ""
                self.form.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.form.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self._end_select()
        elif tag == "form":
            self.form = None

    def _end_select(self):
        chosen = [value for value, selected in self.select["options"] if selected]
        if not chosen and not self.select["multiple"] and self.select["options"]:
            chosen = [self.select["options"][0][0]]
        self.form.fields.extend((self.select["name"], value) for value in chosen)
        self.select = None


def find_form(html, form_id):
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if form.attrs.get("id") == form_id:
            return form
    raise LookupError(f"no form with id {form_id!r} in the page")
