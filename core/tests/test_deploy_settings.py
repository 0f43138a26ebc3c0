"""Each deployment setting read from the environment: its parsing, its default, and the
message that stops the site when it is wrong (core/settings/storage.py, operations.py)."""

import json
import logging
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.logs import JSONFormatter
from core.settings.operations import (
    admin_url,
    contact_email,
    email_settings,
    https_settings,
    logging_settings,
)
from core.settings.storage import media_delivery, media_storage

S3 = {"DJANGO_STORAGE": "s3", "DJANGO_S3_BUCKET": "blog-media"}


class TestStorage:
    def test_local_disk_by_default(self):
        assert media_storage({}) == (
            "local",
            {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        )
        assert media_storage({"DJANGO_STORAGE": " Local "})[0] == "local"

    def test_s3_with_every_setting(self):
        kind, storage = media_storage(
            {
                **S3,
                "DJANGO_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
                "DJANGO_S3_REGION": "eu-central-1",
                "DJANGO_S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
                "DJANGO_S3_SECRET_ACCESS_KEY": "secret-example",
                "DJANGO_S3_CUSTOM_DOMAIN": "media.example.org/",
            }
        )
        assert kind == "s3" and storage["BACKEND"] == "core.storage.MediaS3Storage"
        assert storage["OPTIONS"] == {
            "bucket_name": "blog-media",
            "file_overwrite": False,
            "querystring_expire": 3600,
            "endpoint_url": "http://127.0.0.1:9000",
            "addressing_style": "path",
            "region_name": "eu-central-1",
            "access_key": "AKIAEXAMPLE",
            "secret_key": "secret-example",
            "custom_domain": "media.example.org",
        }

    def test_s3_on_aws_with_credentials_from_boto3s_own_chain(self):
        _, storage = media_storage(S3)
        assert storage["OPTIONS"] == {
            "bucket_name": "blog-media",
            "file_overwrite": False,
            "querystring_expire": 3600,
        }

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            ({"DJANGO_STORAGE": "ftp"}, "DJANGO_STORAGE must be one of local, s3, not 'ftp'"),
            ({"DJANGO_STORAGE": "s3"}, "DJANGO_STORAGE=s3 needs DJANGO_S3_BUCKET"),
            (
                {**S3, "DJANGO_S3_ENDPOINT_URL": "127.0.0.1:9000"},
                "DJANGO_S3_ENDPOINT_URL must be an http:// or https:// address",
            ),
            (
                {**S3, "DJANGO_S3_ACCESS_KEY_ID": "AKIAEXAMPLE"},
                "Set both DJANGO_S3_ACCESS_KEY_ID and DJANGO_S3_SECRET_ACCESS_KEY, or neither",
            ),
            (
                {**S3, "DJANGO_S3_SECRET_ACCESS_KEY": "secret-example"},
                "Set both DJANGO_S3_ACCESS_KEY_ID and DJANGO_S3_SECRET_ACCESS_KEY, or neither",
            ),
            (
                {**S3, "DJANGO_S3_CUSTOM_DOMAIN": "https://media.example.org"},
                "DJANGO_S3_CUSTOM_DOMAIN is a host name",
            ),
        ],
    )
    def test_a_wrong_storage_setting_stops_the_site(self, env, message):
        with pytest.raises(ImproperlyConfigured, match=message):
            media_storage(env)

    def test_secrets_never_appear_in_the_message(self):
        with pytest.raises(ImproperlyConfigured) as error:
            media_storage({**S3, "DJANGO_S3_SECRET_ACCESS_KEY": "very-secret-value"})
        assert "very-secret-value" not in str(error.value)

    def test_delivery(self):
        assert media_delivery("local", {}) == "django"
        assert media_delivery("local", {"DJANGO_MEDIA_DELIVERY": "NGINX"}) == "nginx"
        assert media_delivery("s3", {"DJANGO_MEDIA_DELIVERY": "store"}) == "store"
        with pytest.raises(ImproperlyConfigured, match="DJANGO_MEDIA_DELIVERY=store .* needs"):
            media_delivery("local", {"DJANGO_MEDIA_DELIVERY": "store"})
        with pytest.raises(ImproperlyConfigured, match="must be one of django, nginx, store"):
            media_delivery("s3", {"DJANGO_MEDIA_DELIVERY": "cdn"})


class TestEmail:
    def test_console_without_a_host(self):
        values = email_settings({})
        assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
        assert values["DEFAULT_FROM_EMAIL"] == values["SERVER_EMAIL"] == "blog@localhost"

    def test_smtp_with_starttls_on_587_once_a_host_is_given(self):
        values = email_settings(
            {
                "DJANGO_EMAIL_HOST": "smtp.example.org",
                "DJANGO_EMAIL_HOST_USER": "blog",
                "DJANGO_EMAIL_HOST_PASSWORD": "pw",
                "DJANGO_DEFAULT_FROM_EMAIL": "בלוג <blog@example.org>",
            }
        )
        assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
        assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.example.org", 587)
        assert values["EMAIL_USE_TLS"] and not values["EMAIL_USE_SSL"]
        assert (values["EMAIL_HOST_USER"], values["EMAIL_HOST_PASSWORD"]) == ("blog", "pw")
        assert values["DEFAULT_FROM_EMAIL"] == "בלוג <blog@example.org>"
        assert values["EMAIL_TIMEOUT"] == 10

    def test_implicit_tls_on_465_and_an_explicit_port(self):
        values = email_settings(
            {"DJANGO_EMAIL_HOST": "smtp.example.org", "DJANGO_EMAIL_USE_SSL": "on"}
        )
        assert values["EMAIL_USE_SSL"] and not values["EMAIL_USE_TLS"]
        assert values["EMAIL_PORT"] == 465
        values = email_settings({"DJANGO_EMAIL_HOST": "mail", "DJANGO_EMAIL_PORT": "2525"})
        assert values["EMAIL_PORT"] == 2525

    def test_an_explicit_backend_wins(self):
        backend = "django.core.mail.backends.locmem.EmailBackend"
        values = email_settings({"DJANGO_EMAIL_BACKEND": backend, "DJANGO_EMAIL_HOST": "x"})
        assert values["EMAIL_BACKEND"] == backend

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            (
                {"DJANGO_EMAIL_PORT": "smtp"},
                "DJANGO_EMAIL_PORT must be a whole number from 1 to 65535, not 'smtp'",
            ),
            ({"DJANGO_EMAIL_PORT": "70000"}, "DJANGO_EMAIL_PORT must be a whole number"),
            ({"DJANGO_EMAIL_USE_TLS": "maybe"}, "DJANGO_EMAIL_USE_TLS must be true or false"),
            (
                {"DJANGO_EMAIL_USE_TLS": "1", "DJANGO_EMAIL_USE_SSL": "1"},
                "Set only one of DJANGO_EMAIL_USE_TLS .* and DJANGO_EMAIL_USE_SSL",
            ),
            ({"DJANGO_EMAIL_HOST_PASSWORD": "pw"}, "without DJANGO_EMAIL_HOST_USER"),
            ({"DJANGO_DEFAULT_FROM_EMAIL": "blog"}, "DJANGO_DEFAULT_FROM_EMAIL must be an email"),
            ({"DJANGO_EMAIL_TIMEOUT": "0"}, "DJANGO_EMAIL_TIMEOUT must be a whole number from 1"),
        ],
    )
    def test_a_wrong_mail_setting_stops_the_site(self, env, message):
        with pytest.raises(ImproperlyConfigured, match=message):
            email_settings(env)

    def test_the_password_never_appears_in_a_message(self):
        with pytest.raises(ImproperlyConfigured) as error:
            email_settings({"DJANGO_EMAIL_HOST_PASSWORD": "hunter2-secret"})
        assert "hunter2-secret" not in str(error.value)


class TestLogging:
    def test_text_at_warning_by_default(self):
        config = logging_settings({})
        assert config["root"] == {"handlers": ["console"], "level": "WARNING"}
        assert config["handlers"]["console"]["formatter"] == "text"

    def test_json_lines_at_a_chosen_level(self):
        config = logging_settings({"DJANGO_LOG_LEVEL": "info", "DJANGO_LOG_FORMAT": "JSON"})
        assert config["root"]["level"] == "INFO"
        assert config["formatters"] == {"json": {"()": "core.logs.JSONFormatter"}}

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            ({"DJANGO_LOG_LEVEL": "loud"}, "DJANGO_LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
            ({"DJANGO_LOG_FORMAT": "xml"}, "DJANGO_LOG_FORMAT must be text or json, not 'xml'"),
        ],
    )
    def test_a_wrong_log_setting_stops_the_site(self, env, message):
        with pytest.raises(ImproperlyConfigured, match=message):
            logging_settings(env)

    def test_a_json_line_carries_the_message_extras_and_the_exception(self):
        record = logging.LogRecord(
            "blog.decks", logging.ERROR, __file__, 1, "שקף %s נכשל", (7,), None
        )
        record.presentation = 12
        try:
            raise ValueError("bad page")
        except ValueError:
            record.exc_info = sys.exc_info()
        line = JSONFormatter().format(record)
        assert "\n" not in line
        entry = json.loads(line)
        assert entry["message"] == "שקף 7 נכשל" and entry["level"] == "ERROR"
        assert entry["logger"] == "blog.decks" and entry["presentation"] == 12
        assert entry["time"].endswith("+00:00")
        assert "ValueError: bad page" in entry["exception"]


class TestAdminUrl:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [(None, "admin/"), ("", "admin/"), ("editors-7f3a", "editors-7f3a/"), ("a/b_c/", "a/b_c/")],
    )
    def test_parsing(self, value, expected):
        assert admin_url({} if value is None else {"DJANGO_ADMIN_URL": value}) == expected

    @pytest.mark.parametrize("value", ["/admin/", "ad min/", "../admin/", "מנהל/"])
    def test_a_wrong_path_stops_the_site(self, value):
        with pytest.raises(ImproperlyConfigured, match="DJANGO_ADMIN_URL must be a path"):
            admin_url({"DJANGO_ADMIN_URL": value})


class TestHttps:
    def test_off_with_debug_on_and_for_a_local_trial(self):
        assert https_settings({}, debug=True) == {"HTTPS": False}
        assert https_settings({"DJANGO_HTTPS": "off"}, debug=False) == {"HTTPS": False}

    def test_on_by_default_in_production_with_redirect_and_a_years_hsts(self):
        values = https_settings({}, debug=False)
        assert values["HTTPS"] and values["SECURE_SSL_REDIRECT"]
        assert values["SECURE_HSTS_SECONDS"] == 31536000
        assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
        assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]

    def test_redirect_off_and_a_short_hsts_while_trying_tls_out(self):
        env = {"DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_HSTS_SECONDS": "300"}
        values = https_settings(env, debug=False)
        assert values["SECURE_SSL_REDIRECT"] is False and values["SECURE_HSTS_SECONDS"] == 300

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            ({"DJANGO_HTTPS": "yes please"}, "DJANGO_HTTPS must be true or false"),
            ({"DJANGO_SECURE_SSL_REDIRECT": "2"}, "DJANGO_SECURE_SSL_REDIRECT must be true or"),
            ({"DJANGO_HSTS_SECONDS": "1y"}, "DJANGO_HSTS_SECONDS must be a whole number from 0"),
            ({"DJANGO_HSTS_SECONDS": "-1"}, "DJANGO_HSTS_SECONDS must be a whole number from 0"),
        ],
    )
    def test_a_wrong_https_setting_stops_the_site(self, env, message):
        with pytest.raises(ImproperlyConfigured, match=message):
            https_settings(env, debug=False)


class TestContactAddress:
    def test_unset_hides_the_block_and_an_address_is_kept(self):
        assert contact_email({}) == ""
        assert (
            contact_email({"BLOG_CONTACT_EMAIL": " editors@example.org "}) == "editors@example.org"
        )
        # A placeholder starts the site; `check --deploy` warns about it (core.W002).
        assert contact_email({"BLOG_CONTACT_EMAIL": "editor@localhost"}) == "editor@localhost"

    @pytest.mark.parametrize("value", ["editors", "a b@example.org", "<e@example.org>", "e@@x"])
    def test_a_wrong_address_stops_the_site(self, value):
        with pytest.raises(ImproperlyConfigured, match="BLOG_CONTACT_EMAIL must be a plain email"):
            contact_email({"BLOG_CONTACT_EMAIL": value})


def test_the_json_logging_configuration_builds_the_json_formatter():
    import logging.config

    config = logging_settings({"DJANGO_LOG_FORMAT": "json"})
    configurator = logging.config.DictConfigurator(config)
    formatter = configurator.configure_formatter(config["formatters"]["json"])
    assert isinstance(formatter, JSONFormatter)
