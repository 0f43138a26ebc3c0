"""The trusted-proxy settings: parsed from the environment with a clear failure message,
and the retired BLOG_COMMENT_IP_HEADER still working (as one proxy) with a warning."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

from blog.clientip import check_retired_header


class TestSettings:
    def load(self, monkeypatch, **env):
        for name in ("DJANGO_TRUSTED_PROXY_HOPS", "BLOG_COMMENT_IP_HEADER"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        import core.settings.security as security

        return importlib.reload(security)

    def test_default_trusts_no_proxy(self, monkeypatch):
        security = self.load(monkeypatch)
        assert security.TRUSTED_PROXY_HOPS == 0
        assert security.CLIENT_IP_HEADER == "HTTP_X_FORWARDED_FOR"

    def test_hops_and_a_header_name_as_written_in_http(self, monkeypatch):
        security = self.load(
            monkeypatch, DJANGO_TRUSTED_PROXY_HOPS="2", DJANGO_CLIENT_IP_HEADER="X-Real-IP"
        )
        assert security.TRUSTED_PROXY_HOPS == 2 and security.CLIENT_IP_HEADER == "HTTP_X_REAL_IP"

    @pytest.mark.parametrize("value", ["one", "-1", "11", "1.5"])
    def test_a_bad_hop_count_stops_the_site_with_a_clear_message(self, monkeypatch, value):
        with pytest.raises(ImproperlyConfigured, match="DJANGO_TRUSTED_PROXY_HOPS must be"):
            self.load(monkeypatch, DJANGO_TRUSTED_PROXY_HOPS=value)
        self.load(monkeypatch)

    def test_the_retired_header_setting_keeps_working_as_one_proxy(self, monkeypatch, settings):
        security = self.load(monkeypatch, BLOG_COMMENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
        assert security.TRUSTED_PROXY_HOPS == 1
        assert security.CLIENT_IP_HEADER == "HTTP_X_FORWARDED_FOR"
        self.load(monkeypatch)
        settings.BLOG_COMMENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        (warning,) = check_retired_header()
        assert warning.id == "blog.W001" and "DJANGO_TRUSTED_PROXY_HOPS" in warning.hint
        settings.BLOG_COMMENT_IP_HEADER = ""
        assert check_retired_header() == []
