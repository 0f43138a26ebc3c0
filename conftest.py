import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(autouse=True)
def _isolated_media(tmp_path):
    """Uploaded files go to a throwaway folder in every test."""
    # Pure-Python modules (hebrew.py, pdf.py) also run without Django (`-p no:django`).
    if not settings.configured:
        yield
        return
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture(autouse=True)
def _immediate_tasks():
    """Tasks (blog/tasks.py) run inside the request, as if a worker took them at once;
    blog/tests/test_tasks.py runs the database queue's real worker."""
    if not settings.configured:
        yield
        return
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    if not settings.configured:
        yield
        return
    from django.core.cache import caches

    for name in ("default", "fragments"):
        caches[name].clear()
    yield
    for name in ("default", "fragments"):
        caches[name].clear()


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
