"""Static files as production serves them: the site's own CSS and JavaScript minified,
then hashed and compressed by WhiteNoise (collectstatic does it once per deploy)."""

from pathlib import PurePosixPath

import rcssmin
import rjsmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# Only our own folders: the admin's and TinyMCE's files come minified already.
OWN_FOLDERS = ("css/", "js/")


def minify(name, text):
    """`text` of the static file `name`, minified when it is one of ours (else as is)."""
    minifier = MINIFIERS.get(PurePosixPath(name).suffix)
    return minifier(text) if minifier and name.startswith(OWN_FOLDERS) else text


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            for name in paths:
                if PurePosixPath(name).suffix in MINIFIERS and name.startswith(OWN_FOLDERS):
                    path = self.path(name)
                    with open(path, encoding="utf-8") as source:
                        text = source.read()
                    with open(path, "w", encoding="utf-8") as target:
                        target.write(minify(name, text))
        yield from super().post_process(paths, dry_run, **options)
