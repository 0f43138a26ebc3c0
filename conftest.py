import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files go to a throwaway folder in every test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The republished article, loaded the way `make run` loads it."""
    call_command("load_seed", verbosity=0)
    from blog.models import Post

    return Post.objects.get()


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-12345!")


@pytest.fixture
def staff_client(staff_user):
    """A logged-in editor, separate from the anonymous `client`."""
    from django.test import Client

    staff = Client()
    staff.force_login(staff_user)
    return staff
