"""/healthz and /readyz (core/health.py): reachable by any probe, honest, and discreet."""

import socket

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up_and_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_the_database_cache_and_storage(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


def test_a_probe_needs_no_allowed_host_nor_https(client, settings):
    settings.ALLOWED_HOSTS = ["blog.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz", "/readyz/"):
        assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200


def test_a_cache_that_lost_its_server_makes_the_site_unready(client, monkeypatch, caplog):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)  # a fail-soft miss
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable", "storage": "ok"},
    }
    assert "readyz: cache unavailable" in caplog.text


def test_an_unreachable_store_is_reported_without_its_address_or_keys(client, settings, caplog):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": "blog-media",
                "endpoint_url": f"http://127.0.0.1:{port}",
                "access_key": "AKIAHEALTHZ",
                "secret_key": "secret-health-key",
                "region_name": "us-east-1",
            },
        },
    }
    settings.AWS_S3_MAX_POOL_CONNECTIONS = 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "unavailable",
    }
    body = response.content.decode()
    for secret in (str(port), "AKIAHEALTHZ", "secret-health-key", "127.0.0.1"):
        assert secret not in body
    assert "the storage check failed" in caplog.text


def test_a_database_error_is_unready_not_a_500(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("could not connect to server at 10.0.0.5")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
    assert "10.0.0.5" not in response.content.decode()


def test_the_urls_and_the_default_admin_url():
    assert reverse("healthz") == "/healthz" and reverse("readyz") == "/readyz"
    assert reverse("admin:index") == "/admin/"


def test_check_deploy_warns_while_django_sends_the_files(settings):
    from core.checks import check_media_delivery

    settings.MEDIA_DELIVERY = "django"
    (warning,) = check_media_delivery(None)
    assert warning.id == "core.W003" and "DJANGO_MEDIA_DELIVERY=nginx" in warning.hint
    settings.MEDIA_DELIVERY = "nginx"
    assert check_media_delivery(None) == []


def test_a_media_folder_that_is_not_a_folder_makes_the_site_unready(client, settings, tmp_path):
    blocker = tmp_path / "media"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "uploads"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "unavailable"
    assert str(tmp_path) not in response.content.decode()
