#!/usr/bin/env bash
# Lighthouse, mobile and desktop, for every kind of public page (home, post, category,
# tag, search, presentation, about, 404), against a production-like server: gunicorn,
# DEBUG off, collectstatic (hashed, Brotli/gzip-compressed static files).
# Prints a Markdown table of the four category scores per page and form factor (as in
# docs/design.md) and every audit that did not get full marks.
# Targets: performance >= 95; accessibility, best practices and SEO = 100 (the 404 and
# search pages lose SEO points by design: a 4xx status and "noindex" are "not indexable").
#
#   LIGHTHOUSE_PAGES="home post" scripts/lighthouse.sh   # only some pages
#
#   scripts/lighthouse.sh            # exit 0 whatever the scores
#   LIGHTHOUSE_STRICT=1 scripts/lighthouse.sh   # exit 1 when a target is missed
#
# Needs Node 20 + npm (lighthouse 12.2.3 is installed into the git-ignored .lighthouse/)
# and Debian's Chromium at /usr/bin/chromium. Reports go to bench-output/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
LH=.lighthouse/node_modules/.bin/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "lighthouse: $CHROME_PATH not found (apt-get install -y chromium)" >&2; exit 2; }
if [ ! -x "$LH" ]; then
  npm i -E --prefix .lighthouse lighthouse@12.2.3 --no-audit --no-fund --loglevel=error
fi

work=$(mktemp -d)
out=bench-output/lighthouse
mkdir -p "$out"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="lighthouse-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_SECURE_SSL_REDIRECT=false   # plain http on loopback
export DATABASE_URL="sqlite:///$work/site.sqlite3"
export DJANGO_MEDIA_ROOT="$work/media"

$PY manage.py collectstatic --noinput -v0
$PY manage.py migrate --noinput -v0
$PY manage.py load_seed -v0

port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
$PY -m gunicorn core.wsgi:application -b "127.0.0.1:$port" -w 2 --log-level warning \
  >"$work/gunicorn.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$base/robots.txt" 2>/dev/null && break
  sleep 0.2
done

# name=path for every page, URL-encoded (Hebrew slugs), from the seed content.
pages=$($PY - <<'EOF'
import json, re, urllib.parse
seed = json.load(open("core/seed/article.json", encoding="utf-8"))
loader = open("core/management/commands/load_seed.py", encoding="utf-8").read()
DEMO_SLUG = re.search(r'^DEMO_SLUG = "([^"]+)"', loader, re.M)[1]
q = urllib.parse.quote
paths = {
    "home": "/",
    "post": "/posts/" + q(seed["post"]["slug"]) + "/",
    "category": "/category/" + q(seed["category"]["slug"]) + "/",
    "tag": "/tag/gov-20/",
    "search": "/search/?q=" + q("בממשלה"),
    "presentation": "/presentations/" + q(DEMO_SLUG) + "/",
    "about": "/pages/about/",
    "404": "/no-such-page/",
}
print(" ".join(f"{name}={path}" for name, path in paths.items()))
EOF
)

flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
flags="$flags --disable-background-networking --disable-component-update --disable-sync"
flags="$flags --disable-default-apps --disable-extensions --mute-audio"

wanted=${LIGHTHOUSE_PAGES:-home post category tag search presentation about 404}
for entry in $pages; do
  page=${entry%%=*}
  path=${entry#*=}
  case " $wanted " in *" $page "*) ;; *) continue ;; esac
  for form in mobile desktop; do
    preset=""
    [ "$form" = desktop ] && preset="--preset=desktop"
    # The 404 page answers 404 on purpose; Lighthouse refuses such a page without this.
    [ "$page" = 404 ] && preset="$preset --ignore-status-code"
    "$LH" "$base$path" --quiet --form-factor=$form $preset \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$flags" --output=json --output=html --output-path="$out/$page-$form" \
      >/dev/null || echo "lighthouse failed for $page ($form)" >&2
  done
done

$PY - "$out" $wanted <<'EOF'
import json, os, sys
out, pages = sys.argv[1], sys.argv[2:]
targets = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
missed = False
notes = []
print("| page | form | performance | accessibility | best practices | SEO |")
print("| --- | --- | --- | --- | --- | --- |")
for page in pages:
    for form in ("mobile", "desktop"):
        path = f"{out}/{page}-{form}.report.json"
        if not os.path.exists(path):
            print(f"| {page} | {form} | (no report) | | | |")
            missed = True
            continue
        report = json.load(open(path, encoding="utf-8"))
        # A run Lighthouse could not finish (e.g. NO_NAVSTART) has no scores: rerun it.
        scores = {
            k: -1 if report["categories"][k]["score"] is None
            else round(report["categories"][k]["score"] * 100)
            for k in targets
        }
        shown = {k: "error" if v < 0 else str(v) for k, v in scores.items()}
        print(f"| {page} | {form} | " + " | ".join(shown[k] for k in targets) + " |")
        # The 404 and search pages are not indexable by design (4xx status, "noindex").
        exempt = {("404", "seo"), ("search", "seo")}
        missed |= any(scores[k] < t for k, t in targets.items() if (page, k) not in exempt)
        refs = {r["id"] for c in report["categories"].values() for r in c["auditRefs"]}
        for audit_id in sorted(refs):
            audit = report["audits"][audit_id]
            if audit["score"] is not None and audit["score"] < 1 and audit["scoreDisplayMode"] in (
                "binary", "numeric", "metricSavings"
            ):
                value = audit.get("displayValue", "")
                notes.append(f"{page} {form}: {audit_id} ({audit['score']}) {value}")
print()
print("\n".join(f"not full marks: {note}" for note in notes))
print(f"reports: {out}/<page>-<mobile|desktop>.report.html")
if missed and os.environ.get("LIGHTHOUSE_STRICT") == "1":
    sys.exit(1)
EOF
