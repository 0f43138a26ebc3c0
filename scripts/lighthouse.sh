#!/usr/bin/env bash
# Lighthouse (mobile) for the home page and the seed article, against a production-like
# server: gunicorn, DEBUG off, collectstatic (hashed, Brotli/gzip-compressed static files).
# Prints the four category scores per page and every audit that did not pass.
# Targets: performance >= 95; accessibility, best practices and SEO = 100.
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

post_path=$($PY -c '
import json, urllib.parse
slug = json.load(open("core/seed/article.json", encoding="utf-8"))["post"]["slug"]
print("/posts/" + urllib.parse.quote(slug) + "/")')

flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
flags="$flags --disable-background-networking --disable-component-update --disable-sync"
flags="$flags --disable-default-apps --disable-extensions --mute-audio"

for page in home post; do
  if [ "$page" = home ]; then path=/; else path=$post_path; fi
  "$LH" "$base$path" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$flags" --output=json --output=html --output-path="$out/$page" \
    >/dev/null
done

$PY - "$out" <<'EOF'
import json, os, sys
out = sys.argv[1]
targets = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
missed = False
for page in ("home", "post"):
    report = json.load(open(f"{out}/{page}.report.json", encoding="utf-8"))
    scores = {k: round(report["categories"][k]["score"] * 100) for k in targets}
    print(f"{page:5} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
    missed |= any(scores[k] < t for k, t in targets.items())
    refs = {r["id"] for c in report["categories"].values() for r in c["auditRefs"]}
    for audit_id in sorted(refs):
        audit = report["audits"][audit_id]
        if audit["score"] is not None and audit["score"] < 1 and audit["scoreDisplayMode"] in (
            "binary", "numeric", "metricSavings"
        ):
            value = audit.get("displayValue", "")
            print(f"      not full marks: {audit_id} ({audit['score']}) {value}")
print(f"reports: {out}/home.report.html, {out}/post.report.html")
if missed and os.environ.get("LIGHTHOUSE_STRICT") == "1":
    sys.exit(1)
EOF
