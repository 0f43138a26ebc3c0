"""URL converters for Hebrew slugs (Django's <slug:> is ASCII-only)."""


class UnicodeSlugConverter:
    # Letters/digits of any script, underscore and hyphen; Django unquotes the path
    # before matching, so percent-encoded Hebrew URLs resolve too.
    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TwoDigitConverter:
    """Months as "03" in URLs (the generic views parse them with %m)."""

    regex = r"[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"
