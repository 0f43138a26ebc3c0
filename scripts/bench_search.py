"""Search benchmark on SQLite: median time of the search page's queries at N posts.

    .venv/bin/python scripts/bench_search.py [--sizes 1000 20000] [--repeat 15]

Builds a throwaway SQLite database in a temporary folder (never db.sqlite3), fills it
with posts whose bodies are random sentences built from the seed article's words
(about 300 words each, with Hebrew prefixes), stores their search documents with
bulk_create, then times what /search/?q= runs: the count and the first page of
results, for a handful of Hebrew and English queries.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["ממשלה", "הממשלה", "במדיה חברתית", "gov 2.0", "אינטרנט ישראל", "מילהשאינהקיימת"]
PREFIXES = ["", "", "", "ה", "ו", "ב", "ל", "מ", "ש", "וה", "שב"]


def vocabulary():
    from django.utils.html import strip_tags

    from blog.hebrew import tokenize

    data = json.loads((ROOT / "core/seed/article.json").read_text(encoding="utf-8"))
    words = tokenize(strip_tags(data["post"]["body"]) + " " + data["post"]["title"])
    return sorted({w for w in words if len(w) > 1})


def build(n, words, rng):
    from django.db import connection

    from blog.models import Category, Post
    from blog.search import FTS_TABLE, build_documents, ensure_sqlite_index

    category, _ = Category.objects.get_or_create(name="ארגונים", slug="ארגונים")
    Post.objects.all().delete()
    posts = []
    for i in range(n):
        title = " ".join(rng.choice(PREFIXES) + rng.choice(words) for _ in range(8))
        body = (
            "<p>" + " ".join(rng.choice(PREFIXES) + rng.choice(words) for _ in range(300)) + "</p>"
        )
        search_title, search_document = build_documents(
            title=title, body=body, category=category.name, tags=rng.sample(words, 3)
        )
        posts.append(
            Post(
                title=title, slug=f"post-{i}", body=body, category=category,
                status=Post.Status.PUBLISHED, search_title=search_title,
                search_document=search_document,
            )
        )  # fmt: skip
    # Bulk load without the FTS triggers, then let ensure_sqlite_index rebuild once.
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
    Post.objects.bulk_create(posts, batch_size=1000)
    ensure_sqlite_index()


def time_query(query, repeat):
    from blog.models import Post

    timings, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        # What SearchView runs: count, the first page's ids, then those posts.
        ids = Post.objects.published().search(query).values_list("pk", flat=True)
        found = ids.count()
        list(Post.objects.select_related("category").in_bulk(list(ids[:10])).values())
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings), found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    words = vocabulary()
    print(f"SQLite {connection.Database.sqlite_version}, vocabulary {len(words)} words")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for n in args.sizes:
        start = time.perf_counter()
        build(n, words, rng)
        from blog.models import Post

        avg = statistics.mean(
            len(d) for d in Post.objects.values_list("search_document", flat=True)
        )
        print(
            f"\n{n:,} posts (built in {time.perf_counter() - start:.1f} s, "
            f"search document {avg:,.0f} chars on average); median of {args.repeat} runs of "
            "count + first page of ids + those posts:"
        )
        medians = []
        for query in QUERIES:
            median, fastest, found = time_query(query, args.repeat)
            medians.append(median)
            print(f"  {query!r:<22} {median:8.1f} ms  (min {fastest:.1f} ms; {found:,} found)")
        print(f"  {'all queries':<22} {statistics.median(medians):8.1f} ms  (median of medians)")
    tmp.cleanup()


if __name__ == "__main__":
    main()
