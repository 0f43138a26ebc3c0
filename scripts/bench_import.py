"""WordPress import benchmark: generate a WXR export and time `import_wordpress` on it.

    .venv/bin/python scripts/bench_import.py [--posts 1000] [--comments 10]

Builds the file with blog/tests/wxr/build.py (Hebrew posts, threaded comments), then
imports it twice into a throwaway SQLite database in a temporary folder (never
db.sqlite3): the first run creates everything, the second must change nothing.
Target: 1,000 posts with 10,000 comments in under a minute on a 2-core machine.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 60


def timed_import(path):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command("import_wordpress", str(path), stdout=out, stderr=StringIO())
    return time.perf_counter() - started, out.getvalue().splitlines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=10, help="comments per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from blog.tests.wxr.build import build_wxr

        path = Path(folder) / "blog.xml"
        path.write_bytes(build_wxr(posts=args.posts, comments_per_post=args.comments))
        size = path.stat().st_size / 1024 / 1024
        print(f"WXR: {args.posts} posts, {args.posts * args.comments} comments, {size:.1f} MB")
        first, report = timed_import(path)
        print("\n".join(report))
        again, report_again = timed_import(path)
        print(f"first import: {first:.1f} s (target < {TARGET_SECONDS} s)")
        print(f"second import: {again:.1f} s, {report_again[0]}")
        return 0 if first < TARGET_SECONDS and report_again[0].startswith("0 created, 0") else 1


if __name__ == "__main__":
    sys.exit(main())
