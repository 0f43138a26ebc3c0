#!/usr/bin/env python3
"""`make cluster-test`: the site as several servers share it, on this machine's loopback.

Starts PostgreSQL (Debian's, `service postgresql start`, a fresh database), Redis (Debian's
redis-server on a free port), moto's S3 server (standing in for a real object store:
AWS S3, MinIO...), two gunicorn app servers and a task worker sharing them, and nginx in
front (deploy/nginx.conf rendered for loopback, upstream of both app servers). Then:

1. an edit saved through one app server is on the page the other serves at once;
2. the comment rate limit for one client address counts across both app servers;
3. a deck uploaded through one app server is rendered by the worker, stored in the
   object store and served from it through nginx (attachment, sandbox);
4. killing one app server (SIGKILL) during a request loop through nginx loses no request.

Prints PASS/FAIL per check and a summary; exit status 1 on any failure. Everything it
started is stopped and the database dropped, whatever happens.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from cluster_browser import Browser  # noqa: E402
from cluster_checks import CHECKS  # noqa: E402
from cluster_processes import Cluster, port_open, postgres_database, run, wait_for  # noqa: E402

BIN = ROOT / ".venv" / "bin"
NGINX, REDIS = "/usr/sbin/nginx", "/usr/bin/redis-server"
BUCKET = "blog-cluster-media"


def site_env(cluster, database_url):
    ports = cluster.ports
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "off",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        "DJANGO_STORAGE": "s3",
        "DJANGO_S3_BUCKET": BUCKET,
        "DJANGO_S3_ENDPOINT_URL": cluster.url("s3"),
        "DJANGO_S3_REGION": "us-east-1",
        "DJANGO_S3_ACCESS_KEY_ID": "cluster-test",
        "DJANGO_S3_SECRET_ACCESS_KEY": secrets.token_urlsafe(24),
        "DJANGO_MEDIA_DELIVERY": "nginx",
        # Nothing may land here: uploads go to the store.
        "DJANGO_MEDIA_ROOT": str(cluster.tmp / "local-media"),
        "DJANGO_TRUSTED_PROXY_HOPS": "1",
        "BLOG_COMMENT_RATE_LIMIT": "3",
        "BLOG_COMMENT_RATE_WINDOW": "600",
        "BLOG_COMMENT_MIN_SECONDS": "1",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


def start_services(cluster):
    ports = cluster.ports
    log = cluster.start(
        "redis",
        [REDIS, "--port", str(ports["redis"]), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(cluster.tmp)],
        env=os.environ,
    )  # fmt: skip
    wait_for("Redis", lambda: port_open(ports["redis"]), 20, log)
    log = cluster.start(
        "s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(ports["s3"])], env=os.environ
    )
    wait_for("moto's S3 server", lambda: port_open(ports["s3"]), 30, log)
    import boto3

    env = cluster.env
    boto3.client(
        "s3",
        endpoint_url=cluster.url("s3"),
        region_name="us-east-1",
        aws_access_key_id=env["DJANGO_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["DJANGO_S3_SECRET_ACCESS_KEY"],
    ).create_bucket(Bucket=BUCKET)


def prepare_site(cluster):
    """Migrate, collect static files, then make an editor and a published post."""
    env = {**cluster.env, "DJANGO_LOG_LEVEL": "WARNING"}
    python = str(BIN / "python")
    began = time.monotonic()
    # Both at once (collectstatic needs no database), and static files only when static/
    # or the installed packages changed: the Makefile's rule, as `make serve` uses it.
    make = ["make", "--no-print-directory", "-s", "staticfiles/staticfiles.json"]
    static = subprocess.Popen(make, cwd=ROOT, env=env)
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env=env)
    migrated = time.monotonic() - began
    if static.wait() != 0:
        raise RuntimeError("collectstatic failed")
    print(f"   migrate {migrated:.0f} s; static files ready after {time.monotonic() - began:.0f} s")
    os.environ.update(env)  # this process reads the same database, cache and store
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"  # its own output: the checks only
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from blog.tests.factories import make_post

    password = secrets.token_urlsafe(16)
    get_user_model().objects.create_superuser("cluster-editor", "editor@example.org", password)
    post = make_post("פוסט לבדיקת האשכול", body="<p>גרסה ראשונה של הפוסט.</p>")
    return {"password": password, "post": post}


def start_site(cluster):
    for name in ("app1", "app2"):
        env = {**cluster.env, "HOST": "127.0.0.1", "PORT": str(cluster.ports[name])}
        gunicorn = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
        cluster.logs[name] = cluster.start(name, gunicorn, env)
    cluster.logs["worker"] = cluster.start("worker", [str(BIN / "python"), "manage.py", "worker"])
    for name in ("app1", "app2"):
        browser = Browser(cluster.url(name))
        wait_for(name, lambda b=browser: b.get("/healthz").status == 200, 60, cluster.logs[name])
    cluster.logs["nginx"] = start_nginx(cluster)
    front = Browser(cluster.url("nginx"))
    wait_for("nginx", lambda: front.get("/healthz").status == 200, 20, cluster.logs["nginx"])


def start_nginx(cluster):
    tmp, ports = cluster.tmp, cluster.ports
    (tmp / "nginx-temp").mkdir()
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    upstream = (
        f"server 127.0.0.1:{ports['app1']} max_fails=1 fail_timeout=30s;\n"
        f"    server 127.0.0.1:{ports['app2']} max_fails=1 fail_timeout=30s;"
    )
    for old, new in {
        "listen 80;": f"listen 127.0.0.1:{ports['nginx']};", "listen [::]:80;": "",
        "server 127.0.0.1:8000;": upstream,
        "/srv/blog/staticfiles/": f"{ROOT}/staticfiles/", "/srv/blog/media/": f"{tmp}/local-media/",
        "/var/cache/nginx/blog": f"{tmp}/nginx-cache", "/var/log/nginx/blog.access.log": "off",
        "include /etc/nginx/blog-tls*.conf;": "",
    }.items():  # fmt: skip
        if old not in site:
            raise RuntimeError(f"deploy/nginx.conf no longer holds {old!r}")
        site = site.replace(old, new)
    (tmp / "nginx-site.conf").write_text(site, encoding="utf-8")
    main = f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/nginx-temp/body;
    proxy_temp_path {tmp}/nginx-temp/proxy;
    fastcgi_temp_path {tmp}/nginx-temp/fastcgi;
    uwsgi_temp_path {tmp}/nginx-temp/uwsgi;
    scgi_temp_path {tmp}/nginx-temp/scgi;
    include {tmp}/nginx-site.conf;
}}
"""
    (tmp / "nginx.conf").write_text(main)
    flags = ["-p", str(tmp), "-e", f"{tmp}/nginx-error.log", "-c", f"{tmp}/nginx.conf"]
    run([NGINX, "-t", "-q", *flags], capture_output=True)
    return cluster.start("nginx", [NGINX, *flags])


def main():
    for path, package in ((NGINX, "nginx"), (REDIS, "redis-server")):
        if not Path(path).exists():
            sys.exit(f"cluster-test needs Debian's {package}: apt-get install -y {package}")
    started = time.monotonic()
    results = []
    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="blog-cluster-"))
        if "--keep" in sys.argv:
            print(f"   logs and configuration kept in {tmp}")
        else:
            stack.callback(shutil.rmtree, tmp, True)
        cluster = Cluster(tmp)
        stack.callback(cluster.stop)
        print(
            "== Cluster on loopback: PostgreSQL, Redis, moto's S3 server, 2 gunicorn, worker, nginx"
        )
        print("   (moto's S3 server stands in for a real object store: AWS S3, MinIO, Ceph...)")
        try:
            database_url = stack.enter_context(postgres_database())
            cluster.env = site_env(cluster, database_url)
            start_services(cluster)
            context = prepare_site(cluster)
            start_site(cluster)
        except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
            print(f"FAIL  starting the cluster: {error}")
            return report([False], time.monotonic() - started)
        print(f"   up in {time.monotonic() - started:.0f} s: ports {cluster.ports}")
        for check in CHECKS:
            results.append(run_check(check, cluster, context))
        if False in results:
            show_errors(cluster)
    return report(results, time.monotonic() - started)


def show_errors(cluster):
    """The last error in each server's log, to say why a check failed."""
    for name, log in cluster.logs.items():
        text = Path(log).read_text(errors="replace")
        start = text.rfind("Traceback (most recent call last)")
        if start >= 0:
            print(f"--- last error in {name}'s log:\n{text[start:][-1500:]}")


def run_check(check, cluster, context):
    began = time.monotonic()
    try:
        ok, detail = check(cluster, context)
    except Exception as error:  # a check that crashed has failed, with its reason
        ok, detail = False, f"{type(error).__name__}: {error}"
    seconds = time.monotonic() - began
    print(f"{'PASS' if ok else 'FAIL'}  {check.__doc__.strip().splitlines()[0]} ({seconds:.1f} s)")
    print(f"      {detail}")
    return ok


def report(results, seconds):
    failed = results.count(False)
    verdict = "PASS" if results and not failed else "FAIL"
    print(
        f"== {verdict}: {len(results) - failed} of {len(results)} checks passed in {seconds:.0f} s"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
