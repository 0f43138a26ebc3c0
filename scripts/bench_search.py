"""Search benchmark on SQLite: median time of the search page's queries at N posts.

    .venv/bin/python scripts/bench_search.py [--sizes 1000 20000] [--repeat 15]
        [--database-url postgres://.../a_throwaway_database]

Builds a throwaway SQLite database in a temporary folder (never db.sqlite3), or uses the
empty PostgreSQL database given (its posts are deleted), fills it
with posts whose bodies are random sentences built from the seed article's words
(about 300 words each, with Hebrew prefixes), stores their search documents with
bulk_create, then times what /search/?q= runs: the window, the ranked ids (at most
BLOG_SEARCH_WINDOW) and the first page's posts, for Hebrew and English queries: words
with prefixes, inflected forms that only the morphological analyser connects (ממשלות,
בממשלותיהם), and quoted phrases. The analyser is hspell when installed (BLOG_HSPELL=off
measures the rule-based fallback). Besides wall time it prints this process's CPU time,
which on SQLite is the whole cost and barely moves when other work shares the machine.
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

QUERIES = [
    "ממשלה", "הממשלה", "ממשלות", "בממשלותיהם", "במדיה חברתית", "gov 2.0", '"web 2.0"',
    '"משרד החוץ"', "אינטרנט ישראל", "מילהשאינהקיימת",
]  # fmt: skip
PREFIXES = ["", "", "", "ה", "ו", "ב", "ל", "מ", "ש", "וה", "שב"]


def vocabulary():
    from django.utils.html import strip_tags

    from blog.hebrew import tokenize

    data = json.loads((ROOT / "core/seed/article.json").read_text(encoding="utf-8"))
    words = tokenize(strip_tags(data["post"]["body"]) + " " + data["post"]["title"])
    # Inflected forms and a phrase the seed lacks, so the morphology queries find posts.
    extra = "ממשלות ממשלתו ממשלותיהם משרד החוץ web 2.0".split()
    return sorted({w for w in words if len(w) > 1} | set(extra))


def build(n, words, rng):
    """Fill the database with `n` posts; returns the seconds spent building their search
    documents (the indexing cost, analyser included)."""
    from django.db import connection

    from blog.models import Category, Post
    from blog.search import build_documents
    from blog.search_index import FTS_TABLE, ensure_sqlite_index

    category, _ = Category.objects.get_or_create(name="ארגונים", slug="ארגונים")
    Post.objects.all().delete()
    posts, indexing = [], 0.0
    for i in range(n):
        title = " ".join(rng.choice(PREFIXES) + rng.choice(words) for _ in range(8))
        body = (
            "<p>" + " ".join(rng.choice(PREFIXES) + rng.choice(words) for _ in range(300)) + "</p>"
        )
        start = time.perf_counter()
        documents = build_documents(
            title=title, body=body, category=category.name, tags=rng.sample(words, 3)
        )
        indexing += time.perf_counter() - start
        posts.append(
            Post(
                title=title, slug=f"post-{i}", body=body, category=category,
                status=Post.Status.PUBLISHED, **documents,
            )
        )  # fmt: skip
    if connection.vendor == "sqlite":
        # Bulk load without the FTS triggers, then let ensure_sqlite_index rebuild once.
        with connection.cursor() as cursor:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
    Post.objects.bulk_create(posts, batch_size=1000)
    ensure_sqlite_index()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE blog_post")
    return indexing


def time_query(query, repeat):
    from blog.models import Post
    from blog.search import SearchQuery, ranked_ids

    timings, cpu, found = [], [], 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        # What SearchView runs: the window, the ranked ids, then the first page's posts.
        ids = ranked_ids(Post.objects.published(), SearchQuery.parse(query))
        found = len(ids)
        list(Post.objects.select_related("category").in_bulk(ids[:10]).values())
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(timings), min(timings), statistics.median(cpu), found


def setup(database_url):
    """Point Django at the benchmark's database and migrate it; print what runs."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from blog import morphology

    call_command("migrate", verbosity=0)
    database = f"{connection.vendor} {connection.Database.__name__}"
    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    print(f"{database}; Hebrew analyser: {morphology.analyser().name}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def measure(n, words, rng, repeat):
    from blog.models import Post

    start = time.perf_counter()
    indexing = build(n, words, rng)
    avg = statistics.mean(len(d) for d in Post.objects.values_list("search_document", flat=True))
    print(
        f"\n{n:,} posts (built in {time.perf_counter() - start:.1f} s, of which search "
        f"documents {indexing * 1000 / n:.2f} ms per post; search document {avg:,.0f} chars "
        f"on average); median of {repeat} runs of window + ranked ids + the first page's posts:"
    )
    medians = []
    for query in QUERIES:
        median, fastest, cpu, found = time_query(query, repeat)
        medians.append(median)
        print(
            f"  {query:<22} {median:8.1f} ms  (min {fastest:.1f} ms, CPU {cpu:.1f} ms; "
            f"{found:,} found)"
        )
    print(f"  {'all queries':<22} {statistics.median(medians):8.1f} ms  (median of medians)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database-url", help="an empty PostgreSQL database to use instead")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        rng = random.Random(5)
        words = vocabulary()
        print(f"vocabulary {len(words)} words")
        for n in args.sizes:
            measure(n, words, rng, args.repeat)


if __name__ == "__main__":
    main()
