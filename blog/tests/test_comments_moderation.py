"""Spam defences, moderation in the admin, notifications and the counts readers see."""

import pytest
from django.core import mail
from django.urls import reverse

from blog.models import BlockedTerm, Comment
from blog.tests.factories import make_comment, make_post
from blog.tests.test_comments import send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0


def test_the_honeypot_sends_a_comment_to_spam_without_losing_it(client):
    post = make_post()
    response = send(client, post, fax="buy now")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.status == Comment.Status.SPAM
    assert "מלכודת" in comment.moderation_note
    assert comment.body not in client.get(reverse("blog:index")).content.decode()


def test_the_honeypot_is_hidden_from_people_and_keyboards(client):
    html = client.get(make_post().get_absolute_url()).content.decode()
    trap = html[html.index('class="comment-form__trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap and 'tabindex="-1"' in trap and 'name="fax"' in trap


class TestRateLimit:
    def test_over_the_limit_the_form_comes_back_with_everything_typed(self, client, settings):
        settings.BLOG_COMMENT_RATE_LIMIT = 2
        post = make_post()
        assert send(client, post, body="ראשונה").status_code == 302
        assert send(client, post, body="שנייה").status_code == 302
        response = send(client, post, body="שלישית", author_name="אבי")
        html = response.content.decode()
        assert response.status_code == 429
        assert "נשלחו מכאן תגובות רבות בזמן קצר" in html
        assert "שלישית" in html and "אבי" in html
        assert Comment.objects.count() == 2

    def test_the_limit_is_per_address(self, client, settings):
        settings.BLOG_COMMENT_RATE_LIMIT = 1
        post = make_post()
        assert send(client, post, body="א").status_code == 302
        assert send(client, post, body="ב").status_code == 429
        url = reverse("blog:comment-create", kwargs={"slug": post.slug})
        from blog.tests.test_comments import form_data

        other = client.post(url, form_data(post, body="ג"), REMOTE_ADDR="203.0.113.9")
        assert other.status_code == 302

    def test_behind_a_proxy_the_trusted_hop_names_the_client(self, client, settings):
        settings.BLOG_COMMENT_RATE_LIMIT = 1
        settings.TRUSTED_PROXY_HOPS = 1
        post = make_post()
        url = reverse("blog:comment-create", kwargs={"slug": post.slug})
        from blog.tests.test_comments import form_data

        for n, ip in enumerate(["192.0.2.1", "192.0.2.2"]):
            response = client.post(
                url, form_data(post, body=f"תגובה {n}"), HTTP_X_FORWARDED_FOR=f"10.0.0.1, {ip}"
            )
            assert response.status_code == 302
        assert set(Comment.objects.values_list("ip_address", flat=True)) == {
            "192.0.2.1",
            "192.0.2.2",
        }


@pytest.mark.parametrize(
    ("links", "status"),
    [(2, Comment.Status.PENDING), (3, Comment.Status.PENDING), (7, Comment.Status.SPAM)],
)
def test_many_links_hold_a_comment_or_mark_it_spam(client, settings, links, status):
    settings.BLOG_COMMENT_MAX_LINKS = 2
    settings.BLOG_COMMENT_AUTO_APPROVE_KNOWN = True
    post = make_post()
    make_comment(post, author_email="dana@example.com")  # would be auto-approved otherwise
    body = " ".join(f"https://site{n}.example/" for n in range(links))
    assert send(client, post, body=body).status_code == 302
    comment = Comment.objects.get(body=body)
    if links <= 2:
        assert comment.status == Comment.Status.APPROVED
    else:
        assert comment.status == status
        assert f"({links})" in comment.moderation_note


@pytest.mark.parametrize(
    ("kind", "value", "overrides"),
    [
        ("word", "קזינו", {"body": "הכי טוב בקזינו אונליין"}),
        ("word", "viagra", {"author_name": "VIAGRA shop"}),
        ("email", "spammer@example.com", {"author_email": "Spammer@Example.com"}),
        ("email", "@spam.example", {"author_email": "anyone@spam.example"}),
        ("ip", "198.51.100.7", {}),
    ],
)
def test_the_blocklist_sends_matching_comments_to_spam(client, kind, value, overrides):
    BlockedTerm.objects.create(kind=kind, value=value)
    post = make_post()
    assert send(client, post, **overrides).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "רשימת חסימה" in comment.moderation_note
    assert not mail.outbox  # editors are not mailed about spam


def test_a_clean_comment_passes_the_blocklist(client):
    BlockedTerm.objects.create(kind="word", value="קזינו")
    BlockedTerm.objects.create(kind="email", value="@spam.example")
    send(client, make_post(), author_email="dana@not-spam.example")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_known_commenters_are_auto_approved_only_when_the_setting_is_on(client, settings):
    post = make_post()
    make_comment(post, author_email="DANA@example.com")
    make_comment(post, author_email="new@example.com", status=Comment.Status.PENDING)
    settings.BLOG_COMMENT_AUTO_APPROVE_KNOWN = False
    send(client, post, body="כבויה")
    settings.BLOG_COMMENT_AUTO_APPROVE_KNOWN = True
    send(client, post, body="פעילה")
    send(client, post, body="חדש", author_email="new@example.com")
    assert Comment.objects.get(body="כבויה").status == Comment.Status.PENDING
    assert Comment.objects.get(body="פעילה").status == Comment.Status.APPROVED
    assert Comment.objects.get(body="חדש").status == Comment.Status.PENDING
    html = client.get(post.get_absolute_url()).content.decode()
    assert "פעילה" in html and "תודה! התגובה פורסמה." not in html  # last one was pending


def test_editors_get_an_email_for_each_new_comment(client, settings):
    settings.BLOG_EDITOR_EMAILS = ["editor@example.org", "second@example.org"]
    post = make_post("פוסט על ממשל")
    send(client, post, body="תוכן לעורכים")
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org", "second@example.org"]
    assert "פוסט על ממשל" in message.subject and "ממתינה לאישור" in message.subject
    assert "תוכן לעורכים" in message.body and "dana@example.com" in message.body
    assert f"/admin/blog/comment/{comment.pk}/change/" in message.body


def test_a_mail_failure_never_loses_the_comment(client, settings):
    settings.EMAIL_BACKEND = "blog.tests.test_comments_moderation.BrokenMail"
    assert send(client, make_post()).status_code == 302
    assert Comment.objects.count() == 1


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


class TestAdmin:
    def test_changelist_shows_pending_count_excerpt_and_post(self, staff_client):
        post = make_post("פוסט עם תגובות")
        make_comment(post, status=Comment.Status.PENDING, body="ממתינה " + "מילה " * 40)
        make_comment(post, status=Comment.Status.PENDING)
        make_comment(post)
        response = staff_client.get(reverse("admin:blog_comment_changelist"))
        html = response.content.decode()
        assert "תגובות – 2 ממתינות לאישור" in html
        assert "פוסט עם תגובות" in html and "ממתינה מילה" in html and "…" in html
        filtered = staff_client.get(
            reverse("admin:blog_comment_changelist") + "?status__exact=approved"
        )
        assert len(filtered.context["cl"].result_list) == 1

    def test_no_pending_comments_is_said_too(self, staff_client):
        html = staff_client.get(reverse("admin:blog_comment_changelist")).content.decode()
        assert "תגובות – אין ממתינות" in html

    @pytest.mark.parametrize(
        ("action", "status"),
        [("approve", "approved"), ("mark_spam", "spam"), ("remove", "removed")],
    )
    def test_bulk_actions_change_status_and_counts(self, staff_client, client, action, status):
        post = make_post()
        make_comment(post)  # already approved
        targets = [make_comment(post, status=Comment.Status.PENDING) for _ in range(2)]
        targets.append(Comment.objects.approved().get())
        response = staff_client.post(
            reverse("admin:blog_comment_changelist"),
            {"action": action, "_selected_action": [c.pk for c in targets]},
            follow=True,
        )
        changed = Comment.objects.filter(pk__in=[c.pk for c in targets])
        assert all(c.status == status for c in changed)
        assert "תגובות" in response.content.decode()
        expected = 3 if status == "approved" else 0
        assert f"תגובות ({expected})" in client.get(post.get_absolute_url()).content.decode()
        assert f"{expected} תגובות</a>" in client.get(reverse("blog:index")).content.decode()

    def test_blocklist_is_editable_in_the_admin(self, staff_client):
        response = staff_client.post(
            reverse("admin:blog_blockedterm_add"), {"kind": "word", "value": "הימורים", "note": ""}
        )
        assert response.status_code == 302
        assert BlockedTerm.objects.filter(value="הימורים").exists()


def test_counts_follow_every_status_change(client):
    """Counts come from annotations, so any status change shows at once on every page."""
    post = make_post()
    comment = make_comment(post, status=Comment.Status.PENDING)
    make_comment(post, status=Comment.Status.SPAM)

    def counts():
        pages = [(post.get_absolute_url(), "תגובות (1)"), (reverse("blog:index"), "תגובה אחת")]
        return [text in client.get(url).content.decode() for url, text in pages]

    assert counts() == [False, False]
    for status, shown in [
        ("approved", True),
        ("spam", False),
        ("approved", True),
        ("removed", False),
        ("pending", False),
    ]:
        comment.status = status
        comment.save()
        assert counts() == [shown, shown], status
